import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleStagecraft } from '../module';
import { exampleCatalog } from '../__testUtils__/examplePlatform';
import {
  localRepositoryOf,
  platformTeamOnlyPermissions,
} from '../__testUtils__/dryRunBackend';
import { dryRunRequestFor, formDefaults } from '../__testUtils__/templateFiles';

/**
 * Every template, run through the scaffolder's own dry-run API (`POST /v2/dry-run`, what the
 * template editor calls) in a backend with the scaffolder, this module and the example
 * organisation's catalog: the form values are checked against the template's parameters, the
 * skeleton is rendered, and the validation step compiles the result against the example
 * platform for every environment of the pipeline. Writes (publish, deploy, promote) report
 * what they would do.
 */
describe('golden-path templates, dry-run by the scaffolder', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const disk = createMockDirectory();

  beforeAll(async () => {
    // refund-worker lives in a local repository, as stagecraft:publish:local leaves it.
    const repositories = disk.resolve('repositories');
    const refundWorker = await localRepositoryOf(repositories, 'refund-worker');
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleStagecraft,
        catalogServiceMock.factory({
          entities: exampleCatalog().map(e =>
            e.metadata.name === 'refund-worker' ? refundWorker : e,
          ),
        }),
        platformTeamOnlyPermissions('user:default/platform-engineer'),
        mockServices.rootConfig.factory({
          data: {
            stagecraft: {
              scaffolder: {
                localRepositories: {
                  directory: repositories,
                  platformDirectory: disk.resolve('platform'),
                },
              },
            },
          },
        }),
      ],
    }));
  });

  /** Runs a template with the form's defaults and `values` typed over them. */
  async function dryRun(
    templatePath: string,
    values: object,
    user = 'user:default/mock',
  ) {
    const body = dryRunRequestFor(templatePath);
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ ...body, values: { ...formDefaults(body.template), ...values } });
  }

  function fileOf(body: any, path: string): string {
    const file = body.directoryContents.find((f: any) => f.path === path);
    if (!file)
      throw new Error(
        `no ${path} in ${body.directoryContents.map((f: any) => f.path)}`,
      );
    return Buffer.from(file.base64Content, 'base64').toString('utf8');
  }

  function entitiesOf(body: any) {
    return parseEntityDocuments(
      fileOf(body, 'catalog-info.yaml'),
      'catalog-info.yaml',
    ).documents.map(d => d.value);
  }

  it('New service: renders, validates and would publish and deploy', async () => {
    const response = await dryRun('component/new-service.yaml', {
      name: 'invoice-api',
      description: 'Bills customers',
      project: 'system:default/payments',
      owner: 'group:default/team-payments',
      // what StagecraftComponentTypePicker reports: the type and its parameters
      componentType: {
        type: 'service',
        parameters: { revisionHistoryLimit: 5 },
      },
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
    expect(response.body.error ?? response.status).toBe(200);
    const log = response.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain('catalog-info.yaml: 2 valid entities');
    expect(entitiesOf(response.body)).toMatchObject([
      {
        kind: 'Component',
        metadata: { name: 'invoice-api', description: 'Bills customers' },
        spec: {
          type: 'service',
          owner: 'group:default/team-payments',
          system: 'payments',
          dependsOn: ['endpoint:default/ledger-http'],
          deploy: {
            image: 'registry.acme-retail.example/invoice-api:0.1.0',
            parameters: { revisionHistoryLimit: 5 },
          },
        },
      },
      {
        kind: 'Endpoint',
        metadata: { name: 'invoice-api-http' },
        spec: {
          component: 'invoice-api',
          port: 8080,
          protocol: 'http',
          visibility: 'organization',
        },
      },
    ]);
    expect(response.body.output.links).toEqual([
      expect.objectContaining({
        title: 'Deploy tab',
        url: '/catalog/default/component/invoice-api/stagecraft-deploy',
      }),
      expect.objectContaining({ entityRef: 'component:default/invoice-api' }),
    ]);
  });

  it.each([
    [
      'New web app',
      'component/new-web-app.yaml',
      {
        endpoints: [
          { name: 'web', port: 8080, protocol: 'http', visibility: 'public' },
        ],
      },
      { type: 'web-app' },
      ['storefront-next-web'],
    ],
    ['New worker', 'component/new-worker.yaml', {}, { type: 'worker' }, []],
    [
      'New scheduled job',
      'component/new-scheduled-job.yaml',
      { schedule: '*/15 * * * *' },
      { type: 'scheduled-job', deploy: { schedule: '*/15 * * * *' } },
      [],
    ],
  ])(
    '%s: renders, validates and would publish and deploy',
    async (title, template, values, spec, endpoints) => {
      const response = await dryRun(template, {
        name: 'storefront-next',
        project: 'system:default/storefront',
        owner: 'group:default/team-storefront',
        dependsOn: [],
        ...values,
      });
      expect(response.body.error ?? response.status).toBe(200);
      const [component, ...rest] = entitiesOf(response.body);
      expect(component).toMatchObject({
        metadata: { name: 'storefront-next' },
        spec: { system: 'storefront', ...spec },
      });
      expect(rest.map((e: any) => e.metadata.name)).toEqual(endpoints);
      const readme = fileOf(response.body, 'README.md');
      expect(readme).toMatch(/^# storefront-next\n/);
      expect(readme).toContain(`created by the _${title}_ golden path`);
      expect(fileOf(response.body, 'Dockerfile')).toMatch(/^FROM busybox/m);
      // GitHub's own expressions are left for GitHub
      expect(fileOf(response.body, '.github/workflows/ci.yaml')).toContain(
        '${{ github.sha }}',
      );
    },
  );

  it('New service: a dependency the endpoint’s visibility forbids fails validation before anything is published', async () => {
    const response = await dryRun('component/new-service.yaml', {
      name: 'storefront-tools',
      project: 'system:default/storefront',
      owner: 'group:default/team-storefront',
      componentType: { type: 'service', parameters: {} },
      endpoints: [],
      dependsOn: ['endpoint:default/ledger-http'],
    });
    // The run stops at the validation step, with the compiler's reason.
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(
      /^catalog-info.yaml is not valid:\n- catalog-info.yaml: component:default\/storefront-tools spec.dependsOn\[0\] in dev, staging, production: .* depends on endpoint:default\/ledger-http, whose visibility "project" admits only components of project payments/,
    );
  });

  describe('Add a dependency', () => {
    it('adds an endpoint its visibility admits, validates and would commit and deploy', async () => {
      const response = await dryRun('add-dependency/template.yaml', {
        component: 'component:default/refund-worker',
        endpoint: 'endpoint:default/orders-http',
      });
      expect(response.body.error ?? response.status).toBe(200);
      const [worker] = entitiesOf(response.body) as any[];
      expect(worker.spec.dependsOn).toEqual([
        'endpoint:ledger-http',
        'endpoint:orders-http',
      ]);
      const log = response.body.log.map((l: any) => l.body.message).join('\n');
      expect(log).toContain('Dry run: would update repository refund-worker');
    });

    it('stops at validation when the endpoint is another project’s own', async () => {
      const response = await dryRun('add-dependency/template.yaml', {
        component: 'component:default/refund-worker',
        endpoint: 'endpoint:default/inventory-tcp',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /depends on endpoint:default\/inventory-tcp, whose visibility "project" admits only components of project fulfilment/,
      );
    });
  });

  it('Promote a component: would promote, and links the Deploy tab', async () => {
    const response = await dryRun('promote-component/template.yaml', {
      component: 'component:default/checkout-api',
    });
    expect(response.body.error ?? response.status).toBe(200);
    const log = response.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(
      'Dry run: would promote component:default/checkout-api from dev',
    );
    expect(response.body.output.links).toEqual([
      expect.objectContaining({
        url: '/catalog/default/component/checkout-api/stagecraft-deploy',
      }),
    ]);
  });

  describe('for the platform team', () => {
    it('New environment: an Environment and the pipeline leading to it', async () => {
      const response = await dryRun(
        'platform/new-environment.yaml',
        {
          name: 'perf',
          internalHost: 'perf.internal.acme-retail.example',
          pipeline: 'performance',
          stagesBefore: ['dev', 'staging'],
        },
        'user:default/platform-engineer',
      );
      expect(response.body.error ?? response.status).toBe(200);
      const file = fileOf(response.body, 'platform/environment-perf.yaml');
      expect(
        parseEntityDocuments(file, 'f').documents.map(d => d.value),
      ).toMatchObject([
        {
          kind: 'Environment',
          metadata: { name: 'perf' },
          spec: {
            target: 'local',
            gateway: { internalHost: 'perf.internal.acme-retail.example' },
            policy: { podSecurity: 'restricted', replicas: { min: 1, max: 5 } },
          },
        },
        {
          kind: 'DeploymentPipeline',
          metadata: { name: 'performance' },
          spec: {
            stages: [
              { environment: 'dev' },
              { environment: 'staging' },
              { environment: 'perf' },
            ],
          },
        },
      ]);
    });

    it('New component type: a ComponentType with its parameter schema', async () => {
      const response = await dryRun(
        'platform/new-component-type.yaml',
        {
          name: 'batch',
          workload: 'cronjob',
          servesEndpoints: false,
          parameters:
            '{"type": "object",\n "properties": {"retries": {"type": "integer", "default": 2}}}',
        },
        'user:default/platform-engineer',
      );
      expect(response.body.error ?? response.status).toBe(200);
      const file = fileOf(response.body, 'platform/component-type-batch.yaml');
      expect(
        parseEntityDocuments(file, 'f').documents.map(d => d.value),
      ).toEqual([
        expect.objectContaining({
          kind: 'ComponentType',
          spec: {
            workload: 'cronjob',
            servesEndpoints: false,
            parameters: {
              type: 'object',
              properties: { retries: { type: 'integer', default: 2 } },
            },
          },
        }),
      ]);
    });

    it('New environment is refused to a developer at validation, before publishing', async () => {
      const response = await dryRun(
        'platform/new-environment.yaml',
        { name: 'perf', internalHost: 'perf.internal.acme-retail.example' },
        'user:default/developer',
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'Only the platform team may validate platform kinds as their author: ask a platform admin to run this template',
      );
    });
  });
});
