import { SqlDatabase, eventStoreMigrations } from '@registry/event-store';
import { describeProcessorContract, describeProjectionContract, describeSqlEventStoreContract } from '@registry/event-store/testing';
import { createPostgresDatabase } from '../support/databases';

jest.setTimeout(30_000);

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
beforeAll(async () => (database = await createPostgresDatabase()));
afterAll(() => database.drop());

const open = () => SqlDatabase.open({ dialect: 'postgres', url: database.url, poolSize: 20 }, { migrations: eventStoreMigrations });

describeSqlEventStoreContract('PostgreSQL', open);
describeProjectionContract('PostgreSQL', open);
describeProcessorContract('PostgreSQL', open);
