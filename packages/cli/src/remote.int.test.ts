import { TestDatabases } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { eventually } from './__testUtils__/eventually';
import { captureIo, runAgainst } from './__testUtils__/runCli';
import {
  startStagecraftBackend,
  userToken,
} from './__testUtils__/stagecraftBackend';
import { ExitCode } from './ExitCode';
import { run } from './program';

/*
 * Every remote command through the CLI's program entry, against the real backend (its
 * actions registry over HTTP) with the example organisation deploying to the real cluster.
 * ann and bob are signed-in users with bearer tokens the backend accepts. The tests run in
 * order: each builds on what the one before did to checkout-api.
 */

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const image = 'registry.acme-retail.example/checkout-api:2.7.0';
const nextImage = 'registry.acme-retail.example/checkout-api:2.7.1';
/** The image `deploy` ships without a trigger pass; later promoted, then denied production. */
const committed = 'registry.acme-retail.example/checkout-api:2.7.2';

describeWithCluster('stagecraft CLI against a running backend', () => {
  let b: Awaited<ReturnType<typeof startStagecraftBackend>>;
  /** The production approval request the tests open and decide. */
  let approvalId: number;
  const cli = (args: string[], user = 'ann') =>
    runAgainst(b.url, args, { env: { STAGECRAFT_TOKEN: userToken(user) } });

  /** checkout-api's deployment in `environment`, as `status --json` reports it. */
  const deployment = async (environment: string) => {
    const { code, stdout } = await cli(['status', 'checkout-api', '--json']);
    expect(code).toBe(0);
    return (JSON.parse(stdout).deployments as any[]).find(
      d => d.environment === environment,
    );
  };
  /** The image the cluster runs for checkout-api in `environment`; undefined when none. */
  const liveImage = async (environment: string) => {
    const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
    const live = await apps
      .readNamespacedDeployment({
        name: 'checkout-api',
        namespace: b.namespace('payments', environment),
      })
      .catch(() => undefined);
    return live?.spec?.template.spec?.containers[0].image;
  };
  const runs = (environment: string, expected: string | undefined) =>
    eventually(
      () => liveImage(environment),
      live => live === expected,
      `checkout-api in ${environment} to run ${expected}`,
    );

  beforeAll(async () => {
    b = await startStagecraftBackend(databases);
    await b.runCatalogTrigger();
    await eventually(
      () => deployment('dev'),
      d => d?.sync.state === 'synced',
      'checkout-api synced in dev',
      90_000,
    );
  }, 120_000);
  afterAll(() => b?.cleanUp());

  it('status prints the environments of checkout-api', async () => {
    const { code, stdout, stderr } = await cli(['status', 'checkout-api']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [heading, header, ...rows] = stdout.split('\n');
    expect(heading).toMatch(
      /^component:default\/checkout-api: latest release [0-9a-f]{12} \(registry\.acme-retail\.example\/checkout-api:2\.7\.0\), created \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    expect(header.split(/\s+/)).toEqual([
      'ENVIRONMENT',
      'STATE',
      'SYNC',
      'READY',
      'RELEASE',
      'IMAGE',
      'UPDATED',
      'BY',
    ]);
    expect(rows[0].split(/\s+/)).toEqual([
      'dev',
      'deployed',
      'synced',
      '2/2',
      expect.stringMatching(/^[0-9a-f]{12}$/),
      image,
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      expect.stringMatching(/^\d\d:\d\d:\d\dZ$/),
      expect.any(String),
    ]);
  });

  it('promote deploys to the next stage, and the cluster runs it', async () => {
    const { code, stdout } = await cli([
      'promote',
      'checkout-api',
      '--from',
      'dev',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^promoted component:default/checkout-api in staging: release [0-9a-f]{12} \\(${image.replace(
          /\./g,
          '\\.',
        )}\\), deployed, generation 1; sync pending`,
      ),
    );
    await runs('staging', image);
  });

  it('promote into production opens an approval request (exit 6); the requester cannot approve it (exit 4), someone else can', async () => {
    const asked = await cli([
      'promote',
      'checkout-api',
      '--from',
      'staging',
      '--json',
    ]);
    expect(asked.code).toBe(ExitCode.ApprovalPending);
    const { approval } = JSON.parse(asked.stdout);
    approvalId = approval.id;
    expect(approval).toMatchObject({
      state: 'pending',
      environment: 'production',
      fromEnvironment: 'staging',
      requestedBy: 'user:default/ann',
    });
    expect(await liveImage('production')).toBeUndefined();

    const own = await cli(['approve', String(approval.id)], 'ann');
    expect(own.code).toBe(ExitCode.NotAllowed);
    expect(own.stderr).toMatch(/^stagecraft: [^\n]+\n$/);
    expect(await liveImage('production')).toBeUndefined();

    const approved = await cli(
      ['approve', String(approval.id), '--comment', 'ship it'],
      'bob',
    );
    expect(approved).toEqual({
      code: 0,
      stdout: `approval #${
        approval.id
      } approved by user:default/bob: release ${approval.releaseId.slice(
        0,
        12,
      )} of component:default/checkout-api from staging to production: ship it\n`,
      stderr: '',
    });
    await runs('production', image);

    const approvals = await cli(['approvals', 'checkout-api']);
    expect(approvals.code).toBe(0);
    expect(approvals.stdout.split('\n')[1].split(/\s+/).slice(0, 6)).toEqual([
      String(approval.id),
      'approved',
      'production',
      'staging',
      approval.releaseId.slice(0, 12),
      'user:default/ann',
    ]);
  });

  it('history shows who asked and who approved, newest first', async () => {
    const { code, stdout } = await cli([
      'history',
      'checkout-api',
      '--env',
      'production',
    ]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header.split(/\s+/)).toEqual([
      'AT',
      'ENVIRONMENT',
      'ACTION',
      'RELEASE',
      'ACTOR',
      'DETAILS',
    ]);
    // AT is two words (date and time), so ENVIRONMENT is the third.
    expect(
      rows.map(r => r.split(/\s+/).slice(2, 4).concat(r.split(/\s+/)[5])),
    ).toEqual([
      ['production', 'promote', 'user:default/bob'],
      ['production', 'request-approval', 'user:default/ann'],
    ]);
    expect(rows[0]).toContain(`approvalId=${approvalId}`);
    expect(rows[0]).toContain('requestedBy=user:default/ann');
  });

  it('undeploy removes it from the cluster, redeploy brings it back', async () => {
    const undeployed = await cli([
      'undeploy',
      'checkout-api',
      '--env',
      'staging',
    ]);
    expect(undeployed.code).toBe(0);
    expect(undeployed.stdout).toMatch(
      /^undeployed component:default\/checkout-api in staging: .*, undeployed, /,
    );
    await runs('staging', undefined);

    const redeployed = await cli([
      'redeploy',
      'checkout-api',
      '--env',
      'staging',
    ]);
    expect(redeployed.code).toBe(0);
    expect(redeployed.stdout).toMatch(
      /^redeployed component:default\/checkout-api in staging: .*, deployed, /,
    );
    await runs('staging', image);
  });

  it('diff names what differs between two environments once a new release reached dev', async () => {
    b.setImage('checkout-api', nextImage);
    await eventually(
      async () => {
        await b.runCatalogTrigger();
        return liveImage('dev');
      },
      live => live === nextImage,
      'the new release in dev',
    );
    const { code, stdout } = await cli([
      'diff',
      'checkout-api',
      'staging',
      'dev',
      '--manifests',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(image);
    expect(stdout).toContain(nextImage);
    expect(stdout).toMatch(
      new RegExp(`^-.*image: ${image.replace(/\./g, '\\.')}$`, 'm'),
    );
    expect(stdout).toMatch(
      new RegExp(`^\\+.*image: ${nextImage.replace(/\./g, '\\.')}$`, 'm'),
    );
  });

  it('rollback returns dev to the release it ran before', async () => {
    const staging = await deployment('staging');
    const { code, stdout } = await cli([
      'rollback',
      'checkout-api',
      '--env',
      'dev',
      '--release',
      staging.releaseId,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^rolled back component:default/checkout-api in dev: release ${staging.releaseId.slice(
          0,
          12,
        )} `,
      ),
    );
    await runs('dev', image);
  });

  it("logs prints the pods' recent lines", async () => {
    // Every container of a rolled-out deployment can be read (a starting or terminating one
    // answers with an error event and exit 1).
    await eventually(
      () => deployment('production'),
      d => d?.sync.state === 'synced',
      'checkout-api synced in production',
    );
    const marker = `cli recent ${randomBytes(4).toString('hex')}`;
    await testCluster().appendPodLog([marker]);
    const printed = await eventually(
      () =>
        cli(['logs', 'checkout-api', '--env', 'production', '--lines', '500']),
      r => r.stdout.includes(marker),
      'the appended line in the recent logs',
    );
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      new RegExp(
        `^\\[checkout-api-[a-z0-9]+-[a-z0-9]+/main\\] ${marker}$`,
        'm',
      ),
    );
  });

  it('logs -f prints a line appended while following, and Ctrl-C ends it with exit 0', async () => {
    const interrupt = new AbortController();
    const { io, printed } = captureIo(interrupt.signal);
    // Production, which nothing has rolled out since the approval: pods of a rollout that
    // are still going away would end their logs with an error event.
    const following = run(
      [
        'node',
        'stagecraft',
        'logs',
        'checkout-api',
        '--env',
        'production',
        '-f',
        '--lines',
        '0',
      ],
      io,
      { STAGECRAFT_URL: b.url, STAGECRAFT_TOKEN: userToken('ann') },
    );
    // A line appended before the stream's upstream requests are open is not sent: append
    // until one arrives.
    const marker = `cli follow ${randomBytes(4).toString('hex')}`;
    let attempt = 0;
    await eventually(
      async () => {
        attempt += 1;
        await testCluster().appendPodLog([`${marker} #${attempt}`]);
        await new Promise(resolve => setTimeout(resolve, 300));
        return printed.stdout;
      },
      stdout => stdout.includes(marker),
      'the appended line on stdout',
      20_000,
    );
    interrupt.abort();
    await expect(following).resolves.toBe(0);
    expect(printed.stdout).toMatch(
      new RegExp(
        `^\\[checkout-api-[a-z0-9]+-[a-z0-9]+/main\\] ${marker} #\\d+$`,
        'm',
      ),
    );
    expect(printed.stderr).toBe('');
  });

  it('explain says why checkout-api may reach a declared endpoint (exit 0) and not an undeclared one (exit 1)', async () => {
    const allowed = await cli([
      'explain',
      'checkout-api',
      'endpoint:ledger-http',
      '--env',
      'dev',
    ]);
    expect(allowed.code).toBe(0);
    const [verdict, ...rest] = allowed.stdout.split('\n');
    expect(verdict).toBe(
      'allowed: component:default/checkout-api → endpoint:default/ledger-http (component:default/payment-ledger) on 8080/TCP in dev',
    );
    expect(rest).toContain(
      'declared: spec.dependsOn[1] (endpoint:ledger-http)',
    );
    // Both directions were decided by rules that admit the connection.
    const admitting = rest.filter(l =>
      /^(egress|ingress)\s.*\sadmits\s/.test(l),
    );
    expect(admitting.map(l => l.split(/\s+/)[0]).sort()).toEqual([
      'egress',
      'ingress',
    ]);

    const denied = await cli([
      'explain',
      'checkout-api',
      'endpoint:auth-http',
      '--env',
      'dev',
    ]);
    expect(denied.code).toBe(ExitCode.Failed);
    expect(denied.stdout.split('\n')[0]).toBe(
      'denied: component:default/checkout-api → endpoint:default/auth-http (component:default/auth-service) on 8443/TCP in dev',
    );
    expect(denied.stdout).toContain('declared: no dependsOn entry');
    expect(denied.stdout).toMatch(
      /^next step: .*dependsOn: endpoint:auth-http/m,
    );
  });

  it('deploy puts what the catalog serves now into the first stage, without waiting for a catalog trigger pass', async () => {
    b.setImage('checkout-api', committed);
    const { code, stdout } = await cli(['deploy', 'checkout-api']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^deployed component:default/checkout-api in dev: release [0-9a-f]{12} \\(${committed.replace(
          /\./g,
          '\\.',
        )}\\), deployed, `,
      ),
    );
    await runs('dev', committed);
  });

  it('deny withdraws a pending production approval as its requester; production keeps its release', async () => {
    const toStaging = await cli(['promote', 'checkout-api', '--from', 'dev']);
    expect(toStaging.code).toBe(0);
    await runs('staging', committed);
    const production = await deployment('production');
    const asked = await cli([
      'promote',
      'checkout-api',
      '--from',
      'staging',
      '--json',
    ]);
    expect(asked.code).toBe(ExitCode.ApprovalPending);
    const { approval } = JSON.parse(asked.stdout);
    expect(approval).toMatchObject({
      state: 'pending',
      requestedBy: 'user:default/ann',
    });

    const denied = await cli(
      ['deny', String(approval.id), '--comment', 'not today'],
      'ann',
    );
    expect(denied).toEqual({
      code: 0,
      stdout: `approval #${
        approval.id
      } denied by user:default/ann: release ${approval.releaseId.slice(
        0,
        12,
      )} of component:default/checkout-api from staging to production: not today\n`,
      stderr: '',
    });
    const approvals = await cli(['approvals', 'checkout-api', '--json']);
    expect(approvals.code).toBe(0);
    expect(
      (JSON.parse(approvals.stdout).decided as any[]).find(
        a => a.id === approval.id,
      ),
    ).toMatchObject({ state: 'denied', decidedBy: 'user:default/ann' });
    // A decided request cannot be approved afterwards, and production never changed.
    const late = await cli(['approve', String(approval.id)], 'bob');
    expect(late.code).not.toBe(0);
    expect((await deployment('production')).releaseId).toBe(
      production.releaseId,
    );
    expect(await liveImage('production')).toBe(image);
  });
});
