import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { KubeApiError } from '../kube/KubeApiError';
import { fakeActions } from './__testUtils__/fakeActions';
import { fakeRuntimeActions } from './__testUtils__/fakeRuntimeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const STAGING = '/components/default/checkout-api/deployments/staging';

/**
 * The router inside Backstage's own error handler, which decides on stacks by NODE_ENV as
 * the backend does (jest runs with `test`, i.e. not development) unless told otherwise.
 */
function setup(o: { showStackTraces?: boolean } = {}) {
  const actions = fakeActions();
  const logger = mockServices.logger.mock();
  const router = createRouter({
    actions,
    runtime: fakeRuntimeActions(),
    httpAuth: mockServices.httpAuth(),
    targets: [],
    logger,
    showStackTraces: o.showStackTraces,
  });
  const app = express()
    .use(BASE, router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error({ showStackTraces: o.showStackTraces }),
    );
  async function get(path: string) {
    const res = await request(app).get(`${BASE}${path}`);
    expectMatchesSpec({
      method: 'GET',
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  }
  return { actions, logger, get };
}

/** Anything that looks like a stack frame or a path on the backend's disk. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toContain(__dirname);
  expect(text).not.toContain('"stack"');
}

describe('error responses', () => {
  it('answers a refused input with its message and no stack outside development', async () => {
    const { get } = setup();

    const res = await get(`${STAGING}/logs?tailLines=ten`);

    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: 'query parameter tailLines must be an integer from 0 to 10000',
    });
    expectNoInternals(res.text);
  });

  it('keeps the cause of a caller error out of the body', async () => {
    const { actions, logger, get } = setup();
    // Backstage would send the cause's message twice: appended to the message, and as `cause`.
    const cause = new Error('update "deployments" set ... where id = 7', {
      cause: new Error('SQLITE_BUSY: database is locked'),
    });
    actions.getDeployment.mockRejectedValue(
      new ConflictError('the deployment changed meanwhile', cause),
    );

    const res = await get(STAGING);

    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      name: 'ConflictError',
      message: 'the deployment changed meanwhile',
    });
    expect(res.text).not.toContain('SQLITE_BUSY');
    expect(res.text).not.toContain('update "deployments"');
    expectNoInternals(res.text);
    expect(logger.warn).toHaveBeenCalledWith(
      `GET ${BASE}${STAGING}: ConflictError answered without its cause`,
      expect.objectContaining({ cause }),
    );
  });

  it('answers an unexpected error as a bare 500 naming a log id, and logs the real one', async () => {
    const { actions, logger, get } = setup();
    const internal = new Error(
      'connect ECONNREFUSED 10.0.0.5:6443 (Authorization: Bearer s3cr3t-token)',
    );
    actions.getDeployment.mockRejectedValue(internal);

    const res = await get(STAGING);

    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      name: 'Error',
      message: expect.stringMatching(
        /^An internal error occurred \(logId=[0-9a-f]{16}\)$/,
      ),
    });
    expect(res.text).not.toContain('s3cr3t-token');
    expect(res.text).not.toContain('10.0.0.5');
    expectNoInternals(res.text);
    const logId = /logId=([0-9a-f]+)/.exec(res.body.error.message)![1];
    expect(logger.error).toHaveBeenCalledWith(
      `GET ${BASE}${STAGING} failed (logId=${logId})`,
      internal,
    );
  });

  it('does not let an internal error with a status field pass for a caller error', async () => {
    const { actions, get } = setup();
    // A Kubernetes answer carries its own status; Backstage would send it, message and all.
    actions.getDeployment.mockRejectedValue(
      KubeApiError.fromBody(
        '/api/v1/namespaces/kube-system/secrets',
        403,
        '{"message":"secrets is forbidden: User \\"system:serviceaccount:stagecraft:backend\\" cannot list"}',
      ),
    );

    const res = await get(STAGING);

    expect(res.status).toBe(500);
    expect(Object.keys(res.body.error)).toEqual(['name', 'message']);
    expect(res.text).not.toContain('kube-system');
    expect(res.text).not.toContain('serviceaccount');
    expectNoInternals(res.text);
  });

  it('shows stacks in development, but still not an internal error’s message', async () => {
    const { actions, get } = setup({ showStackTraces: true });
    actions.getDeployment.mockRejectedValueOnce(
      new NotFoundError('no deployment of checkout-api in staging'),
    );
    const notFound = await get(STAGING);
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.stack).toContain(__filename);

    actions.getDeployment.mockRejectedValueOnce(new Error('s3cr3t-token'));
    const internal = await get(STAGING);
    expect(internal.status).toBe(500);
    expect(internal.text).not.toContain('s3cr3t-token');
    expect(internal.body.error.stack).toBeUndefined();
  });
});
