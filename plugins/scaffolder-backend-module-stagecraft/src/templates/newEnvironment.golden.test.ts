import { createMockDirectory } from '@backstage/backend-test-utils';
import { existsSync } from 'node:fs';
import { eventually } from '../__testUtils__/eventually';
import { startGoldenPathBackend } from '../__testUtils__/goldenPathBackend';

/**
 * The New environment template run for real: validated as the platform's, committed into the
 * platform repository, and shown by the catalog through the location whose rules admit the
 * platform kinds — and refused to anyone without the platform repository's permission.
 */
describe('New environment, end to end', () => {
  const disk = createMockDirectory();
  let portal: Awaited<ReturnType<typeof startGoldenPathBackend>>;

  beforeAll(async () => {
    // Above the start-up's own wait for the catalog (eventually's 90 s), so that wait reports.
    portal = await startGoldenPathBackend(disk.path, 'user:default/mallory');
  }, 180_000);

  const values = {
    name: 'perf',
    description: 'Load tests',
    production: false,
    target: 'local',
    internalHost: 'perf.internal.acme-retail.example',
    podSecurity: 'restricted',
    minReplicas: 1,
    maxReplicas: 5,
    allowedRegistries: ['registry.acme-retail.example'],
    pipeline: 'performance',
    stagesBefore: ['dev'],
  };

  it('the example catalog offers every golden path, each without processing errors', async () => {
    // The templates arrive together from one Location, then are processed one by one.
    const templates = await eventually(
      async () =>
        (
          await portal.get('/api/catalog/entities?filter=kind=template')
        ).body.map((t: any) => [t.metadata.name, t.status?.items ?? []]),
      (found: unknown[]) => found.length >= 8,
      'the catalog to show the 8 golden path templates',
    );
    expect(templates.sort()).toEqual(
      [
        'stagecraft-add-dependency',
        'stagecraft-new-component-type',
        'stagecraft-new-environment',
        'stagecraft-new-scheduled-job',
        'stagecraft-new-service',
        'stagecraft-new-web-app',
        'stagecraft-new-worker',
        'stagecraft-promote-component',
      ].map(name => [name, []]),
    );
  }, 120_000);

  it('is refused at validation to someone who may not write the platform repository', async () => {
    const run = await portal.runTemplate(
      'template:default/stagecraft-new-environment',
      values,
      'user:default/mallory',
    );
    expect(run.status).toBe('failed');
    expect(run.log).toMatch(
      /NotAllowedError: Only the platform team may validate platform kinds/,
    );
    expect(existsSync(disk.resolve('platform'))).toBe(false);
  }, 120_000);

  it('puts the Environment and its pipeline into the catalog', async () => {
    const run = await portal.runTemplate(
      'template:default/stagecraft-new-environment',
      values,
      'user:default/jane',
    );
    expect(run.status === 'completed' ? 'completed' : run.log).toBe(
      'completed',
    );
    const environment = await portal.get(
      '/api/catalog/entities/by-name/environment/default/perf',
    );
    expect(environment.body.spec).toMatchObject({
      target: 'local',
      gateway: { internalHost: 'perf.internal.acme-retail.example' },
    });
    const pipeline = await portal.get(
      '/api/catalog/entities/by-name/deploymentpipeline/default/performance',
    );
    expect(pipeline.body.spec.stages).toEqual([
      { environment: 'dev' },
      { environment: 'perf' },
    ]);
    // Above the 60 s the task's publish step may wait for the catalog (catalogTimeoutSeconds),
    // so that a slow catalog fails the task with its reason rather than the test with a timeout.
  }, 120_000);
});
