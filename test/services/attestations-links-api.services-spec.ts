import { describeAttestationsAndLinksApi } from '../api/attestations-links-api.suite';
import { createPostgresDatabase } from '../support/databases';
import { startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => (database = await createPostgresDatabase()));
afterAll(() => database.drop());

describeAttestationsAndLinksApi('PostgreSQL', () => startRegistry({ DATABASE_URL: database.url }));
