import {
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

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleStagecraft,
        catalogServiceMock.factory({ entities: exampleCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            stagecraft: {
              scaffolder: {
                localRepositories: {
                  directory: '/nonexistent/repositories',
                  platformDirectory: '/nonexistent/platform',
                },
              },
            },
          },
        }),
      ],
    }));
  });

  /** Runs a template with the form's defaults and `values` typed over them. */
  async function dryRun(templatePath: string, values: object) {
    const body = dryRunRequestFor(templatePath);
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
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
      componentType: 'service',
      typeParameters: {},
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
          deploy: { image: 'registry.acme-retail.example/invoice-api:0.1.0' },
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
    async (_title, template, values, spec, endpoints) => {
      const response = await dryRun(template, {
        name: 'storefront-next',
        project: 'system:default/storefront',
        owner: 'group:default/team-storefront',
        dependsOn: [],
        typeParameters: {},
        ...values,
      });
      expect(response.body.error ?? response.status).toBe(200);
      const [component, ...rest] = entitiesOf(response.body);
      expect(component).toMatchObject({
        metadata: { name: 'storefront-next' },
        spec: { system: 'storefront', ...spec },
      });
      expect(rest.map((e: any) => e.metadata.name)).toEqual(endpoints);
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
      componentType: 'service',
      typeParameters: {},
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
});
