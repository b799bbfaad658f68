import { createMockDirectory } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { startGoldenPathBackend } from '../__testUtils__/goldenPathBackend';

/**
 * The New service template run for real: validate, publish to a local repository, the catalog
 * showing it, and the Stagecraft plugin deploying it to dev as the user who ran it.
 */
/**
 * Who a new release's deployment to dev is recorded as: the template's deploy as its user, or
 * the control plane's catalog trigger when that deployed the same release a moment before (the
 * user's deploy then changes nothing). That the template deploys as its user is shown by the
 * refusal of a user who may not deploy.
 */
const janeOrTheCatalogTrigger = expect.stringMatching(
  /^(user:default\/jane|stagecraft:catalog-trigger)$/,
);

describe('New service, end to end', () => {
  const disk = createMockDirectory();
  let portal: Awaited<ReturnType<typeof startGoldenPathBackend>>;

  beforeAll(async () => {
    portal = await startGoldenPathBackend(disk.path, 'user:default/mallory');
  }, 120_000);

  const values = (name: string) => ({
    name,
    description: 'Bills customers',
    project: 'system:default/payments',
    owner: 'group:default/team-payments',
    componentType: { type: 'service' },
    endpoints: [
      {
        name: 'http',
        port: 8080,
        protocol: 'http',
        visibility: 'organization',
      },
    ],
    dependsOn: ['endpoint:default/ledger-http'],
  });

  it('creates the repository, registers the component and deploys it to dev as its user', async () => {
    const started = Date.now();
    const run = await portal.runTemplate(
      'template:default/stagecraft-new-service',
      values('invoice-api'),
      'user:default/jane',
    );
    // eslint-disable-next-line no-console
    console.log(
      `New service (GitOps target): ${run.status} in ${
        Date.now() - started
      } ms; steps ended at (ms): ${JSON.stringify(run.stepEnds)}`,
    );
    // On failure, the task's log says which step and why.
    expect(run.status === 'completed' ? 'completed' : run.log).toBe(
      'completed',
    );
    expect(run.output.links).toEqual([
      expect.objectContaining({
        url: '/catalog/default/component/invoice-api/stagecraft-deploy',
      }),
      expect.objectContaining({ entityRef: 'component:default/invoice-api' }),
    ]);
    const dev = await portal.get(
      '/api/stagecraft/components/default/invoice-api/deployments/dev',
    );
    expect(dev.body).toMatchObject({
      desiredState: 'deployed',
      updatedBy: janeOrTheCatalogTrigger,
      sync: { state: 'synced' },
    });
    // The run ends by saying where the component is reachable: where the control plane routes it.
    expect(dev.body.urls).toEqual([
      'https://dev.internal.acme-retail.example/payments/invoice-api-http',
    ]);
    expect(run.output.text).toEqual([
      {
        title: 'Running',
        content: `**invoice-api** is synced in dev.\n\nReachable at: ${dev.body.urls[0]}\n`,
      },
    ]);
  }, 120_000);

  it('says why a service whose endpoints are all project-only has no gateway URL', async () => {
    const run = await portal.runTemplate(
      'template:default/stagecraft-new-service',
      {
        ...values('ledger-audit'),
        endpoints: [
          { name: 'http', port: 8080, protocol: 'http', visibility: 'project' },
        ],
      },
      'user:default/jane',
    );
    expect(run.status === 'completed' ? 'completed' : run.log).toBe(
      'completed',
    );
    const dev = await portal.get(
      '/api/stagecraft/components/default/ledger-audit/deployments/dev',
    );
    expect(dev.body).toMatchObject({ sync: { state: 'synced' }, urls: [] });
    expect(run.output.text[0].content).toBe(
      '**ledger-audit** is synced in dev.\n\nReachable at: no gateway URL: its endpoints are for its own project, called inside the cluster\n',
    );
  }, 120_000);

  it('fails at the deploy step, with the reason, for someone who may not deploy', async () => {
    const run = await portal.runTemplate(
      'template:default/stagecraft-new-service',
      values('mallory-api'),
      'user:default/mallory',
    );
    expect(run.status).toBe('failed');
    expect(run.log).toMatch(/NotAllowedError: stagecraft:deploy: /);
    const dev = await portal.get(
      '/api/stagecraft/components/default/mallory-api/deployments/dev',
    );
    // The control plane deploys every new release to the first stage by itself (its catalog
    // trigger); mallory's own deploy was refused, so whatever runs there is not hers.
    expect(dev.body.updatedBy).not.toBe('user:default/mallory');
  }, 120_000);

  describe('then Add a dependency to it', () => {
    const addDependency = (endpoint: string, user = 'user:default/jane') =>
      portal.runTemplate(
        'template:default/stagecraft-add-dependency',
        { component: 'component:default/invoice-api', endpoint },
        user,
      );
    const head = () =>
      git.resolveRef({
        fs,
        dir: disk.resolve('repositories/invoice-api'),
        ref: 'HEAD',
      });

    it('commits an endpoint its visibility admits and deploys the new release', async () => {
      const before = (
        await portal.get(
          '/api/stagecraft/components/default/invoice-api/deployments/dev',
        )
      ).body;
      const run = await addDependency('endpoint:default/orders-http');
      expect(run.status === 'completed' ? 'completed' : run.log).toBe(
        'completed',
      );
      const entity = await portal.get(
        '/api/catalog/entities/by-name/component/default/invoice-api',
      );
      expect(entity.body.spec.dependsOn).toEqual([
        'endpoint:default/ledger-http',
        'endpoint:default/orders-http',
      ]);
      const after = (
        await portal.get(
          '/api/stagecraft/components/default/invoice-api/deployments/dev',
        )
      ).body;
      expect(after.releaseId).not.toBe(before.releaseId);
      expect(after).toMatchObject({
        updatedBy: janeOrTheCatalogTrigger,
        sync: { state: 'synced' },
      });
    }, 120_000);

    it('stops at validation, committing nothing, for another project’s own endpoint', async () => {
      const commit = await head();
      const run = await addDependency('endpoint:default/inventory-tcp');
      expect(run.status).toBe('failed');
      expect(run.log).toMatch(
        /depends on endpoint:default\/inventory-tcp, whose visibility "project" admits only components of project fulfilment/,
      );
      expect(await head()).toBe(commit);
    }, 120_000);

    it('refuses someone who may not change the component’s repository', async () => {
      const commit = await head();
      const run = await addDependency(
        'endpoint:default/auth-http',
        'user:default/mallory',
      );
      expect(run.status).toBe('failed');
      expect(run.log).toMatch(
        /NotAllowedError: You may not change component:default\/invoice-api: only its owners/,
      );
      expect(await head()).toBe(commit);
    }, 120_000);
  });
});
