import {
  BackstageCredentials,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  actionsServiceRef,
  ActionsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { deploymentOf } from '../__testUtils__/FakeStagecraft';
import { ActionsStagecraftClient } from './ActionsStagecraftClient';

/** Who each fake Stagecraft action was invoked as. */
const invokedAs: { action: string; principal: unknown; input: unknown }[] = [];

/**
 * A stand-in for the Stagecraft backend plugin: the same plugin id and action names, so the
 * calls travel the real way — the actions service, a token issued on behalf of the user, HTTP,
 * the registry's router — and a refusal comes back as the registry serialises it.
 */
const fakeStagecraftPlugin = createBackendPlugin({
  pluginId: 'stagecraft',
  register(env) {
    env.registerInit({
      deps: { registry: actionsRegistryServiceRef },
      async init({ registry }) {
        const record = (
          action: string,
          input: unknown,
          credentials: BackstageCredentials,
        ) =>
          invokedAs.push({ action, principal: credentials.principal, input });
        registry.register({
          name: 'deploy',
          title: 'Deploy',
          description: 'Deploys',
          attributes: { readOnly: false, destructive: false, idempotent: true },
          schema: {
            input: z =>
              z.object({
                component: z.string(),
                environment: z.string().optional(),
                refresh: z.boolean().optional(),
              }),
            output: z => z.object({}).passthrough(),
          },
          action: async ({ input, credentials }) => {
            record('deploy', input, credentials);
            const principal = credentials.principal as {
              userEntityRef?: string;
            };
            if (principal.userEntityRef !== 'user:default/owner')
              throw new NotAllowedError(
                `${principal.userEntityRef} may not deploy ${input.component} to dev`,
              );
            return {
              // As the Stagecraft plugin's writes answer: {deployment}.
              output: {
                deployment: deploymentOf({ componentRef: input.component }),
              } as any,
            };
          },
        });
        registry.register({
          name: 'get-component-status',
          title: 'Status',
          description: 'Status',
          attributes: { readOnly: true, destructive: false, idempotent: true },
          schema: {
            input: z => z.object({ component: z.string() }),
            output: z => z.object({}).passthrough(),
          },
          action: async ({ input, credentials }) => {
            record('get-component-status', input, credentials);
            return {
              output: {
                componentRef: input.component,
                deployments: [{ environment: 'dev' }],
              },
            };
          },
        });
      },
    });
  },
});

describe('ActionsStagecraftClient', () => {
  let actions: ActionsService;

  beforeAll(async () => {
    await startTestBackend({
      features: [
        fakeStagecraftPlugin,
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { actions: actionsServiceRef },
              async init(deps) {
                actions = deps.actions;
              },
            });
          },
        }),
      ],
    });
  });

  beforeEach(() => invokedAs.splice(0));

  it('calls the Stagecraft action on behalf of the user running the template', async () => {
    const client = new ActionsStagecraftClient(actions);
    const status = await client.deploy(
      { component: 'component:default/payments-api' },
      mockCredentials.user('user:default/owner'),
    );
    expect(status.componentRef).toBe('component:default/payments-api');
    expect(invokedAs).toEqual([
      {
        action: 'deploy',
        principal: expect.objectContaining({
          type: 'user',
          userEntityRef: 'user:default/owner',
        }),
        // the catalog re-reads the component first, so a fresh commit is what is deployed
        input: { component: 'component:default/payments-api', refresh: true },
      },
    ]);
  });

  it('re-throws the control plane’s refusal as the same error type with its message', async () => {
    const client = new ActionsStagecraftClient(actions);
    const error = await client
      .deploy(
        { component: 'component:default/payments-api' },
        mockCredentials.user('user:default/intruder'),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      'stagecraft:deploy: user:default/intruder may not deploy component:default/payments-api to dev',
    );
  });

  it('says so when the control plane answers in a shape this module does not know', async () => {
    const client = new ActionsStagecraftClient(actions);
    const error = await client
      .getStatus(
        { component: 'component:default/payments-api' },
        mockCredentials.user('user:default/owner'),
      )
      .catch(e => e);
    expect(error.message).toMatch(
      /^stagecraft:get-component-status answered in an unexpected shape \(deployments\.0\.componentRef: .*\); are the scaffolder module and the Stagecraft backend plugin the same version\?$/,
    );
  });
});
