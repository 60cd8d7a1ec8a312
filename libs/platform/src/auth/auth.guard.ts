import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../http/public.decorator';
import { AUTHENTICATORS, Authenticator, CredentialsRequest } from './authenticator';
import { Principal, Role } from './principal';
import { ALLOWED_ROLES } from './roles.decorator';

export const UNAUTHENTICATED_MESSAGE = 'credentials: missing or invalid API key';

/** A route that names no roles is for administrators only: forgetting `@Roles` never opens it. */
const WITHOUT_ROLES: readonly Role[] = ['admin'];

interface AuthenticatedRequest extends CredentialsRequest {
  principal?: Principal;
}

/** What a route's decorators say; read once per handler and class (decorators do not change once the app runs). */
interface RouteAccess {
  readonly isPublic: boolean | undefined;
  readonly allowed: readonly Role[];
}

/**
 * Every route needs a principal unless it is `@Public()`, and a role its `@Roles(...)` allows
 * (the handler's list wins over the controller's). Sets `request.principal`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATORS) private readonly authenticators: readonly Authenticator[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, allowed } = this.accessOf(context);
    // Other transports carry no credentials this guard reads: denied unless public.
    if (context.getType() !== 'http') return isPublic === true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    // A public route answers everyone; one that shows more to some callers finds them in `request.principal`.
    if (isPublic) {
      if (principal) request.principal = principal;
      return true;
    }
    if (!principal) throw new UnauthorizedException(UNAUTHENTICATED_MESSAGE);
    request.principal = principal;

    if (!allowed.includes(principal.role)) throw new ForbiddenException(`role: ${principal.role} may not call this route`);
    return true;
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byClass = this.routes.get(handler);
    if (!byClass) this.routes.set(handler, (byClass = new WeakMap()));
    let access = byClass.get(controller);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets),
        allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? WITHOUT_ROLES,
      };
      byClass.set(controller, access);
    }
    return access;
  }

  /** The first authenticator that finds credentials of its kind decides; none finding any is a 401 too. */
  private async authenticate(request: AuthenticatedRequest): Promise<Principal | null> {
    for (const authenticator of this.authenticators) {
      const principal = await authenticator.authenticate(request);
      if (principal !== undefined) return principal;
    }
    return null;
  }
}
