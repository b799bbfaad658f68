import { createMockDirectory } from '@backstage/backend-test-utils';
import { run } from './program';

function captureIo() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    streams: {
      out: (t: string) => void (io.stdout += t),
      err: (t: string) => void (io.stderr += t),
    },
  };
}

const component = (
  name: string,
  extra = '',
) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  owner: team-a
${extra}`;

describe('stagecraft validate', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('exits 0 and summarises a valid folder', async () => {
    dir.setContent({
      'a/catalog-info.yaml': component('one', '  lifecycle: production\n'),
      'README.md': '# not yaml',
    });
    const { io, streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'validate', dir.path], streams),
    ).resolves.toBe(0);
    expect(io.stdout).toBe('0 problem(s) in 1 entities from 1 file(s)\n');
  });

  it('exits 1 and prints file, entity and field for every problem', async () => {
    dir.setContent({
      'bad.yaml': `${component('one')}---\n${component('two')}`,
    });
    const { io, streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'validate', dir.resolve('bad.yaml')], streams),
    ).resolves.toBe(1);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${dir.resolve('bad.yaml')}: component:default/one spec: .*lifecycle`,
      ),
    );
    expect(lines[1]).toMatch(/component:default\/two spec: .*lifecycle/);
    expect(lines[2]).toBe('2 problem(s) in 2 entities from 1 file(s)');
  });

  it('exits 2 for a path that does not exist', async () => {
    const { io, streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'validate', dir.resolve('missing')], streams),
    ).resolves.toBe(2);
    expect(io.stderr).toMatch(/no such file or folder/);
  });

  it('exits 2 for an unknown command', async () => {
    const { streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'frobnicate'], streams),
    ).resolves.toBe(2);
  });
});

describe('stagecraft render', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  const catalog = {
    'env.yaml': `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: dev }
spec:
  target: local
  gateway: { internalHost: dev.internal.example }
  policy: { defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } } }
---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: default }
spec: { stages: [{ environment: dev }] }
`,
    'api.yaml': `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: api }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: shop
  deploy: { image: registry.example/api:1 }
`,
  };

  it('prints multi-document YAML, byte-identical across runs', async () => {
    dir.setContent(catalog);
    const first = captureIo();
    await expect(
      run(
        ['node', 'stagecraft', 'render', '--env', 'dev', dir.path],
        first.streams,
      ),
    ).resolves.toBe(0);
    const second = captureIo();
    await run(
      ['node', 'stagecraft', 'render', '--env', 'dev', dir.path],
      second.streams,
    );
    expect(first.io.stdout).toBe(second.io.stdout);
    expect(first.io.stdout).toContain('kind: Deployment');
    expect(first.io.stdout.split('\n---\n').length).toBeGreaterThan(4);
  });

  it('exits 1 and prints no YAML when the catalog does not compile', async () => {
    dir.setContent({
      ...catalog,
      'api.yaml': catalog['api.yaml'].replace(
        'type: service',
        'type: mainframe',
      ),
    });
    const { io, streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'render', '--env', 'dev', dir.path], streams),
    ).resolves.toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain(
      `${dir.resolve(
        'api.yaml',
      )}: component:default/api spec.type in dev: no ComponentType "mainframe"`,
    );
  });

  it('exits 1 without compiling when validation fails', async () => {
    dir.setContent({
      ...catalog,
      'api.yaml': catalog['api.yaml'].replace(
        'image: registry.example/api:1',
        'image: 42',
      ),
    });
    const { io, streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'render', '--env', 'dev', dir.path], streams),
    ).resolves.toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/spec\.deploy\.image/);
  });

  it('exits 2 without --env', async () => {
    dir.setContent(catalog);
    const { streams } = captureIo();
    await expect(
      run(['node', 'stagecraft', 'render', dir.path], streams),
    ).resolves.toBe(2);
  });
});
