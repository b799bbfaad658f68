import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { stagecraftPlugin } from './plugin';

describe('stagecraftPlugin', () => {
  it('lists configured targets without their credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        stagecraftPlugin,
        mockServices.rootConfig.factory({
          data: {
            stagecraft: {
              targets: {
                local: { type: 'gitops', directory: '/tmp/gitops' },
                demo: {
                  type: 'kubernetes',
                  url: 'https://127.0.0.1:6443',
                  token: 'never-send-me',
                },
              },
            },
          },
        }),
      ],
    });

    const response = await request(server).get('/api/stagecraft/targets');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        { name: 'local', type: 'gitops' },
        { name: 'demo', type: 'kubernetes' },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('never-send-me');
  });

  it('refuses to start with an invalid target', async () => {
    await expect(
      startTestBackend({
        features: [
          stagecraftPlugin,
          mockServices.rootConfig.factory({
            data: { stagecraft: { targets: { bad: { type: 'nomad' } } } },
          }),
        ],
      }),
    ).rejects.toThrow('unknown target type "nomad"');
  });
});
