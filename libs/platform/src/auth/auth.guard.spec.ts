import { Controller, ExecutionContext, ForbiddenException, Type, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '../http/public.decorator';
import { AuthGuard } from './auth.guard';
import { Authenticator, CredentialsRequest } from './authenticator';
import { Principal } from './principal';
import { Roles } from './roles.decorator';

const admin: Principal = { id: 'ops-admin', role: 'admin', name: 'Ops' };
const platform: Principal = { id: 'shopee-api', role: 'platform', name: 'Shopee', platformId: 'shopee' };
const officer: Principal = { id: 'qltt-017', role: 'enforcement', name: 'Officer', agency: 'qltt-hn' };

@Controller()
class Routes {
  @Public() health() {}
  administer() {}
  @Roles('platform', 'partner') registerShop() {}
}

@Roles('enforcement')
@Controller()
class EnforcementRoutes {
  findOperator() {}
  @Roles('tax_office') obligations() {}
}

/** Answers from a fixed table of header values, as a real authenticator would from its store. */
class FakeAuthenticator extends Authenticator {
  calls = 0;
  constructor(
    private readonly header: string,
    private readonly known: Record<string, Principal>,
  ) {
    super();
  }
  async authenticate(request: CredentialsRequest) {
    this.calls++;
    const value = request.headers[this.header];
    if (value === undefined) return undefined;
    return this.known[value as string] ?? null;
  }
}

const apiKeys = new FakeAuthenticator('x-api-key', { sir_admin: admin, sir_platform: platform, sir_officer: officer });
const tokens = new FakeAuthenticator('x-token', { 'jwt-officer': officer });
const guard = new AuthGuard(new Reflector(), [apiKeys, tokens]);

function call(controller: Type, handler: string, headers: Record<string, string> = {}) {
  const request: CredentialsRequest & { principal?: Principal } = { headers };
  const context = {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => controller.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { request, result: guard.canActivate(context) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the auth guard', () => {
  beforeEach(() => {
    apiKeys.calls = 0;
    tokens.calls = 0;
  });

  it('lets anyone reach a public route, and reads the credentials sent there without requiring them', async () => {
    const anonymous = call(Routes, 'health');
    await expect(anonymous.result).resolves.toBe(true);
    expect(anonymous.request.principal).toBeUndefined();
    const unknown = call(Routes, 'health', { 'x-api-key': 'sir_nobody' });
    await expect(unknown.result).resolves.toBe(true);
    expect(unknown.request.principal).toBeUndefined();
    const known = call(Routes, 'health', { 'x-api-key': 'sir_admin' });
    await expect(known.result).resolves.toBe(true);
    expect(known.request.principal).toEqual(admin);
  });

  it('answers 401 when no authenticator finds credentials', async () => {
    const error = await rejection(call(Routes, 'administer').result);
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).getResponse()).toMatchObject({ message: 'credentials: missing or invalid API key' });
  });

  it('answers 401 for an unknown key, without letting another authenticator vouch for the request', async () => {
    await expect(call(Routes, 'administer', { 'x-api-key': 'sir_forged', 'x-token': 'jwt-officer' }).result).rejects.toBeInstanceOf(UnauthorizedException);
    expect(tokens.calls).toBe(0);
  });

  it('asks the next authenticator when the first finds no credentials of its kind', async () => {
    const { request, result } = call(EnforcementRoutes, 'findOperator', { 'x-token': 'jwt-officer' });
    await expect(result).resolves.toBe(true);
    expect(request.principal).toEqual(officer);
  });

  it('puts the authenticated principal on the request', async () => {
    const { request, result } = call(Routes, 'administer', { 'x-api-key': 'sir_admin' });
    await expect(result).resolves.toBe(true);
    expect(request.principal).toEqual(admin);
  });

  it('keeps a route without @Roles for administrators only', async () => {
    await expect(call(Routes, 'administer', { 'x-api-key': 'sir_platform' }).result).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('lets through the roles a route names, and only those', async () => {
    await expect(call(Routes, 'registerShop', { 'x-api-key': 'sir_platform' }).result).resolves.toBe(true);
    const error = await rejection(call(Routes, 'registerShop', { 'x-api-key': 'sir_admin' }).result);
    expect(error).toBeInstanceOf(ForbiddenException);
    expect((error as ForbiddenException).getResponse()).toMatchObject({ message: 'role: admin may not call this route' });
  });

  it('applies the roles of the controller, unless the route names its own', async () => {
    await expect(call(EnforcementRoutes, 'findOperator', { 'x-api-key': 'sir_officer' }).result).resolves.toBe(true);
    await expect(call(EnforcementRoutes, 'obligations', { 'x-api-key': 'sir_officer' }).result).rejects.toBeInstanceOf(ForbiddenException);
  });
});
