import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  describeProblem,
  EntityProblem,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompileContextReader,
  validateDocuments,
} from '@stagecraft/plugin-stagecraft-node';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';
import { errorsOf } from './__testUtils__/processingErrors';
import {
  component,
  hostile,
  platform,
  stagecraft,
} from './__testUtils__/stagecraftCatalog';

const location = { type: 'file', target: '/catalog/catalog-info.yaml' };

/** A problem `validate` reports that is about `ref`: its own, or a collision it is part of. */
const isAbout = (ref: string) => (p: EntityProblem) =>
  p.entityRef === ref ||
  (p.code === 'object-collision' && p.message.includes(`which ${ref} emits`));

function processorOver(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return new StagecraftEntitiesProcessor({
    compileContext: new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    }),
    logger: mockServices.logger.mock(),
  });
}

describe('StagecraftEntitiesProcessor compiles components against the catalog', () => {
  const processor = processorOver([...platform, ...hostile]);

  it('reports a guardrail that only production breaks', async () => {
    await expect(errorsOf(processor, hostile[0])).resolves.toEqual([
      "spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
    ]);
  });

  it('reports a dependency on another project’s `project` endpoint', async () => {
    await expect(errorsOf(processor, hostile[1])).resolves.toEqual([
      'spec.dependsOn[0] in dev, production: component:default/cart (project shop) depends on endpoint:default/ledger-http, whose visibility "project" admits only components of project billing; make the endpoint "organization" or remove the dependency',
    ]);
  });

  it('reports a security invariant a trait breaks', async () => {
    const errors = await errorsOf(processor, hostile[2]);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(
      /^spec\.deploy\.traits\[0\] in production: trait "privileged" loosens security in Deployment shop-production\/debugger: /,
    );
  });

  it('emits the same problems `stagecraft validate` reports on the whole catalog', async () => {
    const everything = [...platform, ...hostile];
    const { problems } = await validateDocuments({
      documents: everything.map((value, index) => ({
        source: location.target,
        index,
        value: value as unknown as Record<string, unknown>,
      })),
    });
    for (const entity of hostile) {
      const ref = stringifyEntityRef(entity);
      const fromValidate = problems
        .filter(isAbout(ref))
        .map(p =>
          describeProblem(
            p.entityRef === ref ? { ...p, entityRef: undefined } : p,
          ),
        );
      expect(fromValidate.length).toBeGreaterThan(0);
      await expect(errorsOf(processor, entity)).resolves.toEqual(fromValidate);
    }
  });

  it('reports an object two components of the project emit, on both of them', async () => {
    const collisions = ['dev', 'production'].map(
      env =>
        `component:default/second in ${env}: component:default/second emits ConfigMap shop-${env}/shared, which component:default/first emits too; one of them must name it differently`,
    );
    await expect(errorsOf(processor, hostile[3])).resolves.toEqual(collisions);
    await expect(errorsOf(processor, hostile[4])).resolves.toEqual(
      collisions.map(c => c.replace('component:default/second ', '')),
    );
    const renamed = component('first', 'shop', {});
    await expect(errorsOf(processor, renamed)).resolves.toEqual([]);
  });

  it('checks the version being processed, not the one in the catalog', async () => {
    const fixed = component('checkout', 'shop', { replicas: 2 });
    await expect(errorsOf(processor, fixed)).resolves.toEqual([]);
  });

  it('leaves out problems about entities the catalog may not hold yet', async () => {
    const early = processorOver([...platform]);
    const typo = component('typo', 'shop', {
      traits: [{ name: 'autoscaller' }],
    });
    await expect(errorsOf(early, typo)).resolves.toEqual([]);
    const lonely = processorOver([]);
    await expect(errorsOf(lonely, hostile[0])).resolves.toEqual([]);
  });

  it('checks only the entity itself when the catalog cannot be read', async () => {
    const logger = mockServices.logger.mock();
    const broken = new StagecraftEntitiesProcessor({
      compileContext: new CompileContextReader({
        getEntities: () => Promise.reject(new Error('connection refused')),
        getEntitiesByRefs: () =>
          Promise.reject(new Error('connection refused')),
      }),
      logger,
    });
    await expect(errorsOf(broken, hostile[0])).resolves.toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /cannot read the catalog to compile component:default\/checkout/,
      ),
    );
    await expect(
      errorsOf(broken, component('Bad_Name', 'shop', {})),
    ).resolves.toEqual([
      expect.stringMatching(/^metadata\.name: "Bad_Name" cannot be used/),
    ]);
  });

  it('rejects a trait whose template emits a disallowed kind', async () => {
    await expect(
      processor.validateEntityKind(
        stagecraft('Trait', 'rbac', {
          creates: [
            {
              id: 'role',
              template: { kind: 'ClusterRole', metadata: { name: 'x' } },
            },
          ],
        }),
      ),
    ).rejects.toThrow(
      /^spec\.creates\[0\]\.template\.kind: kind ClusterRole is not allowed/,
    );
  });
});
