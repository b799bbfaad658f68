import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import {
  describeWithCluster,
  installAddons,
  testCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleOrganisation, startUp } from '../__testUtils__/exampleStartup';
import {
  jsonObjects,
  kubectl,
  kubectlOk,
  yamlObjects,
} from '../__testUtils__/kubectl';
import {
  commitsOldestFirst,
  permittedPaths,
  reopenedPaths,
} from '../__testUtils__/networkPaths';
import { git } from './git';

// The repository a GitOps target writes, applied the way Flux's kustomize-controller applies a
// Kustomization (`kustomize build` of the environment's path, then server-side apply with its
// field manager, Namespaces first), on the local cluster. The repository is what two start-ups
// of the example organisation push: one into an empty repository, one with a fresh database
// and working tree over it (docs/gitops.md). The environment gets a name of its own so that no other test shares
// its namespaces.

const FIELD_MANAGER = 'kustomize-controller';
/** An object without what the server maintains on every write. */
function comparable(o: Manifest) {
  const {
    metadata,
    status: _status,
    ...rest
  } = o as Manifest & {
    status?: unknown;
  };
  const {
    generation: _generation,
    resourceVersion: _resourceVersion,
    managedFields: _managedFields,
    ...kept
  } = metadata as Record<string, unknown>;
  return { ...rest, metadata: kept };
}
const identity = (o: Manifest) =>
  `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describeWithCluster('a GitOps repository synced like Flux', () => {
  const environment = `g${randomBytes(3).toString('hex')}`;
  let root: string;
  let repository: string;
  let namespaces: string[] = [];
  /** What each start-up's trigger pass deployed. */
  let deploys: number[] = [];

  /** `kubectl kustomize` of the environment's path in `checkout`, written to a file. */
  async function build(checkout: string) {
    const text = await kubectlOk(['kustomize', join(checkout, environment)]);
    const file = join(root, 'build.yaml');
    await writeFile(file, text);
    return { file, objects: yamlObjects(text) };
  }

  /** Applies the build's Namespaces for real: namespaced dry runs need them to exist. */
  async function applyNamespaces(objects: Manifest[]) {
    const file = join(root, 'namespaces.yaml');
    const own = objects.filter(o => o.kind === 'Namespace');
    await writeFile(file, own.map(o => JSON.stringify(o)).join('\n---\n'));
    await kubectlOk([
      'apply',
      '--server-side',
      '--field-manager',
      FIELD_MANAGER,
      '-f',
      file,
    ]);
    namespaces = [
      ...new Set([...namespaces, ...own.map(o => o.metadata.name)]),
    ];
  }

  const ssa = [
    '--server-side',
    '--field-manager',
    FIELD_MANAGER,
    '--force-conflicts',
  ];

  beforeAll(async () => {
    await installAddons(testCluster().kubeConfig(), { demoVolumes: true });
    root = await mkdtemp(join(tmpdir(), 'stagecraft-flux-'));
    // Two backend start-ups, each with its own working tree, push to one bare repository; the
    // tests read what Flux or Argo CD would fetch: a clone of it.
    const remote = join(root, 'fleet.git');
    await git(root, ['init', '-q', '--bare', '-b', 'main', remote]);
    const entities = exampleOrganisation(environment);
    deploys = [];
    for (const backend of ['first', 'second'])
      deploys.push(
        await startUp(join(root, backend), entities, {
          url: remote,
          branch: 'main',
        }),
      );
    repository = join(root, 'repository');
    await git(root, ['clone', '-q', remote, repository]);
  }, 120_000);

  afterAll(async () => {
    if (namespaces.length > 0)
      await kubectl(['delete', 'namespace', '--wait=false', ...namespaces]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('no commit, dry-run on the server in order, cuts a path that a later commit restores', async () => {
    const checkout = join(root, 'checkout');
    expect(deploys).toEqual([12, 12]);
    const commits = await commitsOldestFirst(repository);
    await git(repository, [
      'worktree',
      'add',
      '-q',
      '--detach',
      checkout,
      commits[0].commit,
    ]);
    const history: {
      subject: string;
      environments: Map<string, Set<string>>;
    }[] = [];
    for (const { commit, subject } of commits) {
      await git(checkout, ['checkout', '-q', '--detach', commit]);
      const { file, objects } = await build(checkout);
      await applyNamespaces(objects);
      const dryRun = await kubectlOk([
        'apply',
        ...ssa,
        '--dry-run=server',
        '-o',
        'json',
        '-f',
        file,
      ]);
      // What the API server would store: policies as defaulted and admitted there.
      const stored = jsonObjects(dryRun);
      expect(stored.map(identity).sort()).toEqual(objects.map(identity).sort());
      history.push({
        subject,
        environments: new Map([[environment, permittedPaths(stored)]]),
      });
    }

    expect(history.at(-1)!.environments.get(environment)!.size).toBeGreaterThan(
      20,
    );
    expect(reopenedPaths(history)).toEqual([]);
    // One commit per deployment; the second start-up had nothing to change.
    expect(history).toHaveLength(12);
  }, 300_000);

  it('converges: the build applies server-side, rolls out, and a second apply changes nothing', async () => {
    const { file, objects } = await build(repository);
    await applyNamespaces(objects);

    await kubectlOk(['apply', ...ssa, '-f', file]);
    for (const namespace of namespaces)
      await kubectlOk([
        ...['wait', '--for=condition=Available', 'deployment', '--all'],
        ...['-n', namespace, '--timeout=120s'],
      ]);

    // Flux's drift check: a server-side dry run of the same build against the live objects
    // finds nothing to change, metadata the server maintains (generation, resourceVersion,
    // managedFields) and status aside, as Flux sets them aside.
    const dryRun = jsonObjects(
      await kubectlOk([
        'apply',
        ...ssa,
        '--dry-run=server',
        '-o',
        'json',
        '-f',
        file,
      ]),
    );
    const live = jsonObjects(
      await kubectlOk(['get', '-o', 'json', '-f', file]),
    );
    expect(dryRun.map(comparable)).toEqual(live.map(comparable));
    const deployments = objects.filter(o => o.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThanOrEqual(8);
  }, 300_000);

  it('lists the same objects to a directory source that excludes the kustomizations (Argo CD)', async () => {
    const { objects } = await build(repository);
    const files = (
      await readdir(join(repository, environment), { recursive: true })
    ).filter(f => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'));
    const direct = (
      await Promise.all(
        files.map(f => git(repository, ['show', `HEAD:${environment}/${f}`])),
      )
    ).flatMap(yamlObjects);

    expect(direct.map(identity).sort()).toEqual(objects.map(identity).sort());
  });
});
