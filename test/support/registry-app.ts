import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, Processor, SqlDatabase } from '@registry/event-store';
import { OperatorRevenueAttributor } from '@registry/obligations';
import { configFromEnv, createLogger } from '@registry/platform';
import { readApiKeyFile } from './api-key-file';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/create-app';

export interface RunningRegistry {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  /** The environment it was configured from: what an operator command run beside it is given. */
  readonly env: Readonly<Record<string, string>>;
  readonly store: EventStore;
  readonly db: SqlDatabase;
  /** Every line logged in this test file, for tests that look for what must never be logged. */
  readonly logs: string[];
  http(): ReturnType<typeof request>;
  /** The API key of a bootstrap principal (`bootstrap-admin`, `demo-platform`, `demo-bank`, …). */
  key(principalId: string): string;
  /** Creates a principal through the admin API and returns its key. */
  addPrincipal(profile: Record<string, unknown>): Promise<string>;
  /** Waits until every projection has applied every event. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One log for the test file: Nest keeps the logger of the first application for what is logged
 * outside a request (nestjs-pino holds it once per process), so a second registry logs there too.
 */
const logs: string[] = [];
const logger = createLogger('debug', { write: (line: string) => logs.push(line.trimEnd()) });

/** Starts the service as `npm start` does, on a fresh data folder; `DATABASE_URL` in env selects PostgreSQL. */
export async function startRegistry(env: Record<string, string> = {}): Promise<RunningRegistry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-'));
  const started = { REGISTRY_DATA_DIR: dataDir, ...env };
  const app = await createRegistryApp(configFromEnv(started), logger);
  // Listening before the first request: supertest on a bare server listens and closes per request,
  // which resets whatever other request is in flight on it at that moment (tests that poll while
  // they post).
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const keys = new Map(readApiKeyFile(started.REGISTRY_DATA_DIR).principals.map((p) => [p.principalId, p.apiKey]));
  const http = () => request(`http://127.0.0.1:${port}`);
  const runner = app.get(Processor);
  return {
    app,
    dataDir,
    env: started,
    logs,
    store: app.get(EventStore),
    db: app.get(SqlDatabase),
    http,
    key(principalId) {
      const key = keys.get(principalId);
      if (!key) throw new Error(`no bootstrap key for ${principalId}`);
      return key;
    },
    async addPrincipal(profile) {
      const response = await http().post('/admin/principals').set('x-api-key', keys.get('bootstrap-admin')!).send(profile);
      if (response.status !== 201) throw new Error(`could not create principal: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.apiKey as string;
    },
    async settle() {
      // Projections, and the operator-revenue worker, whose events the projections then read in turn.
      const operatorRevenue = app.get(OperatorRevenueAttributor);
      const settled = async () => {
        if ((await runner.status()).some((s) => s.lag > 0)) return false;
        const worker = await operatorRevenue.status();
        return worker.lag === 0 && worker.graphLag === 0;
      };
      // Generous: a shared 2-core machine under load took 7 s for 300 shops on PostgreSQL; a hang still fails.
      const deadline = Date.now() + 30_000;
      while (!(await settled())) {
        if (Date.now() > deadline) throw new Error('projections did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The response if it is a 200, else an error naming its status, body and the registry's last error lines: what a failing read shows. */
export function answeredOk<R extends { status: number; body: unknown }>(registry: RunningRegistry, response: R): R {
  if (response.status === 200) return response;
  const errors = registry.logs.filter((line) => line.includes('error')).slice(-3);
  throw new Error(`HTTP ${response.status}: ${JSON.stringify(response.body)}\n${errors.join('\n')}`);
}
