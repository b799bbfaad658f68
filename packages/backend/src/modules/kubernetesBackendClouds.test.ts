import { execFileSync } from 'node:child_process';

/**
 * Runs `body` in a fresh Node process, as the backend runs: Jest's module registry is not
 * Node's, and what is asserted here is what Node's `require` does.
 */
function inFreshNode(body: string): Record<string, unknown> {
  const script = `
    const { deferKubernetesBackendClouds, KUBERNETES_BACKEND_CLOUD_MODULES } = require(${JSON.stringify(
      require.resolve('./kubernetesBackendClouds'),
    )});
    const { dirname, join } = require('node:path');
    const kubernetesBackend = require.resolve('@backstage/plugin-kubernetes-backend');
    const loadedFrom = dir => Object.keys(require.cache).filter(p => p.includes(dir)).length;
    const out = {};
    ${body}
    process.stdout.write(JSON.stringify(out));
  `;
  const output = execFileSync(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '-e',
      script,
    ],
    { cwd: __dirname, encoding: 'utf8', timeout: 120_000 },
  );
  return JSON.parse(output);
}

// Loading the Kubernetes backend in a child process takes seconds on a busy machine.
jest.setTimeout(180_000);

describe('deferKubernetesBackendClouds', () => {
  it('keeps the GKE client unloaded while the Kubernetes backend loads, and loads it on first use', () => {
    const out = inFreshNode(`
      out.deferred = deferKubernetesBackendClouds();
      require('@backstage/plugin-kubernetes-backend');
      // The stand-in is one cache entry; the real client would bring hundreds of files.
      out.gaxFilesBeforeUse = loadedFrom('/google-gax/');
      out.containerFilesBeforeUse = loadedFrom('/@google-cloud/container/');
      // What the stock backend does when a GKE cluster locator is configured.
      const { GkeClusterLocator } = require(join(dirname(kubernetesBackend), 'cluster-locator/GkeClusterLocator.cjs.js'));
      const { ConfigReader } = require('@backstage/config');
      const logger = { info() {}, warn() {}, error() {}, debug() {}, child() { return logger; } };
      const locator = GkeClusterLocator.fromConfig(new ConfigReader({ projectId: 'p' }), logger);
      const real = require('@google-cloud/container');
      out.clientIsReal = locator.client instanceof real.v1.ClusterManagerClient;
      out.gaxFilesAfterUse = loadedFrom('/google-gax/');
      out.containerFilesAfterUse = loadedFrom('/@google-cloud/container/');
    `);
    expect(out).toEqual({
      deferred: ['@google-cloud/container'],
      gaxFilesBeforeUse: 0,
      containerFilesBeforeUse: 1,
      clientIsReal: true,
      gaxFilesAfterUse: expect.any(Number),
      containerFilesAfterUse: expect.any(Number),
    });
    expect(out.gaxFilesAfterUse).toBeGreaterThan(10);
    expect(out.containerFilesAfterUse).toBeGreaterThan(1);
  });

  it('declares each deferred module’s default export as the installed version has it', () => {
    // The stand-in answers `'default' in exports` without loading; a wrong answer would hand
    // rollup's interop the wrong namespace.
    const out = inFreshNode(`
      const { createRequire } = require('node:module');
      const requireFrom = createRequire(kubernetesBackend);
      out.declared = KUBERNETES_BACKEND_CLOUD_MODULES.map(m => [m.specifier, m.hasDefaultExport]);
      out.installed = KUBERNETES_BACKEND_CLOUD_MODULES.map(m => [m.specifier, 'default' in requireFrom(m.specifier)]);
    `);
    expect(out.declared).toEqual(out.installed);
  });

  it('puts what is written to the stand-in on the real module, where later requires find it', () => {
    const out = inFreshNode(`
      const { createRequire } = require('node:module');
      const requireFrom = createRequire(kubernetesBackend);
      deferKubernetesBackendClouds();
      const standIn = requireFrom('@google-cloud/container');
      standIn.stagecraftWritten = 'set';
      Object.defineProperty(standIn, 'stagecraftDefined', { value: 'defined', enumerable: true });
      const real = requireFrom('@google-cloud/container');
      out.realIsNotTheStandIn = real !== standIn;
      out.written = real.stagecraftWritten;
      out.defined = real.stagecraftDefined;
      delete standIn.stagecraftWritten;
      out.deleted = !('stagecraftWritten' in real);
    `);
    expect(out).toEqual({
      realIsNotTheStandIn: true,
      written: 'set',
      defined: 'defined',
      deleted: true,
    });
  });

  it('leaves a module already loaded alone', () => {
    const out = inFreshNode(`
      const { createRequire } = require('node:module');
      const real = createRequire(kubernetesBackend)('@google-cloud/container');
      out.deferred = deferKubernetesBackendClouds();
      out.same = createRequire(kubernetesBackend)('@google-cloud/container') === real;
    `);
    expect(out).toEqual({ deferred: [], same: true });
  });
});
