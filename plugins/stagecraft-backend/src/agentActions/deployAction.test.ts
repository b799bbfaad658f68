import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  COMPONENT_REF,
  deploymentStatus,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

const checkout = (image: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    annotations: { 'stagecraft.dev/pipeline': 'fast' },
  },
  spec: {
    type: 'service',
    owner: 'team-a',
    system: 'shop',
    deploy: { image },
  },
});
const fast: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name: 'fast', namespace: 'default' },
  spec: { stages: [{ environment: 'qa' }, { environment: 'production' }] },
};
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team-a' },
};

/** The harness, with a catalog whose refresh makes it serve `afterRefresh`. */
function setUp(afterRefresh: Entity) {
  const h = agentActionsHarness({ entities: [checkout('x:1'), fast, shop] });
  const order: string[] = [];
  let served = checkout('x:1');
  const byRef = async (ref: unknown) => {
    if (ref === COMPONENT_REF) return served;
    const written = typeof ref === 'string' ? ref : JSON.stringify(ref);
    return [fast, shop].find(
      e =>
        written.includes(`"name":"${e.metadata.name}"`) ||
        written.endsWith(`/${e.metadata.name}`),
    );
  };
  jest.spyOn(h.catalog, 'getEntityByRef').mockImplementation(byRef as any);
  jest.spyOn(h.catalog, 'refreshEntity').mockImplementation(async () => {
    order.push('refresh');
    // The catalog processes the entity a moment later.
    setTimeout(() => (served = afterRefresh), 150);
  });
  h.catalogTrigger.run.mockImplementation(async () => {
    order.push('trigger');
    return { released: 1, deployed: 0 };
  });
  h.actions.deploy.mockImplementation(async () => {
    order.push('deploy');
    return deploymentStatus;
  });
  return { ...h, order };
}

describe('deploy', () => {
  it('refreshes as the caller, waits for the new intent, releases it, then deploys to the first stage', async () => {
    const { invoke, actions, catalog, credentials, order } = setUp(
      checkout('x:2'),
    );
    const output = await invoke('deploy', { component: 'checkout-api' });
    expect(catalog.refreshEntity).toHaveBeenCalledWith(COMPONENT_REF, {
      credentials,
    });
    expect(order).toEqual(['refresh', 'trigger', 'deploy']);
    expect(actions.deploy).toHaveBeenCalledWith(
      { componentRef: COMPONENT_REF, environment: 'qa' },
      { credentials },
    );
    expect(output).toEqual({
      deployment: deploymentStatus,
      intentChanged: true,
    });
  });

  it('deploys to the environment named, without a refresh when asked not to', async () => {
    const { invoke, actions, catalog, credentials, order } = setUp(
      checkout('x:2'),
    );
    const output = await invoke('deploy', {
      component: 'component:default/checkout-api',
      environment: 'production',
      refresh: false,
    });
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(order).toEqual(['trigger', 'deploy']);
    expect(actions.deploy).toHaveBeenCalledWith(
      { componentRef: COMPONENT_REF, environment: 'production' },
      { credentials },
    );
    expect(output.intentChanged).toBe(false);
  });

  it('refuses a malformed component before refreshing or deploying anything', async () => {
    const { invoke, actions, catalog } = setUp(checkout('x:2'));
    await expect(
      invoke('deploy', { component: 'group:default/team-a' }),
    ).rejects.toThrow(InputError);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(actions.deploy).not.toHaveBeenCalled();
  });

  it('refuses a caller who may not deploy there before any refresh or trigger pass', async () => {
    const { invoke, actions, catalog, catalogTrigger, credentials } = setUp(
      checkout('x:2'),
    );
    actions.authorizeDeploy.mockRejectedValueOnce(
      new NotAllowedError(
        `stagecraft.deployment.deploy on ${COMPONENT_REF} is not permitted`,
      ),
    );
    await expect(
      invoke('deploy', { component: 'checkout-api' }),
    ).rejects.toThrow(NotAllowedError);
    expect(actions.authorizeDeploy).toHaveBeenCalledWith(
      { componentRef: COMPONENT_REF, environment: 'qa' },
      { credentials },
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(catalogTrigger.run).not.toHaveBeenCalled();
    expect(actions.deploy).not.toHaveBeenCalled();
  });

  it('passes a refusal of the deployment service through (the pipeline rule lives there)', async () => {
    const { invoke, actions } = setUp(checkout('x:1'));
    actions.deploy.mockRejectedValueOnce(
      new NotAllowedError('pipeline rule: production requires an approval'),
    );
    await expect(
      invoke('deploy', {
        component: 'checkout-api',
        environment: 'production',
        refresh: false,
      }),
    ).rejects.toThrow('pipeline rule');
  });
});
