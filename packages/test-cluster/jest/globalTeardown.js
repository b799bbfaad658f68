require('@backstage/cli/config/nodeTransform.cjs');
module.exports = require('../src/jest/globalTeardown').default;
