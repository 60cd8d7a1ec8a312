// The same contract and API suites against real PostgreSQL (and Kafka): `npm run test:services`.
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: 'test/services/.*\\.services-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/services/require-services.ts',
  maxWorkers: 1,
  // A Kafka test that fails half-way can leave a client's reconnect timers behind; the run must
  // still end and report the failure rather than wait for them.
  forceExit: true,
};
