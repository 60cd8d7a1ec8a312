import { startRegistry } from '../support/registry-app';
import { describeShopsApi } from './shops-api.suite';

jest.setTimeout(60_000);
describeShopsApi('SQLite', () => startRegistry());
