import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { OwnerPermissions } from '../__testUtils__/OwnerPermissions';
import { failureOf, resumableContext } from '../__testUtils__/resumableContext';
import { createValidateCatalogInfoAction } from './createValidateCatalogInfoAction';

const validComponent = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  lifecycle: experimental
  owner: team-payments
`;

describe('stagecraft:catalog:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidateCatalogInfoAction({
    catalog: catalogServiceMock(),
  });

  beforeEach(() => workspace.clear());

  it('outputs the refs of a valid file', async () => {
    workspace.setContent({ 'catalog-info.yaml': validComponent });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { filePath: 'catalog-info.yaml' },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'component:default/payments-api',
    ]);
  });

  it('fails with every problem in the file', async () => {
    workspace.setContent({
      'catalog-info.yaml': `${validComponent.replace(
        '  lifecycle: experimental\n',
        '',
      )}---
apiVersion: stagecraft.dev/v1alpha1
kind: Cluster
metadata: { name: main }
`,
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { filePath: 'catalog-info.yaml' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /component:default\/payments-api spec: .*lifecycle[\s\S]*cluster:default\/main kind: kind "Cluster" is not defined/,
    );
  });

  it('refuses paths outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { filePath: '../../etc/passwd' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(/outside/);
  });
});

describe('stagecraft:catalog:validate for the platform team', () => {
  const workspace = createMockDirectory();
  const environment = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: perf }
spec:
  target: local
  gateway: { internalHost: perf.internal.example }
`;

  async function validate(userRef: string, author?: string) {
    workspace.setContent({ 'environment-perf.yaml': environment });
    const action = createValidateCatalogInfoAction({
      catalog: catalogServiceMock(),
      permissions: new OwnerPermissions({}, [
        'user:default/platform-engineer',
      ]).asService(),
    });
    const ctx = resumableContext({
      input: { filePath: 'environment-perf.yaml', author } as any,
      workspacePath: workspace.path,
      userRef,
    });
    return failureOf(action.handler(ctx));
  }

  it('accepts platform kinds from the platform team', async () => {
    expect(
      await validate('user:default/platform-engineer', 'platform'),
    ).toBeUndefined();
  });

  it('refuses to validate as platform for a developer', async () => {
    const error = await validate('user:default/developer', 'platform');
    expect(error?.name).toBe('NotAllowedError');
  });

  it('treats a step without an author as a developer’s', async () => {
    const error = await validate('user:default/platform-engineer');
    expect(error?.message).toMatch(
      /platform kinds .* come from the platform's catalog locations/,
    );
  });
});
