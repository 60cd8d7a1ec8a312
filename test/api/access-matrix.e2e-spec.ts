import { startRegistry } from '../support/registry-app';
import { describeAccessMatrix } from './access-matrix.suite';

jest.setTimeout(60_000);
describeAccessMatrix('SQLite', () => startRegistry());
