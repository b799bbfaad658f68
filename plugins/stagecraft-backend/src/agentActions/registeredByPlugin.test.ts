import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { stagecraftPlugin } from '../plugin';

const ACTIONS = '/api/stagecraft/.backstage/actions/v1/actions';

/** The plugin in a backend with the real deployment service, and permissions answering `result`. */
async function backend(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const { server } = await startTestBackend({
    features: [
      stagecraftPlugin,
      mockServices.permissions.factory({ result }),
      mockServices.rootConfig.factory({
        data: {
          stagecraft: {
            targets: { local: { type: 'gitops', directory: '/tmp/gitops' } },
          },
        },
      }),
    ],
  });
  return server;
}

describe('the Stagecraft plugin in a backend', () => {
  it("serves its agent actions on the actions registry's route", async () => {
    const server = await backend(AuthorizeResult.ALLOW);
    const response = await request(server).get(ACTIONS);
    expect(response.status).toBe(200);
    const ids = response.body.actions.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(
        [
          'list-projects',
          'get-component-status',
          'get-deployment-history',
          'list-approvals',
          'get-runtime',
          'get-logs',
          'get-manifests',
          'diff-environments',
          'redeploy',
          'promote',
          'approve-promotion',
          'deny-promotion',
          'rollback',
          'undeploy',
        ].map(name => `stagecraft:${name}`),
      ),
    );
  });

  it("refuses a caller the deployment service refuses, with the service's 403", async () => {
    const server = await backend(AuthorizeResult.DENY);
    for (const [name, input] of [
      ['get-component-status', { component: 'checkout-api' }],
      ['promote', { component: 'checkout-api', from: 'dev' }],
      ['undeploy', { component: 'checkout-api', environment: 'dev' }],
    ] as const) {
      const response = await request(server)
        .post(`${ACTIONS}/stagecraft:${name}/invoke`)
        .send(input);
      expect({
        name,
        status: response.status,
        error: response.body.error?.name,
      }).toEqual({
        name,
        status: 403,
        error: 'NotAllowedError',
      });
    }
  });

  it('refuses malformed input with 400 and says which form is expected', async () => {
    const server = await backend(AuthorizeResult.ALLOW);
    const response = await request(server)
      .post(`${ACTIONS}/stagecraft:get-component-status/invoke`)
      .send({ component: 'system:default/shop' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('component:default/<name>'),
    });
  });
});
