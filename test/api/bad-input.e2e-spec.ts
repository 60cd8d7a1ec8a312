import { startRegistry } from '../support/registry-app';
import { describeBadInput } from './bad-input.suite';

jest.setTimeout(60_000);
describeBadInput('SQLite', () => startRegistry({ REGISTRY_BODY_LIMIT: '256kb' }));
