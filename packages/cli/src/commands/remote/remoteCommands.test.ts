import { startFakeBackend } from '../../__testUtils__/fakeBackend';
import { runAgainst } from '../../__testUtils__/runCli';
import { ExitCode } from '../../ExitCode';

const release = 'a'.repeat(64);
const deployment = (environment: string, extra: object = {}) => ({
  componentRef: 'component:default/checkout-api',
  environment,
  target: 'local',
  releaseId: release,
  image: 'registry.acme-retail.example/checkout-api:2.7.0',
  desiredState: 'deployed',
  generation: 3,
  updatedBy: 'user:default/ann',
  updatedAt: '2026-11-30T11:35:07.000Z',
  sync: { state: 'synced', reason: 'running release aaaa' },
  replicas: { desired: 2, ready: 2, updated: 2 },
  urls: [],
  pendingConnections: [],
  ...extra,
});
const approval = {
  id: 7,
  componentRef: 'component:default/checkout-api',
  environment: 'production',
  releaseId: release,
  fromEnvironment: 'staging',
  requestedBy: 'user:default/ann',
  requestedAt: '2026-11-30T11:40:00.000Z',
  state: 'pending',
};

describe('remote commands', () => {
  let backend: Awaited<ReturnType<typeof startFakeBackend>>;
  afterEach(() => backend?.close());

  const stagecraft = (args: string[], o?: { env?: Record<string, string> }) =>
    runAgainst(backend.url, args, o);

  it('status prints a table per environment with the reasons below, from STAGECRAFT_URL with STAGECRAFT_TOKEN', async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        output: {
          componentRef: 'component:default/checkout-api',
          latestRelease: {
            id: release,
            image: 'checkout-api:2.7.0',
            createdBy: 'catalog',
            createdAt: '2026-11-30T11:00:00.000Z',
          },
          deployments: [
            deployment('dev'),
            deployment('staging', {
              sync: { state: 'degraded', reason: '0 of 2 replicas ready' },
              replicas: { desired: 2, ready: 0, updated: 2 },
              pendingConnections: [
                { message: 'fraud-screening is not deployed in staging yet' },
              ],
            }),
          ],
        },
      }),
    });
    const { code, stdout, stderr } = await stagecraft([
      'status',
      'checkout-api',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        'component:default/checkout-api: latest release aaaaaaaaaaaa (checkout-api:2.7.0), created 2026-11-30 11:00:00Z',
        'ENVIRONMENT  STATE     SYNC      READY  RELEASE       IMAGE                                            UPDATED               BY',
        'dev          deployed  synced    2/2    aaaaaaaaaaaa  registry.acme-retail.example/checkout-api:2.7.0  2026-11-30 11:35:07Z  user:default/ann',
        'staging      deployed  degraded  0/2    aaaaaaaaaaaa  registry.acme-retail.example/checkout-api:2.7.0  2026-11-30 11:35:07Z  user:default/ann',
        'staging: degraded: 0 of 2 replicas ready',
        'staging: pending: fraud-screening is not deployed in staging yet',
        '',
      ].join('\n'),
    );
    expect(backend.received[0]).toMatchObject({
      path: '/api/stagecraft/.backstage/actions/v1/actions/stagecraft:get-component-status/invoke',
      authorization: 'Bearer env-token',
      body: { component: 'checkout-api' },
    });
  });

  it("--json prints the action's output as is; --token and --url win over the environment", async () => {
    const output = { componentRef: 'component:default/x', deployments: [] };
    backend = await startFakeBackend({ invoke: () => ({ output }) });
    const { code, stdout } = await stagecraft(
      ['status', 'x', '--json', '--token', 'flag-token', '--url', backend.url],
      { env: { STAGECRAFT_URL: 'http://127.0.0.1:1' } },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(output);
    expect(backend.received[0].authorization).toBe('Bearer flag-token');
  });

  it('promote exits 6 when it opened an approval request, and says who must act', async () => {
    backend = await startFakeBackend({
      invoke: () => ({ output: { outcome: 'approval-requested', approval } }),
    });
    const human = await stagecraft([
      'promote',
      'checkout-api',
      '--from',
      'staging',
    ]);
    expect(human.code).toBe(ExitCode.ApprovalPending);
    expect(human.stdout).toBe(
      'approval #7 pending: release aaaaaaaaaaaa of component:default/checkout-api from staging to production\n' +
        'production needs an approval by someone else: `stagecraft approve 7`\n',
    );
    const json = await stagecraft([
      'promote',
      'checkout-api',
      '--from',
      'staging',
      '--json',
    ]);
    expect(json.code).toBe(ExitCode.ApprovalPending);
    expect(JSON.parse(json.stdout)).toEqual({
      outcome: 'approval-requested',
      approval,
    });
    expect(backend.received[0].body).toEqual({
      component: 'checkout-api',
      from: 'staging',
    });
  });

  it.each([
    ['{deployment}', { deployment: deployment('dev') }],
    ['the deployment itself', deployment('dev')],
  ])(
    'redeploy prints the deployment the action answers as %s',
    async (_, output) => {
      backend = await startFakeBackend({ invoke: () => ({ output }) });
      const { code, stdout } = await stagecraft([
        'redeploy',
        'checkout-api',
        '--env',
        'dev',
      ]);
      expect(code).toBe(0);
      expect(stdout).toBe(
        'redeployed component:default/checkout-api in dev: release aaaaaaaaaaaa (registry.acme-retail.example/checkout-api:2.7.0), deployed, generation 3; sync synced (see `stagecraft status`)\n',
      );
    },
  );

  it('promote exits 0 when the release was deployed', async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        output: {
          outcome: 'deployed',
          deployment: deployment('staging', {
            sync: { state: 'pending', reason: '' },
          }),
        },
      }),
    });
    const { code, stdout } = await stagecraft([
      'promote',
      'checkout-api',
      '--from',
      'dev',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'promoted component:default/checkout-api in staging: release aaaaaaaaaaaa (registry.acme-retail.example/checkout-api:2.7.0), deployed, generation 3; sync pending (see `stagecraft status`)\n',
    );
  });

  it.each([
    [
      ['approve', '7', '--comment', 'ok'],
      'stagecraft:approve-promotion',
      { approvalId: 7, comment: 'ok' },
    ],
    [['deny', '7'], 'stagecraft:deny-promotion', { approvalId: 7 }],
    [
      ['rollback', 'api', '--env', 'staging', '--release', release],
      'stagecraft:rollback',
      { component: 'api', environment: 'staging', releaseId: release },
    ],
    [
      ['redeploy', 'api', '--env', 'dev'],
      'stagecraft:redeploy',
      { component: 'api', environment: 'dev' },
    ],
    [
      ['undeploy', 'api', '--env', 'dev'],
      'stagecraft:undeploy',
      { component: 'api', environment: 'dev' },
    ],
    [
      ['deploy', 'api'],
      'stagecraft:deploy',
      { component: 'api', refresh: true },
    ],
    [
      ['history', 'api', '--env', 'dev'],
      'stagecraft:get-deployment-history',
      { component: 'api', environment: 'dev' },
    ],
    [['approvals', 'api'], 'stagecraft:list-approvals', { component: 'api' }],
    [
      [
        'logs',
        'api',
        '--env',
        'dev',
        '--lines',
        '20',
        '--pod',
        'p',
        '--container',
        'main',
      ],
      'stagecraft:get-logs',
      {
        component: 'api',
        environment: 'dev',
        lines: 20,
        pod: 'p',
        container: 'main',
      },
    ],
    [
      ['diff', 'api', 'staging', 'production'],
      'stagecraft:diff-environments',
      { component: 'api', from: 'staging', to: 'production' },
    ],
    [
      [
        'explain',
        'api',
        'endpoint:ledger-http',
        '--env',
        'dev',
        '--port',
        '8080',
      ],
      'stagecraft:explain-traffic',
      {
        from: 'api',
        to: 'endpoint:ledger-http',
        environment: 'dev',
        port: 8080,
      },
    ],
  ])('%j invokes %s with %j', async (args, action, input) => {
    backend = await startFakeBackend({ invoke: () => ({ output: {} }) });
    await stagecraft([...args, '--json']);
    expect(backend.received).toEqual([
      expect.objectContaining({
        path: `/api/stagecraft/.backstage/actions/v1/actions/${action}/invoke`,
        body: input,
      }),
    ]);
  });

  it.each([
    [['approve', 'seven'], 'approvalId must be a whole number'],
    [
      ['logs', 'api', '--env', 'dev', '--lines', '501'],
      '--lines must be a whole number from 1 to 500',
    ],
    [
      ['explain', 'a', 'b', '--env', 'dev', '--port', '70000'],
      '--port must be a whole number from 1 to 65535',
    ],
    [
      ['logs', 'api', '--env', 'dev', '-f', '--lines', '-1'],
      '--lines must be a whole number from 0 to 10000',
    ],
    [
      ['logs', 'group:default/x', '--env', 'dev', '-f'],
      'group:default/x is not a component',
    ],
  ])('%j is a usage error sent nowhere', async (args, message) => {
    backend = await startFakeBackend({ invoke: () => ({ output: {} }) });
    const { code, stderr } = await stagecraft(args);
    expect(code).toBe(ExitCode.Usage);
    expect(stderr).toContain(message);
    expect(backend.received).toEqual([]);
  });

  it('a missing required option is a usage error', async () => {
    backend = await startFakeBackend({});
    const { code, stderr } = await stagecraft(['promote', 'api']);
    expect(code).toBe(ExitCode.Usage);
    expect(stderr).toMatch(
      /required option '--from <environment>' not specified/,
    );
  });

  it('explain prints the verdict, why, and the deciding policies; a denied connection exits 1', async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        output: {
          allowed: false,
          reason: 'checkout-api declares no dependency on endpoint:auth-http',
          fromRef: 'component:default/checkout-api',
          toRef: 'component:default/auth-service',
          endpointRef: 'endpoint:default/auth-http',
          environment: 'dev',
          visibility: {
            endpointRef: 'endpoint:default/auth-http',
            visibility: 'organization',
            permits: true,
            rule: 'every project may depend on it',
          },
          evidence: {
            policies: [
              {
                namespace: 'payments-dev',
                name: 'checkout-api',
                direction: 'egress',
                effect: 'isolates',
              },
              {
                namespace: 'identity-dev',
                name: 'auth-service',
                direction: 'ingress',
                effect: 'isolates',
              },
            ],
            destinationPort: { port: 8080, protocol: 'TCP' },
          },
          nextStep: 'add endpoint:auth-http to spec.dependsOn of checkout-api',
        },
      }),
    });
    const { code, stdout } = await stagecraft([
      'explain',
      'checkout-api',
      'endpoint:auth-http',
      '--env',
      'dev',
    ]);
    expect(code).toBe(ExitCode.Failed);
    expect(stdout).toBe(
      [
        'denied: component:default/checkout-api → endpoint:default/auth-http (component:default/auth-service) on 8080/TCP in dev',
        'reason: checkout-api declares no dependency on endpoint:auth-http',
        'declared: no dependsOn entry',
        'visibility: organization, permits the caller: every project may depend on it',
        'next step: add endpoint:auth-http to spec.dependsOn of checkout-api',
        '',
        'DIRECTION  POLICY                     EFFECT    RULE  UNCERTAIN',
        'egress     payments-dev/checkout-api  isolates  -     -',
        'ingress    identity-dev/auth-service  isolates  -     -',
        '',
      ].join('\n'),
    );
  });
});
