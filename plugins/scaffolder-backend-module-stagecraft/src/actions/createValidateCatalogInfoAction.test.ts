import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
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
