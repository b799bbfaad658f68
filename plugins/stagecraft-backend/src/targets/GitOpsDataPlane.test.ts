import { InputError } from '@backstage/errors';
import { serializeManifests } from '@stagecraft/plugin-stagecraft-node';
import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmptySetError } from '../apply/errors';
import { inventoryOf } from '../inventory/inventory';
import { git, headRevision } from './git';
import { GitOpsDataPlane } from './GitOpsDataPlane';
import {
  deployment,
  namespace,
  request,
  service,
} from '../__testUtils__/syncRequests';

describe('GitOpsDataPlane', () => {
  let root: string;
  let directory: string;
  let plane: GitOpsDataPlane;

  const read = (path: string) => readFile(join(directory, path), 'utf8');
  const commitCount = async () =>
    Number((await git(directory, ['rev-list', '--count', 'HEAD'])).trim());
  const status = () => git(directory, ['status', '--porcelain']);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-gitops-'));
    directory = join(root, 'repo');
    plane = new GitOpsDataPlane({ name: 'local', directory });
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates the repository, the files and one commit on the first sync', async () => {
    const first = request();

    const result = await plane.sync(first);

    expect(result).toEqual({
      changes: [
        { ref: 'Deployment shop-dev/api', action: 'created' },
        { ref: 'Service shop-dev/api', action: 'created' },
      ],
      inventory: inventoryOf(first.manifests),
      revision: await headRevision(directory),
    });
    expect(result.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(await read('dev/shop/api.yaml')).toBe(
      serializeManifests(first.manifests),
    );
    expect(await read('dev/shop/namespace.yaml')).toBe(
      serializeManifests([namespace]),
    );
    expect(await read('dev/shop/kustomization.yaml')).toContain(
      'resources:\n  - api.yaml\n  - namespace.yaml\n',
    );
    expect(await read('dev/kustomization.yaml')).toContain(
      'resources:\n  - shop\n',
    );
    expect(await commitCount()).toBe(1);
    expect(await git(directory, ['log', '-1', '--format=%an <%ae>%n%B'])).toBe(
      `Stagecraft <stagecraft@localhost>
deploy api to dev: release 0123456789ab

Component: component:default/api
Environment: dev
Release: 0123456789abcdef0123
Actor: user:default/alice

`,
    );
    expect(await git(directory, ['branch', '--show-current'])).toBe('main\n');
    expect(await status()).toBe('');
  });

  it('initialises an existing directory that is not a git work tree', async () => {
    await mkdir(directory);
    await writeFile(join(directory, 'README.md'), 'hand-written\n');

    await plane.sync(request());

    expect(await commitCount()).toBe(1);
    // Only Stagecraft's files are committed; the stranger stays untracked.
    expect(await status()).toBe('?? README.md\n');
  });

  it('makes no commit and reports every object unchanged when nothing changed', async () => {
    const first = await plane.sync(request());

    const again = await plane.sync(request());

    expect(again).toEqual({
      changes: [
        { ref: 'Deployment shop-dev/api', action: 'unchanged' },
        { ref: 'Service shop-dev/api', action: 'unchanged' },
      ],
      inventory: first.inventory,
      revision: first.revision,
    });
    expect(await commitCount()).toBe(1);
  });

  it('reports a changed object as configured, a dropped one as deleted, and commits', async () => {
    const first = await plane.sync(request());

    const next = await plane.sync(
      request({
        manifests: [deployment('api', 'shop/api:2')],
        previous: first.inventory,
      }),
    );

    expect(next.changes).toEqual([
      { ref: 'Deployment shop-dev/api', action: 'configured' },
      { ref: 'Service shop-dev/api', action: 'deleted' },
    ]);
    expect(next.inventory).toEqual(inventoryOf([deployment('api')]));
    expect(next.revision).not.toBe(first.revision);
    expect(next.revision).toBe(await headRevision(directory));
    expect(await commitCount()).toBe(2);
    expect(await read('dev/shop/api.yaml')).toContain('image: shop/api:2');
  });

  it('undeploys by removing the file, leaving the neighbours and the namespace', async () => {
    const api = await plane.sync(request());
    await plane.sync(request({ component: 'worker' }));

    const result = await plane.sync(
      request({ manifests: [], previous: api.inventory, undeploy: true }),
    );

    // In prune order, the reverse of the apply order: the workload before its Service.
    expect(result.changes).toEqual([
      { ref: 'Deployment shop-dev/api', action: 'deleted' },
      { ref: 'Service shop-dev/api', action: 'deleted' },
    ]);
    expect(result.inventory).toEqual([]);
    expect(existsSync(join(directory, 'dev/shop/api.yaml'))).toBe(false);
    expect(await read('dev/shop/worker.yaml')).toBe(
      serializeManifests([deployment('worker'), service('worker')]),
    );
    expect(await read('dev/shop/namespace.yaml')).toBe(
      serializeManifests([namespace]),
    );
    expect(await read('dev/shop/kustomization.yaml')).toContain(
      'resources:\n  - namespace.yaml\n  - worker.yaml\n',
    );
    expect(await commitCount()).toBe(3);
    expect(await git(directory, ['log', '-1', '--format=%s'])).toBe(
      'undeploy api to dev: release 0123456789ab\n',
    );
    expect(await status()).toBe('');
  });

  it('removes the kustomizations and directories an undeploy empties', async () => {
    const api = await plane.sync(request({ shared: [] }));

    await plane.sync(
      request({
        manifests: [],
        shared: [],
        previous: api.inventory,
        undeploy: true,
      }),
    );

    expect(existsSync(join(directory, 'dev'))).toBe(false);
    expect(await git(directory, ['ls-files'])).toBe('');
  });

  it('refuses an empty set without undeploy and changes nothing', async () => {
    const first = await plane.sync(request());
    const before = await read('dev/shop/api.yaml');

    await expect(
      plane.sync(request({ manifests: [], previous: first.inventory })),
    ).rejects.toBeInstanceOf(EmptySetError);

    expect(await read('dev/shop/api.yaml')).toBe(before);
    expect(await headRevision(directory)).toBe(first.revision);
    expect(await status()).toBe('');
  });

  it.each([
    [
      'environment',
      { key: { componentRef: 'component:default/api', environment: '../x' } },
    ],
    ['project', { project: '../x' }],
    ['project', { project: 'Shop' }],
    ['component', { component: '../../etc/passwd' }],
    ['component', { component: 'a'.repeat(64) }],
  ])('rejects an invalid %s before writing anything', async (field, over) => {
    await expect(plane.sync(request(over))).rejects.toThrow(
      new RegExp(`${field} ".*" is not a DNS label`),
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('rejects a component whose file would replace one Stagecraft maintains', async () => {
    await expect(
      plane.sync(request({ component: 'namespace' })),
    ).rejects.toBeInstanceOf(InputError);
    expect(await readdir(root)).toEqual([]);
  });

  it('puts the working tree back and surfaces git stderr when the commit fails', async () => {
    const first = await plane.sync(request());
    const hook = join(directory, '.git/hooks/pre-commit');
    await writeFile(
      hook,
      '#!/bin/sh\necho "policy forbids this" >&2\nexit 1\n',
    );
    await chmod(hook, 0o755);

    await expect(
      plane.sync(
        request({
          manifests: [deployment('api', 'shop/api:2')],
          previous: first.inventory,
        }),
      ),
    ).rejects.toThrow(/policy forbids this/);
    await expect(plane.sync(request({ component: 'worker' }))).rejects.toThrow(
      /policy forbids this/,
    );

    expect(await read('dev/shop/api.yaml')).toBe(
      serializeManifests(request().manifests),
    );
    expect(existsSync(join(directory, 'dev/shop/worker.yaml'))).toBe(false);
    expect(await headRevision(directory)).toBe(first.revision);
    expect(await status()).toBe('');
  });

  it('serialises concurrent syncs to one repository, one commit each', async () => {
    const other = new GitOpsDataPlane({ name: 'same-dir', directory });
    const components = ['a', 'b', 'c', 'd', 'e', 'f'];

    const results = await Promise.all(
      components.map((component, i) =>
        (i % 2 ? other : plane).sync(request({ component })),
      ),
    );

    expect(new Set(results.map(r => r.revision)).size).toBe(components.length);
    expect(await commitCount()).toBe(components.length);
    expect(await read('dev/shop/kustomization.yaml')).toContain(
      'resources:\n  - a.yaml\n  - b.yaml\n  - c.yaml\n  - d.yaml\n  - e.yaml\n  - f.yaml\n  - namespace.yaml\n',
    );
    expect(await status()).toBe('');
  });
});
