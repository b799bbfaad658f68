/*
 * Jest configuration for benchmarks that need the test cluster (`*.bench.int.ts` under
 * packages/bench/src, run by `yarn bench:intent`): the integration configuration (its global
 * setup starts the cluster), with one project for this package built like the backend
 * plugin's. `yarn test:integration` does not match these files.
 */
const path = require('node:path');
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const integration = require('../../jest.integration.config.js');

module.exports = (async () => {
  const config = await integration;
  const backend = config.projects.find(
    p => p.displayName === '@stagecraft/plugin-stagecraft-backend',
  );
  return {
    ...config,
    projects: [
      {
        ...backend,
        displayName: '@stagecraft/bench',
        rootDir: path.resolve(__dirname, 'src'),
        testMatch: ['**/*.bench.int.ts'],
      },
    ],
  };
})();
