// The investigator workspace in headless Chromium: `npm run test:browser` (needs /usr/bin/chromium, see .ci/install-chromium.sh).
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // A browser start and a first page load take seconds on a shared machine; hung runs still fail.
  testTimeout: 120_000,
};
