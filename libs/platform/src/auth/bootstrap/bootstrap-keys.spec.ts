import { Logger } from '@nestjs/common';
import { Processor, SqlDatabase, SqlEventStore, eventStoreMigrations } from '@registry/event-store';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readApiKeyFile } from '../../../../../test/support/api-key-file';
import { openTemporarySqlite } from '../../../../../test/support/databases';
import { RegistryConfig } from '../../config/registry-config';
import { ApiKeyAuthenticator } from '../api-key.authenticator';
import { authMigrations } from '../index';
import { PrincipalDirectory } from '../principal-directory/principal-directory';
import { PrincipalDirectoryProjection } from '../principal-directory/principal-directory.projection';
import { PrincipalService } from '../principal.service';
import { apiKeyFilePath } from './api-key-file';
import { BOOTSTRAP_PRINCIPALS, BootstrapKeys } from './bootstrap-keys';

describe('the first-start keys', () => {
  let db: SqlDatabase;
  let store: SqlEventStore;
  let directory: PrincipalDirectory;
  const dataDirs: string[] = [];

  /** One process starting on the shared database, with a data folder of its own. */
  function startProcess(bootstrapKeys = true) {
    const dataDir = mkdtempSync(join(tmpdir(), 'registry-bootstrap-'));
    dataDirs.push(dataDir);
    const runner = new Processor(store, db, [new PrincipalDirectoryProjection()]);
    const config = { dataDir, role: 'all', bootstrapKeys } as RegistryConfig;
    return { dataDir, bootstrap: new BootstrapKeys(store, new PrincipalService(store, directory), directory, runner, config) };
  }

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    db = await openTemporarySqlite({ migrations: [...eventStoreMigrations, ...authMigrations] });
    store = new SqlEventStore(db);
    directory = new PrincipalDirectory(db);
  });

  afterEach(async () => {
    await db.close();
    dataDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('creates one principal per bootstrap entry, with keys that work once the start is over', async () => {
    const { dataDir, bootstrap } = startProcess();
    await bootstrap.onApplicationBootstrap();
    const file = readApiKeyFile(dataDir);
    expect(statSync(apiKeyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    const authenticator = new ApiKeyAuthenticator(directory);
    for (const [i, { principalId, apiKey }] of file.principals.entries()) {
      await expect(authenticator.authenticate({ headers: { 'x-api-key': apiKey } })).resolves.toEqual(BOOTSTRAP_PRINCIPALS[i]);
      expect(principalId).toBe(BOOTSTRAP_PRINCIPALS[i].id);
    }
  });

  it('is done by one process only when two start at once', async () => {
    const first = startProcess();
    const second = startProcess();
    await Promise.all([first.bootstrap.onApplicationBootstrap(), second.bootstrap.onApplicationBootstrap()]);
    expect([existsSync(apiKeyFilePath(first.dataDir)), existsSync(apiKeyFilePath(second.dataDir))].sort()).toEqual([false, true]);
    await expect(directory.list()).resolves.toHaveLength(BOOTSTRAP_PRINCIPALS.length);
  });

  it('is not done again on a later start', async () => {
    await startProcess().bootstrap.onApplicationBootstrap();
    const later = startProcess();
    await later.bootstrap.onApplicationBootstrap();
    expect(existsSync(apiKeyFilePath(later.dataDir))).toBe(false);
  });

  it('is not done when switched off (REGISTRY_BOOTSTRAP_KEYS=0)', async () => {
    const { dataDir, bootstrap } = startProcess(false);
    await bootstrap.onApplicationBootstrap();
    expect(existsSync(apiKeyFilePath(dataDir))).toBe(false);
    await expect(store.headPosition()).resolves.toBe(0);
  });
});
