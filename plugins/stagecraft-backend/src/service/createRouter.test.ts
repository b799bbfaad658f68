import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { DeploymentActions } from '../actions/types';
import { spec } from '../schema/openapi.generated';
import {
  approvalRequest,
  COMPONENT_REF,
  deploymentStatus,
  driftEvent,
  fakeActions,
  historyEntry,
  RELEASE_ID,
  release,
} from './__testUtils__/fakeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { fakeRuntimeActions } from './__testUtils__/fakeRuntimeActions';
import { fakeObservability } from '../observability/__testUtils__/fakeObservability';
import { fakeImpactActions } from '../impact/__testUtils__/fakeImpactActions';
import { fakeCostActions } from '../cost/__testUtils__/fakeCostActions';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const CHECKOUT = '/components/default/checkout-api';
const STAGING = `${CHECKOUT}/deployments/staging`;

/** JSON's view of a value: what a client receives. */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

function setup() {
  const actions = fakeActions();
  const router = createRouter({
    actions,
    runtime: fakeRuntimeActions(),
    observability: fakeObservability(),
    impact: fakeImpactActions(),
    cost: fakeCostActions(),
    diagnosis: {
      diagnose: async key => ({
        ...key,
        diagnosedAt: new Date().toISOString(),
        findings: [],
        checked: [],
        gaps: [],
      }),
    },
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    targets: [
      { name: 'local', type: 'gitops', directory: '/tmp/gitops' },
      {
        name: 'demo',
        type: 'kubernetes',
        connection: {
          type: 'url',
          url: 'https://127.0.0.1:6443',
          token: 'never-send-me',
          skipTLSVerify: false,
        },
      },
    ],
  });
  // Mounted and wrapped as Backstage does, so errors get Backstage's status codes and bodies.
  const app = express()
    .use(BASE, router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );

  /** Sends a request and checks the response against the spec before returning it. */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    o: { body?: object; authorization?: string } = {},
  ) {
    let req = request(app)[method === 'GET' ? 'get' : 'post'](`${BASE}${path}`);
    if (o.authorization) req = req.set('Authorization', o.authorization);
    const res = await (o.body ? req.send(o.body) : req);
    expectMatchesSpec({
      method,
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  }

  return { actions, router, app, call };
}

const asDefaultUser = { credentials: mockCredentials.user() };

describe('createRouter', () => {
  it('lists targets by name and type, never their credentials', async () => {
    const { call } = setup();

    const res = await call('GET', '/targets');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { name: 'local', type: 'gitops' },
        { name: 'demo', type: 'kubernetes' },
      ],
    });
    expect(res.text).not.toContain('never-send-me');
  });

  it.each<{
    route: string;
    method: 'GET' | 'POST';
    path: string;
    body?: object;
    action: keyof DeploymentActions;
    args: unknown[];
    status: number;
    response: unknown;
  }>([
    {
      route: 'lists deployments',
      method: 'GET',
      path: `${CHECKOUT}/deployments`,
      action: 'listDeployments',
      args: [COMPONENT_REF],
      status: 200,
      response: { items: [deploymentStatus] },
    },
    {
      route: 'gets a deployment',
      method: 'GET',
      path: STAGING,
      action: 'getDeployment',
      args: [{ componentRef: COMPONENT_REF, environment: 'staging' }],
      status: 200,
      response: deploymentStatus,
    },
    {
      route: 'lists releases',
      method: 'GET',
      path: `${CHECKOUT}/releases`,
      action: 'listReleases',
      args: [COMPONENT_REF],
      status: 200,
      response: { items: [release] },
    },
    {
      route: 'lists the whole history',
      method: 'GET',
      path: `${CHECKOUT}/history`,
      action: 'listHistory',
      args: [COMPONENT_REF, undefined],
      status: 200,
      response: { items: [historyEntry] },
    },
    {
      route: "lists one environment's history",
      method: 'GET',
      path: `${CHECKOUT}/history?environment=staging`,
      action: 'listHistory',
      args: [COMPONENT_REF, 'staging'],
      status: 200,
      response: { items: [historyEntry] },
    },
    {
      route: 'lists drift',
      method: 'GET',
      path: `${STAGING}/drift`,
      action: 'listDrift',
      args: [{ componentRef: COMPONENT_REF, environment: 'staging' }],
      status: 200,
      response: { items: [driftEvent] },
    },
    {
      route: 'lists approvals',
      method: 'GET',
      path: `${CHECKOUT}/approvals`,
      action: 'listApprovals',
      args: [COMPONENT_REF],
      status: 200,
      response: { items: [approvalRequest] },
    },
    {
      route: 'deploys a given release',
      method: 'POST',
      path: `${STAGING}/deploy`,
      body: { releaseId: RELEASE_ID },
      action: 'deploy',
      args: [
        {
          componentRef: COMPONENT_REF,
          environment: 'staging',
          releaseId: RELEASE_ID,
        },
      ],
      status: 202,
      response: deploymentStatus,
    },
    {
      route: 'deploys the latest release without a body',
      method: 'POST',
      path: `${STAGING}/deploy`,
      action: 'deploy',
      args: [
        {
          componentRef: COMPONENT_REF,
          environment: 'staging',
          releaseId: undefined,
        },
      ],
      status: 202,
      response: deploymentStatus,
    },
    {
      route: 'promotes and deploys',
      method: 'POST',
      path: `${CHECKOUT}/promote`,
      body: { from: 'dev' },
      action: 'promote',
      args: [{ componentRef: COMPONENT_REF, from: 'dev' }],
      status: 202,
      response: { outcome: 'deployed', deployment: deploymentStatus },
    },
    {
      route: 'rolls back',
      method: 'POST',
      path: `${STAGING}/rollback`,
      body: { releaseId: RELEASE_ID },
      action: 'rollback',
      args: [
        {
          componentRef: COMPONENT_REF,
          environment: 'staging',
          releaseId: RELEASE_ID,
        },
      ],
      status: 202,
      response: deploymentStatus,
    },
    {
      route: 'redeploys',
      method: 'POST',
      path: `${STAGING}/redeploy`,
      action: 'redeploy',
      args: [{ componentRef: COMPONENT_REF, environment: 'staging' }],
      status: 202,
      response: deploymentStatus,
    },
    {
      route: 'undeploys',
      method: 'POST',
      path: `${STAGING}/undeploy`,
      action: 'undeploy',
      args: [{ componentRef: COMPONENT_REF, environment: 'staging' }],
      status: 202,
      response: { ...deploymentStatus, desiredState: 'undeployed' },
    },
    {
      route: 'approves with a comment',
      method: 'POST',
      path: '/approvals/7/approve',
      body: { comment: 'ship it' },
      action: 'approve',
      args: [{ approvalId: 7, comment: 'ship it' }],
      status: 200,
      response: {
        ...approvalRequest,
        state: 'approved',
        decidedBy: 'user:default/lead',
        decidedAt: '2026-01-02T06:00:00.000Z',
        comment: 'ship it',
      },
    },
    {
      route: 'denies without a body',
      method: 'POST',
      path: '/approvals/7/deny',
      action: 'deny',
      args: [{ approvalId: 7, comment: undefined }],
      status: 200,
      response: {
        ...approvalRequest,
        state: 'denied',
        decidedBy: 'user:default/lead',
        decidedAt: '2026-01-02T06:00:00.000Z',
      },
    },
  ])(
    '$route',
    async ({ method, path, body, action, args, status, response }) => {
      const { actions, call } = setup();

      const res = await call(method, path, { body });

      expect(res.status).toBe(status);
      expect(res.body).toEqual(json(response));
      expect(actions[action]).toHaveBeenCalledWith(...args, asDefaultUser);
    },
  );

  it('answers 201 with the approval when a promotion needs one', async () => {
    const { actions, call } = setup();
    actions.promote.mockResolvedValue({
      outcome: 'approval-requested',
      approval: approvalRequest,
    });

    const res = await call('POST', `${CHECKOUT}/promote`, {
      body: { from: 'staging' },
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      outcome: 'approval-requested',
      approval: approvalRequest,
    });
  });

  it('hands the calling user to the action', async () => {
    const { actions, call } = setup();

    await call('POST', `${CHECKOUT}/promote`, {
      body: { from: 'dev' },
      authorization: mockCredentials.user.header('user:default/jane'),
    });

    expect(actions.promote).toHaveBeenCalledWith(expect.anything(), {
      credentials: mockCredentials.user('user:default/jane'),
    });
  });

  it('hands a calling service, such as an agent tool, to the action', async () => {
    const { actions, call } = setup();

    await call('POST', `${STAGING}/redeploy`, {
      authorization: mockCredentials.service.header(),
    });

    expect(actions.redeploy).toHaveBeenCalledWith(expect.anything(), {
      credentials: mockCredentials.service(),
    });
  });

  it('rejects an invalid token with 401 without calling the action', async () => {
    const { actions, call } = setup();

    const res = await call('POST', `${STAGING}/redeploy`, {
      authorization: mockCredentials.user.invalidHeader(),
    });

    expect(res.status).toBe(401);
    expect(actions.redeploy).not.toHaveBeenCalled();
  });

  it.each<{
    input: string;
    method: 'GET' | 'POST';
    path: string;
    body?: object;
    message: string;
  }>([
    {
      input: 'a namespace that is not a DNS label',
      method: 'GET',
      path: '/components/Default/checkout-api/deployments',
      message: 'request/params/namespace must match pattern',
    },
    {
      input: 'a component name ending in "-"',
      method: 'GET',
      path: '/components/default/checkout-api-/releases',
      message: 'request/params/name must match pattern',
    },
    {
      input: 'an environment name with "_"',
      method: 'GET',
      path: `${CHECKOUT}/deployments/prod_eu`,
      message: 'request/params/environment must match pattern',
    },
    {
      input: 'an environment name longer than 63 characters',
      method: 'POST',
      path: `${CHECKOUT}/deployments/${'e'.repeat(64)}/redeploy`,
      message:
        'request/params/environment must NOT have more than 63 characters',
    },
    {
      input: 'an environment filter that is not a DNS label',
      method: 'GET',
      path: `${CHECKOUT}/history?environment=Staging`,
      message: 'request/query/environment must match pattern',
    },
    {
      input: 'a release id that is not a SHA-256',
      method: 'POST',
      path: `${STAGING}/deploy`,
      body: { releaseId: 'latest' },
      message: 'request/body/releaseId must match pattern',
    },
    {
      input: 'a misspelt body field',
      method: 'POST',
      path: `${STAGING}/deploy`,
      body: { releaseID: RELEASE_ID },
      message: 'request/body must NOT have additional properties',
    },
    {
      input: 'a rollback without a release',
      method: 'POST',
      path: `${STAGING}/rollback`,
      body: {},
      message: "request/body must have required property 'releaseId'",
    },
    {
      input: 'a promotion without a source environment',
      method: 'POST',
      path: `${CHECKOUT}/promote`,
      body: {},
      message: "request/body must have required property 'from'",
    },
    {
      input: 'a promotion from an invalid environment name',
      method: 'POST',
      path: `${CHECKOUT}/promote`,
      body: { from: 'dev env' },
      message: 'request/body/from must match pattern',
    },
    {
      input: 'an approval id that is not a number',
      method: 'POST',
      path: '/approvals/seven/approve',
      message: 'path parameter approvalId must be an integer of at least 1',
    },
    {
      input: 'an approval id below 1',
      method: 'POST',
      path: '/approvals/0/deny',
      message: 'path parameter approvalId must be an integer of at least 1',
    },
    {
      input: 'a comment that is not a string',
      method: 'POST',
      path: '/approvals/7/approve',
      body: { comment: 5 },
      message: 'request/body/comment must be string',
    },
  ])(
    'answers 400 to $input without calling an action',
    async ({ method, path, body, message }) => {
      const { actions, call } = setup();

      const res = await call(method, path, { body });

      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
      for (const action of Object.values(actions)) {
        expect(action).not.toHaveBeenCalled();
      }
    },
  );

  it.each([
    { error: new NotAllowedError('not allowed to deploy'), status: 403 },
    { error: new NotFoundError('no environment "qa"'), status: 404 },
    { error: new ConflictError('approval 7 was already denied'), status: 409 },
  ])(
    'answers $status to $error.name from the action',
    async ({ error, status }) => {
      const { actions, call } = setup();
      actions.approve.mockRejectedValue(error);

      const res = await call('POST', '/approvals/7/approve');

      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({
        name: error.name,
        message: error.message,
      });
    },
  );

  it('has an OpenAPI operation for every route and a route for every operation', () => {
    const { router } = setup();
    const routes = router.stack
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys((layer.route as any).methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route!.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      // The spec itself is served by the OpenAPI router and not part of the API.
      .filter(route => route !== 'GET /openapi.json');
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map(method => `${method.toUpperCase()} ${path}`),
    );

    expect(routes.sort()).toEqual(operations.sort());
  });

  it('serves its OpenAPI spec with paths under the mount path', async () => {
    const { app } = setup();

    const res = await request(app).get(`${BASE}/openapi.json`);

    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .map(path => `${BASE}${path}`)
        .sort(),
    );
  });
});
