import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { STAGECRAFT_API_VERSION } from '@stagecraft/plugin-stagecraft-common';
import {
  COMPONENT_REF,
  deploymentStatus,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

const entity = (kind: string, name: string, spec: object = {}): Entity => ({
  apiVersion:
    kind === 'Environment' ? STAGECRAFT_API_VERSION : 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const entities = [
  entity('System', 'shop'),
  entity('System', 'billing'),
  entity('Component', 'checkout-api', {
    system: 'shop',
    deploy: { image: 'x' },
  }),
  entity('Component', 'shop-docs', { system: 'system:default/shop' }),
  entity('Component', 'invoicer', { system: 'billing', deploy: {} }),
  entity('Environment', 'dev'),
  entity('Environment', 'staging'),
];

describe('list-projects', () => {
  it('lists projects, their components and where each is deployed, as the caller', async () => {
    const { invoke, actions, catalog, credentials } = agentActionsHarness({
      entities,
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    actions.listEnvironmentDeployments.mockImplementation(async env =>
      env === 'staging' ? [deploymentStatus] : [],
    );

    const output = await invoke('list-projects', {});

    expect(getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
    expect(actions.listEnvironmentDeployments.mock.calls).toEqual([
      ['dev', { credentials }],
      ['staging', { credentials }],
    ]);
    expect(output).toEqual({
      environments: ['dev', 'staging'],
      projects: [
        {
          ref: 'system:default/billing',
          name: 'billing',
          components: [
            {
              ref: 'component:default/invoicer',
              name: 'invoicer',
              deployable: true,
              deployments: [],
            },
          ],
        },
        {
          ref: 'system:default/shop',
          name: 'shop',
          components: [
            {
              ref: COMPONENT_REF,
              name: 'checkout-api',
              deployable: true,
              deployments: [
                {
                  environment: 'staging',
                  releaseId: deploymentStatus.releaseId,
                  desiredState: 'deployed',
                  syncState: 'progressing',
                },
              ],
            },
            {
              ref: 'component:default/shop-docs',
              name: 'shop-docs',
              deployable: false,
              deployments: [],
            },
          ],
        },
      ],
    });
  });

  it('lists one project, and says when there is no such project', async () => {
    const { invoke } = agentActionsHarness({ entities });
    const output = await invoke('list-projects', { project: 'billing' });
    expect(output.projects.map((p: { name: string }) => p.name)).toEqual([
      'billing',
    ]);
    await expect(
      invoke('list-projects', { project: 'nope' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('call list-projects without a project'),
    });
  });

  it("passes the service's refusal on", async () => {
    const { invoke, actions } = agentActionsHarness({ entities });
    actions.listEnvironmentDeployments.mockRejectedValue(
      new NotAllowedError('not permitted'),
    );
    await expect(invoke('list-projects', {})).rejects.toBeInstanceOf(
      NotAllowedError,
    );
  });
});
