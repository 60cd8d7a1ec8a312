import { startRegistry } from '../support/registry-app';
import { describeEnforcementApi } from './enforcement.suite';

describeEnforcementApi('SQLite', () => startRegistry());
