import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { component, testCatalog } from '../__testUtils__/entities';
import { stagecraftPlugin } from '../plugin';

/*
 * The scaffolder's stagecraft:deploy asks again for 5 s while the control plane does not know a
 * component the catalog already serves. The control plane keeps its catalog read until a
 * trigger pass replaces it (up to 30 s), and on a replica no intent event reached (another
 * replica took it, or a catalog without Stagecraft's module) no pass comes: a name missing from
 * the read is looked up once more in a read at most 2 s old before it is refused
 * (actions/authorization.ts, readHaving). Without that, every try here is refused.
 */

const ACTIONS = '/api/stagecraft/.backstage/actions/v1/actions';

describe('stagecraft:deploy of a component the catalog has just started serving', () => {
  it('deploys within the 5 s the scaffolder asks again', async () => {
    const project = 'fresh';
    let current = catalogServiceMock({ entities: testCatalog(project) });
    const catalog = new Proxy(
      {},
      {
        // Only the service's methods: a `then` would make the service look like a promise.
        get: (_, name) =>
          typeof (current as any)[name] === 'function'
            ? (...args: unknown[]) => (current as any)[name](...args)
            : undefined,
      },
    );
    const { server } = await startTestBackend({
      features: [
        stagecraftPlugin,
        mockServices.permissions.factory(),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog as any,
        }),
        mockServices.rootConfig.factory({
          data: {
            stagecraft: {
              targets: {
                local: {
                  type: 'gitops',
                  directory: await mkdtemp(join(tmpdir(), 'stagecraft-fresh-')),
                },
              },
            },
          },
        }),
      ],
    });
    const invoke = (name: string, input: object) =>
      request(server).post(`${ACTIONS}/stagecraft:${name}/invoke`).send(input);

    // Someone looks at a component: the control plane reads the catalog once.
    const warm = await invoke('get-component-status', { component: 'api' });
    expect(warm.status).toBe(200);

    // publish:local has just seen the new component in the catalog.
    const entities: Entity[] = [
      ...testCatalog(project),
      component('newbie', project, { type: 'service' }),
    ];
    current = catalogServiceMock({ entities });

    // What the scaffolder's untilKnown does: ask again every 500 ms for 5 s.
    const deadline = Date.now() + 5_000;
    let last = await invoke('deploy', {
      component: 'newbie',
      environment: 'dev',
      refresh: false,
    });
    while (last.status === 404 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 500));
      last = await invoke('deploy', {
        component: 'newbie',
        environment: 'dev',
        refresh: false,
      });
    }
    expect({ status: last.status, error: last.body.error?.message }).toEqual({
      status: 200,
      error: undefined,
    });
  }, 30_000);
});
