import { startRegistry } from '../support/registry-app';
import { describeObligationsApi } from './obligations.suite';
import { sqliteFilesAtRest } from './privacy.suite';

jest.setTimeout(60_000);
describeObligationsApi('SQLite', () => startRegistry(), sqliteFilesAtRest);
