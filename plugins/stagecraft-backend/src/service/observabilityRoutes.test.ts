import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import {
  fakeMetrics,
  fakeObservability,
  fakeTraces,
  fakeUsage,
} from '../observability/__testUtils__/fakeObservability';
import { COMPONENT_REF, fakeActions } from './__testUtils__/fakeActions';
import { fakeRuntimeActions } from './__testUtils__/fakeRuntimeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const STAGING = '/components/default/checkout-api/deployments/staging';
const target = { componentRef: COMPONENT_REF, environment: 'staging' };

function setup() {
  const observability = fakeObservability();
  const router = createRouter({
    actions: fakeActions(),
    runtime: fakeRuntimeActions(),
    observability,
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    targets: [],
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const app = express().use(BASE, router).use(middleware.error());
  async function call(path: string) {
    const res = await request(app).get(`${BASE}${path}`);
    expectMatchesSpec({
      method: 'GET',
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  }
  return { observability, call };
}

describe('observability routes', () => {
  it('serve usage, metrics and traces as the spec describes them', async () => {
    const { observability, call } = setup();
    expect((await call(`${STAGING}/usage`)).body).toEqual(fakeUsage);
    expect((await call(`${STAGING}/metrics?range=6h`)).body).toEqual(
      fakeMetrics,
    );
    expect(observability.getMetrics).toHaveBeenCalledWith(
      target,
      '6h',
      expect.anything(),
    );
    expect(
      (await call(`${STAGING}/traces?limit=5&errors=true&lookback=15m`)).body,
    ).toEqual(fakeTraces);
    expect(observability.getTraces).toHaveBeenCalledWith(
      target,
      { limit: 5, errorsOnly: true, lookback: '15m' },
      expect.anything(),
    );
    expect((await call('/environments/staging/usage')).body).toEqual({
      environment: 'staging',
      items: [],
    });
  });

  it('default to the last hour and 20 traces', async () => {
    const { observability, call } = setup();
    await call(`${STAGING}/metrics`);
    await call(`${STAGING}/traces`);
    expect(observability.getMetrics).toHaveBeenCalledWith(
      target,
      '1h',
      expect.anything(),
    );
    expect(observability.getTraces).toHaveBeenCalledWith(
      target,
      { limit: 20, errorsOnly: false, lookback: '1h' },
      expect.anything(),
    );
  });

  it.each([
    [`${STAGING}/metrics?range=48h`],
    [`${STAGING}/metrics?range=1h%7D%20or%20vector(1)`],
    [`${STAGING}/traces?limit=1000`],
    [`${STAGING}/traces?limit=0`],
    [`${STAGING}/traces?lookback=7d`],
    ['/components/default/Checkout%22API/deployments/staging/usage'],
  ])('refuse %s with 400 before the service is asked', async path => {
    const { observability, call } = setup();
    expect((await call(path)).status).toBe(400);
    expect(observability.getMetrics).not.toHaveBeenCalled();
    expect(observability.getTraces).not.toHaveBeenCalled();
    expect(observability.getUsage).not.toHaveBeenCalled();
  });

  it("answer the service's refusal with its status", async () => {
    const { observability, call } = setup();
    observability.getUsage.mockRejectedValueOnce(new NotAllowedError('no'));
    expect((await call(`${STAGING}/usage`)).status).toBe(403);
  });
});
