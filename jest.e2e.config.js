/*
 * Jest configuration for end-to-end tests (`packages/<pkg>/e2e-tests/<name>.e2e.test.ts`), run by
 * `yarn test:e2e`: Playwright (playwright-core) drives Debian's Chromium against the app.
 *
 * Global setup starts the shared local cluster and the app on ports 3100/7100 (or attaches to
 * STAGECRAFT_E2E_URL); screenshots and the app log go to e2e-artifacts/.
 */
const path = require('node:path');

module.exports = (async () => {
  const base = await require('@backstage/cli/config/jest');
  // Borrow the transform of a Node-side package; e2e tests run in Node, not jsdom.
  const nodeProject = base.projects.find(
    p => p.displayName === '@stagecraft/test-cluster',
  );
  return {
    rootDir: __dirname,
    testTimeout: 120_000,
    // One file at a time: every e2e file drives the same app, cluster and catalog file, and
    // some change what others rely on (diagnose.e2e.test.ts breaks checkout-api's dev image
    // and restores it only in its afterAll, while other files need checkout-api Synced in
    // dev). Jest's default of one worker per core would run them side by side.
    maxWorkers: 1,
    globalSetup: path.resolve(
      __dirname,
      'packages/app/e2e-tests/support/globalSetup.js',
    ),
    globalTeardown: path.resolve(
      __dirname,
      'packages/app/e2e-tests/support/globalTeardown.js',
    ),
    projects: [
      {
        ...nodeProject,
        displayName: 'e2e',
        rootDir: __dirname,
        roots: ['<rootDir>/packages', '<rootDir>/plugins'],
        testMatch: ['**/e2e-tests/**/*.e2e.test.ts'],
        testPathIgnorePatterns: ['/node_modules/'],
        setupFilesAfterEnv: [],
      },
    ],
  };
})();
