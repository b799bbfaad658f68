import { describeHealth } from './healthWords';
import { ComponentGraphNode } from './types';

function component(
  overrides: Partial<ComponentGraphNode> = {},
): ComponentGraphNode {
  return {
    kind: 'component',
    id: 'component:default/checkout-api',
    label: 'checkout-api',
    deployable: true,
    focus: false,
    deployments: {
      dev: {
        state: 'drifted',
        reason: 'replicas changed by hand',
        desiredState: 'deployed',
      },
      staging: {
        state: 'synced',
        reason: 'removed',
        desiredState: 'undeployed',
      },
    },
    deploymentsKnown: true,
    ...overrides,
  };
}

describe('describeHealth', () => {
  it("uses the sync state's words and colour, with the backend's reason", () => {
    expect(describeHealth(component(), 'dev')).toEqual({
      label: 'Drifted',
      tone: 'warning',
      reason: 'replicas changed by hand',
    });
  });

  it('says a component is not deployed in an environment without a deployment', () => {
    expect(describeHealth(component(), 'production')).toEqual({
      label: 'Not deployed',
      tone: 'neutral',
    });
  });

  it('says a component was undeployed once the undeploy has synced', () => {
    expect(describeHealth(component(), 'staging')).toMatchObject({
      label: 'Undeployed',
      tone: 'neutral',
    });
  });

  it('says health is unknown when the deployments could not be loaded', () => {
    expect(
      describeHealth(component({ deploymentsKnown: false }), 'dev'),
    ).toEqual({ label: 'Health unknown', tone: 'neutral' });
  });

  it('describes a component without deploy intent the same everywhere', () => {
    const legacy = component({ deployable: false, deployments: {} });
    expect(describeHealth(legacy, 'dev')).toEqual({
      label: 'Not deployed by Stagecraft',
      tone: 'neutral',
    });
    expect(describeHealth(legacy, undefined)).toEqual(
      describeHealth(legacy, 'dev'),
    );
  });

  it('has nothing to say about a deployable component without an environment', () => {
    expect(describeHealth(component(), undefined)).toBeUndefined();
  });
});
