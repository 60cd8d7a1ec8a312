import { startRegistry } from '../support/registry-app';
import { describeAttestationsAndLinksApi } from './attestations-links-api.suite';

jest.setTimeout(60_000);
describeAttestationsAndLinksApi('SQLite', () => startRegistry());
