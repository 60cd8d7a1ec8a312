import { startRegistry } from '../support/registry-app';
import { describeEnforcementSearches } from './enforcement-searches.suite';

describeEnforcementSearches('SQLite', () => startRegistry());
