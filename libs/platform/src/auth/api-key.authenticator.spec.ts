import { EventMetadata, Processor, SqlDatabase, SqlEventStore, eventStoreMigrations } from '@registry/event-store';
import { openTemporarySqlite } from '../../../../test/support/databases';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { generateApiKey, hashApiKey } from './api-keys';
import { Principal } from './principal';
import { PrincipalDirectory } from './principal-directory/principal-directory';
import { PRINCIPAL_DIRECTORY, PrincipalDirectoryProjection } from './principal-directory/principal-directory.projection';
import { PrincipalService } from './principal.service';
import { authMigrations } from '.';

const metadata: EventMetadata = { correlationId: 'c-1', causationId: null, principal: 'ops-admin' };
const bank: Principal = { id: 'vcb-api', role: 'partner', name: 'Vietcombank', partnerId: 'vcb', partnerKind: 'bank' };

describe('API key authentication', () => {
  let db: SqlDatabase;
  let principals: PrincipalService;
  let directory: PrincipalDirectory;
  let runner: Processor;
  let authenticator: ApiKeyAuthenticator;
  let key: string;

  const withKey = (value: string) => authenticator.authenticate({ headers: { 'x-api-key': value } });
  const project = () => runner.catchUp(PRINCIPAL_DIRECTORY);

  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [...eventStoreMigrations, ...authMigrations] });
    const store = new SqlEventStore(db);
    directory = new PrincipalDirectory(db);
    principals = new PrincipalService(store, directory);
    runner = new Processor(store, db, [new PrincipalDirectoryProjection()]);
    authenticator = new ApiKeyAuthenticator(directory);
    key = generateApiKey();
    await principals.append(bank.id, { type: 'CreatePrincipal', principal: bank, keyHash: hashApiKey(key) }, metadata);
    await project();
  });

  afterEach(() => db.close());

  it('finds the principal of a key given in x-api-key', async () => {
    await expect(withKey(key)).resolves.toEqual(bank);
  });

  it('finds the principal of a key given as a bearer token', async () => {
    await expect(authenticator.authenticate({ headers: { authorization: `Bearer ${key}` } })).resolves.toEqual(bank);
  });

  it('refuses a key it does not know, or anything that is not a registry key', async () => {
    await expect(withKey(generateApiKey())).resolves.toBeNull();
    await expect(withKey(hashApiKey(key))).resolves.toBeNull();
    await expect(withKey(`${key}x`)).resolves.toBeNull();
    await expect(authenticator.authenticate({ headers: { 'x-api-key': [key, key] } })).resolves.toBeNull();
  });

  it('leaves requests without an API key, or with another kind of bearer token, to the next authenticator', async () => {
    await expect(authenticator.authenticate({ headers: {} })).resolves.toBeUndefined();
    await expect(authenticator.authenticate({ headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig' } })).resolves.toBeUndefined();
    await expect(authenticator.authenticate({ headers: { authorization: `Basic ${key}` } })).resolves.toBeUndefined();
  });

  it('accepts only the new key once the key is rotated', async () => {
    const rotated = generateApiKey();
    await principals.append(bank.id, { type: 'RotateApiKey', keyHash: hashApiKey(rotated) }, metadata);
    await project();
    await expect(withKey(key)).resolves.toBeNull();
    await expect(withKey(rotated)).resolves.toEqual(bank);
  });

  it('refuses the key of a revoked principal, which stays listed as revoked', async () => {
    await principals.append(bank.id, { type: 'RevokePrincipal', reason: 'contract ended' }, metadata);
    await project();
    await expect(withKey(key)).resolves.toBeNull();
    const [listed] = await directory.list();
    expect(listed).toMatchObject({ principalId: 'vcb-api', role: 'partner', partnerId: 'vcb', partnerKind: 'bank' });
    expect(listed.revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain(hashApiKey(key));
  });

  it('is rebuilt to the same directory from the events', async () => {
    await principals.append(bank.id, { type: 'RevokePrincipal', reason: 'contract ended' }, metadata);
    await project();
    const before = await directory.list();
    await runner.rebuild(PRINCIPAL_DIRECTORY);
    await expect(directory.list()).resolves.toEqual(before);
  });

  it('tells a writer when the directory has applied its change, and when it has not in time', async () => {
    const { positions } = await principals.append(bank.id, { type: 'RotateApiKey', keyHash: hashApiKey(generateApiKey()) }, metadata);
    await expect(directory.waitUntilApplied(positions[0], 50)).resolves.toBe(false);
    await project();
    await expect(directory.waitUntilApplied(positions[0], 50)).resolves.toBe(true);
  });

  describe('with principals kept in memory for 5 s', () => {
    let clock: number;
    let cachedAuthenticator: ApiKeyAuthenticator;
    let cachedPrincipals: PrincipalService;
    const cachedWithKey = (value: string) => cachedAuthenticator.authenticate({ headers: { 'x-api-key': value } });
    /** Runs the directory's projection while a change waits for it, as the projection runner does in the service. */
    const projecting = async <T>(change: Promise<T>): Promise<T> => {
      let waiting = true;
      const done = change.then(
        (value) => ((waiting = false), value),
        (error: unknown) => ((waiting = false), Promise.reject(error)),
      );
      while (waiting) {
        await project();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return done;
    };

    beforeEach(() => {
      clock = 1_000_000;
      const cached = new PrincipalDirectory(db, { ttlMs: 5_000, now: () => clock });
      cachedAuthenticator = new ApiKeyAuthenticator(cached);
      cachedPrincipals = new PrincipalService(new SqlEventStore(db), cached);
    });

    it('refuses a key revoked by another process once the time kept has run out, never later', async () => {
      await expect(cachedWithKey(key)).resolves.toEqual(bank);
      // Another process revokes (this one's directory is not told), and the directory applies it.
      await principals.append(bank.id, { type: 'RevokePrincipal', reason: 'key leaked' }, metadata);
      await project();

      clock += 4_999;
      await expect(cachedWithKey(key)).resolves.toEqual(bank);
      clock += 1;
      await expect(cachedWithKey(key)).resolves.toBeNull();
    });

    it('refuses a revoked key at once in the process that revoked it', async () => {
      await expect(cachedWithKey(key)).resolves.toEqual(bank);
      const revoked = await projecting(cachedPrincipals.change(bank.id, { type: 'RevokePrincipal', reason: 'key leaked' }, metadata));
      expect(revoked.applied).toBe(true);
      await expect(cachedWithKey(key)).resolves.toBeNull();
    });

    it('accepts only the new key at once in the process that rotated it', async () => {
      await expect(cachedWithKey(key)).resolves.toEqual(bank);
      const rotated = generateApiKey();
      await projecting(cachedPrincipals.change(bank.id, { type: 'RotateApiKey', keyHash: hashApiKey(rotated) }, metadata));
      await expect(cachedWithKey(key)).resolves.toBeNull();
      await expect(cachedWithKey(rotated)).resolves.toEqual(bank);
    });

    it('never keeps a key it does not know: a key created later works at once', async () => {
      const later = generateApiKey();
      const partner: Principal = { id: 'mb-api', role: 'partner', name: 'MB Bank', partnerId: 'mb', partnerKind: 'bank' };
      await expect(cachedWithKey(later)).resolves.toBeNull();
      await principals.append(partner.id, { type: 'CreatePrincipal', principal: partner, keyHash: hashApiKey(later) }, metadata);
      await project();
      await expect(cachedWithKey(later)).resolves.toEqual(partner);
    });
  });
});
