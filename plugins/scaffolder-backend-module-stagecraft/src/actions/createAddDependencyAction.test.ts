import { createMockDirectory } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import {
  failureOf,
  outputsOf,
  resumableContext,
} from '../__testUtils__/resumableContext';
import { createAddDependencyAction } from './createAddDependencyAction';

const file = `# The refund worker (owned by team-payments)
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments }
spec: { owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: refund-worker
spec:
  type: worker
  lifecycle: production
  owner: team-payments
  system: payments
  dependsOn:
    - endpoint:ledger-http # postings
  deploy:
    image: registry.acme-retail.example/refund-worker:1.3.0
`;

describe('stagecraft:catalog:add-dependency', () => {
  const workspace = createMockDirectory();
  const action = createAddDependencyAction();
  beforeEach(() => workspace.setContent({ 'catalog-info.yaml': file }));

  async function add(endpoint: string, component = 'refund-worker') {
    const ctx = resumableContext({
      input: { filePath: 'catalog-info.yaml', component, endpoint },
      workspacePath: workspace.path,
    });
    const error = await failureOf(action.handler(ctx));
    return {
      ctx,
      error,
      text: readFileSync(workspace.resolve('catalog-info.yaml'), 'utf8'),
    };
  }

  it('adds the endpoint to dependsOn and keeps the comments and the other documents', async () => {
    const { ctx, text } = await add('endpoint:default/orders-http');
    expect(text).toBe(
      file.replace(
        '    - endpoint:ledger-http # postings\n',
        '    - endpoint:ledger-http # postings\n    - endpoint:orders-http\n',
      ),
    );
    expect(outputsOf(ctx)).toEqual({
      changed: true,
      dependsOn: ['endpoint:ledger-http', 'endpoint:orders-http'],
    });
  });

  it('writes the ref in full when the list does, so one list has one style', async () => {
    workspace.setContent({
      'catalog-info.yaml': file.replace(
        '    - endpoint:ledger-http # postings\n',
        '    - endpoint:default/ledger-http # postings\n',
      ),
    });
    const { ctx } = await add('orders-http');
    expect(outputsOf(ctx).dependsOn).toEqual([
      'endpoint:default/ledger-http',
      'endpoint:default/orders-http',
    ]);
  });

  it('changes nothing when the component depends on it already, in any spelling', async () => {
    const { ctx, text } = await add('endpoint:default/Ledger-HTTP');
    expect(text).toBe(file);
    expect(outputsOf(ctx).changed).toBe(false);
  });

  it('adds a dependsOn list to a component that has none', async () => {
    workspace.setContent({
      'catalog-info.yaml': file.replace(
        '  dependsOn:\n    - endpoint:ledger-http # postings\n',
        '',
      ),
    });
    const { text } = await add('fraud-grpc');
    expect(text).toContain('  dependsOn:\n    - endpoint:fraud-grpc\n');
  });

  it('refuses a component the file does not declare, and a ref of another kind', async () => {
    expect((await add('orders-http', 'checkout-api')).error?.message).toBe(
      'catalog-info.yaml does not declare component:default/checkout-api',
    );
    expect((await add('component:orders')).error?.message).toBe(
      '"component:orders" is a component, not an endpoint',
    );
  });
});
