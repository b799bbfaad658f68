import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import fs, { existsSync } from 'node:fs';
import { FileReadingCatalog } from '../__testUtils__/FileReadingCatalog';
import { OwnerPermissions } from '../__testUtils__/OwnerPermissions';
import {
  failureOf,
  outputsOf,
  resumableContext,
} from '../__testUtils__/resumableContext';
import { LocalCatalogRegistration } from '../repositories/LocalCatalogRegistration';
import { LocalRepositories } from '../repositories/LocalRepositories';
import { createPublishPlatformAction } from './createPublishPlatformAction';

const environment = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: perf }
spec:
  target: local
  gateway: { internalHost: perf.internal.example }
`;

describe('stagecraft:publish:platform', () => {
  const root = createMockDirectory();
  let catalog: FileReadingCatalog;

  beforeEach(() => {
    root.clear();
    root.setContent({ workspace: { 'environment-perf.yaml': environment } });
    catalog = new FileReadingCatalog([
      { target: `${root.resolve('platform')}/*.yaml` },
    ]);
  });

  function publish(userRef: string, taskId = 'task-1') {
    const action = createPublishPlatformAction({
      repositories: new LocalRepositories({
        directory: root.resolve('repositories'),
        platformDirectory: root.resolve('platform'),
        catalogTimeoutSeconds: 2,
      }),
      registration: new LocalCatalogRegistration({
        catalog: catalog.asService(),
        auth: mockServices.auth(),
        locations: catalog.locations,
        pollIntervalMs: 10,
      }),
      permissions: new OwnerPermissions({}, [
        'user:default/platform-engineer',
      ]).asService(),
    });
    const ctx = resumableContext({
      input: { sourcePath: '.', commitMessage: 'Add perf' },
      workspacePath: root.resolve('workspace'),
      userRef,
      taskId,
    });
    return { ctx, done: action.handler(ctx) };
  }

  const log = () =>
    git.log({ fs, dir: root.resolve('platform') }).catch(() => []);

  it('commits a new Environment into the platform repository and waits until the catalog shows it', async () => {
    const { ctx, done } = publish('user:default/platform-engineer');
    await done;
    expect(await log()).toHaveLength(1);
    expect(outputsOf(ctx)).toEqual({
      entityRefs: ['environment:default/perf'],
      commitHash: (await log())[0].oid,
    });
    expect(
      await catalog.getEntityByRef('environment:default/perf'),
    ).toBeDefined();
  });

  it('refuses a developer before writing anything', async () => {
    const error = await failureOf(publish('user:default/developer').done);
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      'Only the platform team may add Environments, pipelines, component types and traits: ask a platform admin to run this template',
    );
    expect(existsSync(root.resolve('platform'))).toBe(false);
  });

  it('commits once when a resumed task runs the step again', async () => {
    await publish('user:default/platform-engineer').done;
    await publish('user:default/platform-engineer').done;
    expect(await log()).toHaveLength(1);
  });

  it('never overwrites a file the platform has with other content', async () => {
    await publish('user:default/platform-engineer').done;
    root.addContent({
      workspace: {
        'environment-perf.yaml': environment.replace(
          'perf.internal',
          'evil.internal',
        ),
      },
    });
    const error = await failureOf(
      publish('user:default/platform-engineer', 'task-2').done,
    );
    expect(error?.name).toBe('ConflictError');
    expect(await log()).toHaveLength(1);
  });
});
