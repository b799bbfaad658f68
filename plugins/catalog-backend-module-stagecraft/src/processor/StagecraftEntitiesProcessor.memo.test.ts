import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import * as node from '@stagecraft/plugin-stagecraft-node';
import { withKubernetesAnnotations } from './kubernetesAnnotations';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';
import { errorsOf } from './__testUtils__/processingErrors';
import {
  component,
  platform,
  stagecraft,
} from './__testUtils__/stagecraftCatalog';

jest.mock('@stagecraft/plugin-stagecraft-node', () => {
  const actual = jest.requireActual('@stagecraft/plugin-stagecraft-node');
  return { ...actual, compileSafely: jest.fn(actual.compileSafely) };
});
const compiles = node.compileSafely as jest.MockedFunction<
  typeof node.compileSafely
>;

/** The entity as the catalog serves it once processed: annotated, with a uid and an etag. */
const stored = (entity: Entity, i: number): Entity => {
  const annotated = withKubernetesAnnotations(entity);
  return {
    ...annotated,
    metadata: { ...annotated.metadata, uid: `uid-${i}`, etag: `etag-${i}` },
    relations: [{ type: 'partOf', targetRef: 'system:default/shop' }],
  };
};

describe('StagecraftEntitiesProcessor shares a compile among the components of a project', () => {
  // The project's components as the catalog hands them to the processor: no uid, no
  // annotations yet, and `metadata` first (the catalog serves them back with `apiVersion` first).
  const asProcessed = ({ metadata, ...rest }: Entity): Entity => ({
    metadata,
    ...rest,
  });
  // Each depends on the next one's endpoint, so each brings its own endpoints to the compile.
  const svc = (i: number, deploy: object = { replicas: 1 }) =>
    asProcessed(
      component(`svc-${i}`, 'shop', deploy, {
        dependsOn: [`endpoint:default/svc-${(i + 1) % 10}-http`],
      }),
    );
  const project = Array.from({ length: 10 }, (_, i) => svc(i));
  const endpoints = project.map((_, i) =>
    stagecraft('Endpoint', `svc-${i}-http`, {
      component: `svc-${i}`,
      port: 8080,
      protocol: 'http',
      visibility: 'project',
    }),
  );

  function processorOver(entities: Entity[]) {
    const catalog = catalogServiceMock({ entities });
    return new StagecraftEntitiesProcessor({
      compileContext: new node.CompileContextReader(
        {
          getEntities: r => catalog.getEntities(r),
          getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
        },
        { cacheMillis: 60_000 },
      ),
      logger: mockServices.logger.mock(),
    });
  }

  beforeEach(() => compiles.mockClear());

  it('compiles each environment of an unchanged project once for all of its components', async () => {
    const processor = processorOver([
      ...platform,
      ...endpoints,
      ...project.map((e, i) => stored(e, i)),
    ]);
    for (const entity of project)
      await expect(errorsOf(processor, entity)).resolves.toEqual([]);
    // dev and production, not 10 × 2.
    expect(compiles).toHaveBeenCalledTimes(2);
  });

  it('compiles again for a component whose new version differs from its catalog copy, and reports on it', async () => {
    const processor = processorOver([
      ...platform,
      ...endpoints,
      ...project.map((e, i) => stored(e, i)),
    ]);
    for (const entity of project) await errorsOf(processor, entity);
    compiles.mockClear();
    const changed = svc(3, { replicas: 4 });
    await expect(errorsOf(processor, changed)).resolves.toEqual([
      "spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
    ]);
    expect(compiles).toHaveBeenCalledTimes(2);
    // The others still match the catalog: answered from the first pass.
    compiles.mockClear();
    await errorsOf(processor, project[5]);
    expect(compiles).not.toHaveBeenCalled();
  });

  it('does not keep a compile whose template ran out of time: a busy moment does not stick', async () => {
    // ~1,000 evaluation steps, so the meter reads the clock (every 256) within the cost budget.
    const slow = stagecraft('Trait', 'slow', {
      creates: [
        {
          id: 'cm',
          template: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: '${component.name}-slow' },
            data: {
              ok: `\${string([${Array.from({ length: 500 }, (_, i) => i).join(
                ',',
              )}].all(i, i >= 0))}`,
            },
          },
        },
      ],
    });
    const members = [0, 1].map(i =>
      asProcessed(
        component(`slow-${i}`, 'shop', { traits: [{ name: 'slow' }] }),
      ),
    );
    const processor = processorOver([
      ...platform,
      slow,
      ...members.map((e, i) => stored(e, i)),
    ]);
    // The clock jumps an hour between two reads: every template runs out of time.
    let now = 0;
    const clock = jest
      .spyOn(performance, 'now')
      .mockImplementation(() => (now += 3_600_000));
    try {
      const [timedOut] = await errorsOf(processor, members[0]);
      expect(timedOut).toMatch(/over the time budget of \d+ ms per template/);
      await errorsOf(processor, members[1]);
      // Neither the project's compiles nor the component's problems were kept.
      expect(compiles).toHaveBeenCalledTimes(4);
    } finally {
      clock.mockRestore();
    }
    await expect(errorsOf(processor, members[0])).resolves.toEqual([]);
  });
});
