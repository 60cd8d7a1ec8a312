import { describeObligationsApi } from '../api/obligations.suite';
import { postgresTablesAtRest } from '../api/privacy.suite';
import { createPostgresDatabase } from '../support/databases';
import { startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => (database = await createPostgresDatabase()));
afterAll(() => database.drop());

describeObligationsApi('PostgreSQL', () => startRegistry({ DATABASE_URL: database.url }), postgresTablesAtRest);
