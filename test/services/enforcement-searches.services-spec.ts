import { describeEnforcementSearches } from '../api/enforcement-searches.suite';
import { createPostgresDatabase } from '../support/databases';
import { startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => (database = await createPostgresDatabase()));
afterAll(() => database.drop());

describeEnforcementSearches('PostgreSQL', () => startRegistry({ DATABASE_URL: database.url }));
