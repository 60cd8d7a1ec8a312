// The same contract and API suites against real PostgreSQL (and Kafka): `npm run test:services`.
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: 'test/services/.*\\.services-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/services/require-services.ts',
  maxWorkers: 1,
};
