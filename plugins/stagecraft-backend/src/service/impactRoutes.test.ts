import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { exampleImpact } from '../impact/__testUtils__/exampleImpact';
import { fakeActions } from './__testUtils__/fakeActions';
import { fakeRuntimeActions } from './__testUtils__/fakeRuntimeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const databases = createTestDatabases();

/** The impact routes over the real impact service on the example organisation, as user:default/mock. */
async function setup(hiddenFromBob: string[] = []) {
  const h = await exampleImpact(databases, { hiddenFromBob });
  const router = createRouter({
    actions: fakeActions(),
    runtime: fakeRuntimeActions(),
    impact: h.impact,
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    targets: [],
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const app = express().use(BASE, router).use(middleware.error());
  return async (path: string) => {
    const res = await request(app).get(`${BASE}${path}`);
    expectMatchesSpec({
      method: 'GET',
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  };
}

describe('impact routes', () => {
  it('serve the impact of a component as the spec describes it', async () => {
    const call = await setup();
    const res = await call(
      '/components/default/payment-ledger/impact?environment=dev',
    );
    expect(res.status).toBe(200);
    expect(res.body.ifUndeployed[0].closes[0]).toMatchObject({
      fromRef: 'component:default/checkout-api',
      endpointRef: 'endpoint:default/ledger-http',
    });
  });

  it('serve the promotion preview, and 409 from where nothing is deployed', async () => {
    const call = await setup();
    const res = await call(
      '/components/default/checkout-api/promotion-preview?from=dev',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: 'dev', to: 'staging' });
    expect(
      (
        await call(
          '/components/default/checkout-api/promotion-preview?from=staging',
        )
      ).status,
    ).toBe(409);
  });

  it('refuse malformed input before the service is asked', async () => {
    const call = await setup();
    expect(
      (await call('/components/default/checkout-api/promotion-preview')).status,
    ).toBe(400);
    expect(
      (await call('/components/default/checkout-api/impact?environment=Dev!'))
        .status,
    ).toBe(400);
  });
});
