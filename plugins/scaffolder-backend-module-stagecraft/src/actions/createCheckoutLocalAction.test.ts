import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readdirSync, readFileSync } from 'node:fs';
import { OwnerPermissions } from '../__testUtils__/OwnerPermissions';
import {
  failureOf,
  outputsOf,
  resumableContext,
} from '../__testUtils__/resumableContext';
import { LocalGitRepository } from '../repositories/LocalGitRepository';
import { LocalRepositories } from '../repositories/LocalRepositories';
import { createCheckoutLocalAction } from './createCheckoutLocalAction';

describe('stagecraft:repository:checkout', () => {
  const root = createMockDirectory();

  const component = (name: string, location: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': location },
    },
    spec: {},
  });

  async function checkout(name: string, userRef = 'user:default/mock') {
    const repositories = new LocalRepositories({
      directory: root.resolve('repositories'),
      platformDirectory: root.resolve('platform'),
      catalogTimeoutSeconds: 1,
    });
    const action = createCheckoutLocalAction({
      permissions: new OwnerPermissions({
        'component:default/refund-worker': ['user:default/mock'],
        'component:default/checkout-api': ['user:default/mock'],
        'component:default/sneaky': ['user:default/mock'],
      }).asService(),
      repositories,
      catalog: catalogServiceMock({
        entities: [
          component(
            'refund-worker',
            `file:${root.resolve(
              'repositories/refund-worker/catalog-info.yaml',
            )}`,
          ),
          component(
            'checkout-api',
            'url:https://github.com/acme/checkout-api/blob/main/catalog-info.yaml',
          ),
          component(
            'sneaky',
            `file:${root.resolve('repositories/../platform/all.yaml')}`,
          ),
        ],
      }),
    });
    const ctx = resumableContext({
      input: { component: name, targetPath: '.' },
      workspacePath: root.resolve('workspace'),
      userRef,
    });
    return { ctx, error: await failureOf(action.handler(ctx)) };
  }

  beforeEach(async () => {
    root.clear();
    root.setContent({ workspace: {}, repositories: {} });
    const repo = new LocalGitRepository(
      root.resolve('repositories/refund-worker'),
    );
    await repo.ensureExists('setup');
    await repo.writeFiles([
      { path: 'catalog-info.yaml', content: Buffer.from('kind: Component\n') },
      { path: 'src/main.py', content: Buffer.from('print(1)\n') },
    ]);
    await repo.commitAll('first', { name: 'a', email: 'a@example.com' });
    // An uncommitted edit in the working tree is not what the component is.
    await repo.writeFiles([
      { path: 'src/main.py', content: Buffer.from('print(2)\n') },
    ]);
  });

  it('copies the last commit of the component’s repository into the workspace', async () => {
    const { ctx, error } = await checkout('refund-worker');
    expect(error).toBeUndefined();
    expect(readFileSync(root.resolve('workspace/src/main.py'), 'utf8')).toBe(
      'print(1)\n',
    );
    expect(outputsOf(ctx)).toEqual({
      repository: 'refund-worker',
      baseCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
      catalogInfoPath: 'catalog-info.yaml',
    });
  });

  it('refuses a component from GitHub, saying what to use instead', async () => {
    const { error } = await checkout('checkout-api');
    expect(error?.message).toMatch(
      /^component:default\/checkout-api does not come from a local repository \(its location is url:https:\/\/github.com\/.*\): for a component in GitHub or GitLab, fetch it with fetch:plain/,
    );
  });

  it('refuses a file location outside the repositories directory', async () => {
    const { error } = await checkout('sneaky');
    expect(error?.message).toMatch(/does not come from a local repository/);
  });

  it('refuses someone who may not change the component, copying nothing', async () => {
    const { error } = await checkout('refund-worker', 'user:default/intruder');
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      'You may not change component:default/refund-worker: only its owners (or the platform team) may. Ask them to make the change',
    );
    expect(readdirSync(root.resolve('workspace'))).toEqual([]);
  });
});
