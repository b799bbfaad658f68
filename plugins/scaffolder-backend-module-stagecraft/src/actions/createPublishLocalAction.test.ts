import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileReadingCatalog } from '../__testUtils__/FileReadingCatalog';
import { OwnerPermissions } from '../__testUtils__/OwnerPermissions';
import {
  failureOf,
  outputsOf,
  resumableContext,
} from '../__testUtils__/resumableContext';
import { LocalCatalogRegistration } from '../repositories/LocalCatalogRegistration';
import { LocalRepositories } from '../repositories/LocalRepositories';
import { createPublishLocalAction } from './createPublishLocalAction';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invoice-api
spec:
  type: service
  lifecycle: experimental
  owner: team-payments
  system: payments
---
apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata:
  name: invoice-http
spec: { component: invoice-api, port: 8080, protocol: http, visibility: project }
`;

describe('stagecraft:publish:local', () => {
  const root = createMockDirectory();
  let repos: string;
  let catalog: FileReadingCatalog;
  let permissions: OwnerPermissions;

  beforeEach(() => {
    root.clear();
    root.setContent({
      repositories: {},
      workspace: {
        'catalog-info.yaml': catalogInfo,
        'README.md': '# invoice-api\n',
      },
    });
    repos = root.resolve('repositories');
    catalog = new FileReadingCatalog([
      { target: `${repos}/*/catalog-info.yaml` },
    ]);
    permissions = new OwnerPermissions({
      'component:default/invoice-api': ['user:default/owner'],
      'endpoint:default/invoice-http': ['user:default/owner'],
    });
  });

  function publish(
    input: Record<string, unknown>,
    options: { taskId?: string; userRef?: string; isDryRun?: boolean } = {},
  ) {
    const repositories = new LocalRepositories({
      directory: repos,
      platformDirectory: root.resolve('platform'),
      catalogTimeoutSeconds: 2,
    });
    const action = createPublishLocalAction({
      repositories,
      registration: new LocalCatalogRegistration({
        catalog: catalog.asService(),
        auth: mockServices.auth(),
        locations: catalog.locations,
        pollIntervalMs: 10,
      }),
      catalog: catalog.asService(),
      permissions: permissions.asService(),
    });
    const ctx = resumableContext({
      input: {
        repository: 'invoice-api',
        mode: 'create',
        sourcePath: '.',
        catalogInfoPath: 'catalog-info.yaml',
        commitMessage: 'Create invoice-api',
        register: true,
        ...input,
      } as any,
      workspacePath: root.resolve('workspace'),
      ...options,
    });
    return { ctx, done: action.handler(ctx) };
  }

  const log = (name = 'invoice-api') =>
    git.log({ fs, dir: join(repos, name) }).catch(() => []);

  it('commits the workspace as a new repository and waits until the catalog shows it', async () => {
    const { ctx, done } = publish({}, { userRef: 'user:default/owner' });
    await done;
    const commits = await log();
    expect(commits).toHaveLength(1);
    expect(commits[0].commit.message).toBe(
      'Create invoice-api\n\nScaffolder-Task: task-1/mock-step-id\n',
    );
    expect(commits[0].commit.author.name).toBe('user:default/owner');
    expect(
      await git.listFiles({ fs, dir: join(repos, 'invoice-api'), ref: 'HEAD' }),
    ).toEqual(['README.md', 'catalog-info.yaml']);
    expect(outputsOf(ctx)).toEqual({
      repository: 'invoice-api',
      catalogInfoUrl: `file:${repos}/invoice-api/catalog-info.yaml`,
      entityRefs: [
        'component:default/invoice-api',
        'endpoint:default/invoice-http',
      ],
      entityRef: 'component:default/invoice-api',
      commitHash: commits[0].oid,
      changed: true,
    });
    // The catalog re-read its location of local repositories, as the scaffolder service.
    expect(catalog.refreshes).toEqual([
      {
        entityRef: `location:default/${locationSpecToMetadataName({
          type: 'file',
          target: `${repos}/*/catalog-info.yaml`,
        })}`,
        principal: 'service',
      },
    ]);
    expect(
      await catalog.getEntityByRef('endpoint:default/invoice-http'),
    ).toBeDefined();
  });

  it('makes one commit when a resumed task runs the step again', async () => {
    await publish({}).done;
    const again = publish({});
    await again.done;
    expect(await log()).toHaveLength(1);
    expect(outputsOf(again.ctx).changed).toBe(false);
  });

  it('refuses a name another task took, and leaves its repository alone', async () => {
    await publish({}).done;
    const error = await failureOf(publish({}, { taskId: 'task-2' }).done);
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      'A repository named invoice-api exists already: choose another name',
    );
    expect(await log()).toHaveLength(1);
  });

  it.each([
    ['../escape'],
    ['..'],
    ['a/b'],
    ['.git'],
    ['Invoice-Api'],
    ['-invoice'],
    ['x'.repeat(64)],
    [''],
  ])('refuses the repository name %j without writing anything', async name => {
    const error = await failureOf(publish({ repository: name }).done);
    expect(error?.name).toBe('InputError');
    expect(readdirSync(root.path).sort()).toEqual([
      'repositories',
      'workspace',
    ]);
    expect(readdirSync(repos)).toEqual([]);
  });

  it('refuses entities the catalog already has from another repository', async () => {
    catalog = new FileReadingCatalog(
      [{ target: `${repos}/*/catalog-info.yaml` }],
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'invoice-api',
            namespace: 'default',
            annotations: {
              'backstage.io/managed-by-location':
                'url:https://github.com/acme/invoice-api/blob/main/catalog-info.yaml',
            },
          },
          spec: {},
        },
      ],
    );
    const error = await failureOf(publish({ repository: 'invoices' }).done);
    expect(error?.message).toBe(
      'The catalog has component:default/invoice-api already: choose another name',
    );
    expect(readdirSync(repos)).toEqual([]);
  });

  it('publishes no symbolic link: one leading out of the workspace fails the step', async () => {
    root.addContent({
      workspace: { passwd: ({ symlink }) => symlink('/etc/passwd') },
    });
    const error = await failureOf(publish({}).done);
    expect(error?.name).toBe('NotAllowedError');
    expect(readdirSync(repos)).toEqual([]);
  });

  it('refuses a dangling symbolic link rather than commit it', async () => {
    root.addContent({
      workspace: { config: ({ symlink }) => symlink('missing.yaml') },
    });
    const error = await failureOf(publish({}).done);
    expect(error?.message).toBe(
      'Symbolic links are not published (config): replace them with the files themselves',
    );
    expect(readdirSync(repos)).toEqual([]);
  });

  it.each([
    [
      'a User who joins the platform team',
      'kind: User\nmetadata: { name: mallory }\nspec: { memberOf: [platform-team] }',
    ],
    [
      'a Location reading other files',
      'kind: Location\nmetadata: { name: more }\nspec: { type: file, target: /etc/passwd }',
    ],
    ['an Environment', 'kind: Environment\nmetadata: { name: perf }\nspec: {}'],
  ])(
    'refuses %s in the repository, writing nothing',
    async (_what, document) => {
      root.addContent({
        workspace: {
          'catalog-info.yaml': `${catalogInfo}---\napiVersion: backstage.io/v1alpha1\n${document}\n`,
        },
      });
      const error = await failureOf(publish({}).done);
      expect(error?.name).toBe('InputError');
      expect(error?.message).toMatch(
        /^catalog-info.yaml may declare Components, APIs, Resources and Endpoints only, not /,
      );
      expect(readdirSync(repos)).toEqual([]);
    },
  );

  it('says what to configure when the catalog reads no location of the directory', async () => {
    catalog = new FileReadingCatalog([
      { target: `${root.path}/other/*/catalog-info.yaml` },
    ]);
    const error = await failureOf(publish({}).done);
    expect(error?.message).toMatch(
      /^The catalog reads no location under .*repositories, so it would never show what was published there: add \{ type: file, target: .*repositories\/\*\/catalog-info.yaml \}/,
    );
  });

  it('writes nothing in a dry run', async () => {
    const { ctx, done } = publish({}, { isDryRun: true });
    await done;
    expect(readdirSync(repos)).toEqual([]);
    expect(outputsOf(ctx).entityRef).toBe('component:default/invoice-api');
  });

  describe('an update of an existing repository', () => {
    async function created() {
      await publish({}, { taskId: 'create' }).done;
      return (await log())[0].oid;
    }

    it('commits the change when the user owns what the repository declares', async () => {
      const base = await created();
      root.addContent({
        workspace: { 'README.md': '# invoice-api\n\nBills.\n' },
      });
      const { ctx, done } = publish(
        { mode: 'update', baseCommit: base, commitMessage: 'Describe it' },
        { taskId: 'update', userRef: 'user:default/owner' },
      );
      await done;
      const commits = await log();
      expect(commits.map(c => c.commit.message.split('\n')[0])).toEqual([
        'Describe it',
        'Create invoice-api',
      ]);
      expect(outputsOf(ctx).changed).toBe(true);
      expect(permissions.asked).toEqual([
        {
          permission: 'stagecraft.repository.write',
          resourceRef: 'component:default/invoice-api',
          user: 'user:default/owner',
        },
        {
          permission: 'stagecraft.repository.write',
          resourceRef: 'endpoint:default/invoice-http',
          user: 'user:default/owner',
        },
      ]);
    });

    it('a resumed task makes one commit: its own commit is not taken for someone else’s', async () => {
      const base = await created();
      root.addContent({
        workspace: { 'README.md': '# invoice-api\n\nBills.\n' },
      });
      const update = () =>
        publish(
          { mode: 'update', baseCommit: base, commitMessage: 'Describe it' },
          { taskId: 'update', userRef: 'user:default/owner' },
        );
      await update().done;
      // Run again with the same inputs: the repository has moved on from baseCommit, but
      // only by this step's own commit.
      const again = update();
      expect(await failureOf(again.done)).toBeUndefined();
      const commits = await log();
      expect(commits).toHaveLength(2);
      expect(outputsOf(again.ctx)).toMatchObject({
        changed: false,
        commitHash: commits[0].oid,
      });
    });

    it('refuses someone who does not own it, and commits nothing', async () => {
      await created();
      root.addContent({ workspace: { 'README.md': 'defaced\n' } });
      const error = await failureOf(
        publish(
          { mode: 'update' },
          { taskId: 'update', userRef: 'user:default/intruder' },
        ).done,
      );
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toBe(
        'You may not change the repository invoice-api: it declares component:default/invoice-api, endpoint:default/invoice-http, which only its owners (or the platform team) may change. Ask them to make the change',
      );
      expect(await log()).toHaveLength(1);
    });

    it('refuses to declare an entity the catalog has from another repository', async () => {
      const base = await created();
      catalog = new FileReadingCatalog(catalog.locations, [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payment-ledger',
            namespace: 'default',
            annotations: {
              'backstage.io/managed-by-location':
                'url:https://github.com/acme/ledger/blob/main/catalog-info.yaml',
            },
          },
          spec: {},
        },
      ]);
      root.addContent({
        workspace: {
          'catalog-info.yaml': `${catalogInfo}---\n${
            catalogInfo
              .replace(/invoice-api/g, 'payment-ledger')
              .split('---')[0]
          }`,
        },
      });
      const error = await failureOf(
        publish(
          { mode: 'update', baseCommit: base },
          { taskId: 'update', userRef: 'user:default/owner' },
        ).done,
      );
      expect(error?.message).toBe(
        'The catalog has component:default/payment-ledger already: choose another name',
      );
      expect(await log()).toHaveLength(1);
    });

    it('refuses a change made from an older commit', async () => {
      await created();
      const error = await failureOf(
        publish(
          { mode: 'update', baseCommit: 'f'.repeat(40) },
          { taskId: 'update', userRef: 'user:default/owner' },
        ).done,
      );
      expect(error?.name).toBe('ConflictError');
      expect(await log()).toHaveLength(1);
    });
  });
});
