import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createMockDirectory } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleCatalog } from '../__testUtils__/examplePlatform';
import {
  failureOf,
  outputsOf,
  resumableContext,
} from '../__testUtils__/resumableContext';
import { createRenderAction } from './createRenderAction';

/** A new service of the payments project, as the New service template generates it. */
const newService = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invoice-api
spec:
  type: service
  lifecycle: experimental
  owner: team-payments
  system: payments
  dependsOn: [endpoint:ledger-http]
  deploy:
    image: registry.acme-retail.example/invoice-api:0.1.0
    replicas: 2
---
apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata:
  name: invoice-http
spec:
  component: invoice-api
  port: 8080
  protocol: http
  visibility: organization
`;

describe('stagecraft:render', () => {
  const workspace = createMockDirectory();
  const action = createRenderAction({
    catalog: catalogServiceMock({ entities: exampleCatalog() }),
  });
  beforeEach(() => workspace.clear());

  async function render(
    file: string,
    environment: string,
    options: { userRef?: string; renderAction?: typeof action } = {},
  ) {
    workspace.setContent({ 'catalog-info.yaml': file });
    const ctx = resumableContext({
      input: { filePath: 'catalog-info.yaml', environment },
      workspacePath: workspace.path,
      userRef: options.userRef,
    });
    const handler = (options.renderAction ?? action).handler(ctx);
    return { ctx, error: await failureOf(handler) };
  }

  it('counts the objects the new component becomes in dev, with the catalog’s platform', async () => {
    const { ctx, error } = await render(newService, 'dev');
    expect(error).toBeUndefined();
    const out = outputsOf(ctx);
    expect(out.rendered).toEqual(['component:default/invoice-api']);
    expect(out.objects).toMatchObject({ Deployment: 1, Service: 1 });
    expect(out.total).toBe(
      Object.values(out.objects as Record<string, number>).reduce(
        (a, b) => a + b,
      ),
    );
    // the dependency on ledger-http (same project) is allowed and opens traffic to it
    expect(out.yaml).toContain('name: invoice-api');
    expect(out.yaml).toContain('LEDGER_HTTP');
  });

  it('fails with the guardrail of the environment rendered', async () => {
    const { error } = await render(
      newService.replace('replicas: 2', 'replicas: 9'),
      'staging',
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(
      /catalog-info.yaml is not valid:\n- catalog-info.yaml: component:default\/invoice-api spec.deploy.replicas in staging: 9 replicas is outside staging's bounds 1–5/,
    );
  });

  it('fails with a dependency the endpoint’s visibility forbids', async () => {
    const { error } = await render(
      newService.replace('system: payments', 'system: storefront'),
      'dev',
    );
    expect(error?.message).toMatch(
      /ledger-http, whose visibility "project" admits only components of project payments/,
    );
  });

  it('ignores an Environment in the file: the catalog’s platform decides', async () => {
    const loosened = `${newService.replace('replicas: 2', 'replicas: 9')}---
apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: staging }
spec:
  target: local
  gateway: { internalHost: staging.internal.example }
  policy: { replicas: { min: 1, max: 50 } }
`;
    const { error } = await render(loosened, 'staging');
    expect(error?.message).toMatch(
      /9 replicas is outside staging's bounds 1–5/,
    );
  });

  it('fails for an environment the catalog does not have', async () => {
    const { error } = await render(newService, 'perf');
    expect(error?.message).toMatch(
      /environment:default\/perf in perf: environment "perf" is not in the catalog/,
    );
  });

  it('reads the catalog as the user running the template: what they may not read is not rendered', async () => {
    const hidden = 'endpoint:default/ledger-http';
    const { ctx, error } = await render(newService, 'dev', {
      userRef: 'user:default/outsider',
      renderAction: createRenderAction({
        catalog: catalogHiding(hidden, 'user:default/outsider'),
      }),
    });
    expect(error?.message).toMatch(
      /invoice-api depends on endpoint:default\/ledger-http, which is not in the catalog$/,
    );
    expect(outputsOf(ctx).yaml).toBeUndefined();

    // The same catalog renders it for someone who may read the endpoint.
    const owner = await render(newService, 'dev', {
      renderAction: createRenderAction({
        catalog: catalogHiding(hidden, 'user:default/outsider'),
      }),
    });
    expect(owner.error).toBeUndefined();
    expect(outputsOf(owner.ctx).yaml).toContain('LEDGER_HTTP');
  });
});

/**
 * The example catalog as the permission framework would serve it: `reader` may not read the
 * entity `hidden`; anyone else (and a call without the user's credentials) reads everything.
 */
function catalogHiding(hidden: string, reader: string): CatalogService {
  const everything = catalogServiceMock({ entities: exampleCatalog() });
  const allowed = catalogServiceMock({
    entities: exampleCatalog().filter(
      e => `${e.kind}:default/${e.metadata.name}`.toLowerCase() !== hidden,
    ),
  });
  const asSeenBy = (options?: { credentials?: BackstageCredentials }) =>
    (options?.credentials?.principal as { userEntityRef?: string } | undefined)
      ?.userEntityRef === reader
      ? allowed
      : everything;
  return {
    getEntities: (request, options) =>
      asSeenBy(options).getEntities(request, options),
    getEntitiesByRefs: (request, options) =>
      asSeenBy(options).getEntitiesByRefs(request, options),
  } as Partial<CatalogService> as CatalogService;
}
