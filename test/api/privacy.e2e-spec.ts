import { startRegistry } from '../support/registry-app';
import { describePrivacy, sqliteFilesAtRest } from './privacy.suite';

jest.setTimeout(60_000);
describePrivacy('SQLite', () => startRegistry(), sqliteFilesAtRest);
