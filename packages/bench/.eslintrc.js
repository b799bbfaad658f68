const config = require('@backstage/cli/config/eslint-factory')(__dirname);

// Benchmarks measure the plugins' internals and reuse their test fixtures, so they import
// package paths the plugins do not export (`…/src/…`, `__testUtils__`). This package is
// private and never built or published; nothing else may import those paths.
module.exports = {
  ...config,
  rules: {
    ...config.rules,
    '@backstage/no-forbidden-package-imports': 'off',
    'no-restricted-imports': 'off',
  },
};
