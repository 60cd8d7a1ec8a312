import { openTemporarySqlite } from '../../../../test/support/databases';
import { describeProcessorContract, describeProjectionContract, describeSqlEventStoreContract } from '../testing';
import { eventStoreMigrations } from './migrations';

jest.setTimeout(30_000);

const open = () => openTemporarySqlite({ migrations: eventStoreMigrations });

describeSqlEventStoreContract('SQLite', open);
describeProjectionContract('SQLite', open);
describeProcessorContract('SQLite', open);
