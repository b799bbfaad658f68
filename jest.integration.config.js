/*
 * Jest configuration for integration tests (`*.int.test.ts`), run by `yarn test:integration`.
 *
 * It reuses the Backstage CLI's per-package projects (transforms, environments) but matches
 * only integration tests, and adds one global setup that starts a real local Kubernetes
 * control plane for the whole run (packages/test-cluster). `yarn test` excludes these files.
 */
const path = require('node:path');

module.exports = (async () => {
  const base = await require('@backstage/cli/config/jest');
  return {
    ...base,
    // Real clusters are slower than unit tests; each test still has a bound.
    testTimeout: 60_000,
    globalSetup: path.resolve(
      __dirname,
      'packages/test-cluster/jest/globalSetup.js',
    ),
    globalTeardown: path.resolve(
      __dirname,
      'packages/test-cluster/jest/globalTeardown.js',
    ),
    projects: base.projects.map(project => ({
      ...project,
      testMatch: ['**/*.int.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    })),
  };
})();
