require('@backstage/cli/config/nodeTransform.cjs');
module.exports = require('./globalTeardown.ts').default;
