import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { stagecraftPlugin } from '../plugin';

describe('the Stagecraft plugin in a backend', () => {
  it("serves its agent actions on the actions registry's route", async () => {
    const { server } = await startTestBackend({
      features: [
        stagecraftPlugin,
        mockServices.rootConfig.factory({
          data: {
            stagecraft: {
              targets: { local: { type: 'gitops', directory: '/tmp/gitops' } },
            },
          },
        }),
      ],
    });

    const response = await request(server).get(
      '/api/stagecraft/.backstage/actions/v1/actions',
    );

    expect(response.status).toBe(200);
    const ids = response.body.actions.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'stagecraft:get-component-status',
        'stagecraft:promote',
      ]),
    );
  });
});
