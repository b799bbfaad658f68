// Jest loads global setup outside any project transform, so compile the TypeScript here.
require('@backstage/cli/config/nodeTransform.cjs');
module.exports = require('./globalSetup.ts').default;
