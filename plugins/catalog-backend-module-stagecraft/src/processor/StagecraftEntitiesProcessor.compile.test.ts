import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  describeProblem,
  EntityProblem,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompileContextReader,
  MAX_PROJECT_COMPONENTS,
  validateDocuments,
} from '@stagecraft/plugin-stagecraft-node';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';

const location = { type: 'file', target: '/catalog/catalog-info.yaml' };

const stagecraft = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});
const resources = {
  requests: { cpu: '10m', memory: '16Mi' },
  limits: { memory: '64Mi' },
};
const environment = (name: string, max: number) =>
  stagecraft('Environment', name, {
    target: 'local',
    gateway: { internalHost: `${name}.internal.example` },
    policy: { defaultResources: resources, replicas: { min: 1, max } },
  });
const component = (
  name: string,
  system: string,
  deploy: object,
  extra: object = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    system,
    deploy: { image: 'registry.example/app:1', ...deploy },
    ...extra,
  },
});

const platform = [
  environment('dev', 5),
  environment('production', 3),
  stagecraft('DeploymentPipeline', 'default', {
    stages: [{ environment: 'dev' }, { environment: 'production' }],
  }),
  stagecraft('Trait', 'privileged', {
    patches: [
      {
        target: { kind: 'Deployment' },
        merge: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'main', securityContext: { privileged: true } },
                ],
              },
            },
          },
        },
      },
    ],
  }),
  component('ledger', 'billing', {}),
  stagecraft('Endpoint', 'ledger-http', {
    component: 'ledger',
    port: 8080,
    protocol: 'http',
    visibility: 'project',
  }),
  ...['shop', 'billing'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name, namespace: 'default' },
      spec: { owner: 'team-a' },
    }),
  ),
];

/** A trait that creates a ConfigMap of a fixed name: two components of a project collide. */
const sharedConfig = stagecraft('Trait', 'shared-config', {
  creates: [
    {
      id: 'cm',
      template: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'shared' },
        data: { a: 'b' },
      },
    },
  ],
});
platform.push(sharedConfig);

/** Components that each break a rule only compiling finds (the last two together). */
const hostile = [
  component('checkout', 'shop', { replicas: 4 }),
  component('cart', 'shop', {}, { dependsOn: ['endpoint:ledger-http'] }),
  component('debugger', 'shop', { traits: [{ name: 'privileged' }] }),
  component('first', 'shop', { traits: [{ name: 'shared-config' }] }),
  component('second', 'shop', { traits: [{ name: 'shared-config' }] }),
];

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

async function errorsOf(processor: StagecraftEntitiesProcessor, e: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(e, location, r => emitted.push(r));
  return emitted.flatMap(r =>
    r.type === 'error' ? [(r as { error: Error }).error.message] : [],
  );
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

describe('CompileContextReader', () => {
  it('reads the platform once per cache period and the context per component', async () => {
    const catalog = catalogServiceMock({ entities: [...platform, ...hostile] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    let now = 0;
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 1000, now: () => now },
    );
    const refs = (es: Entity[]) => es.map(e => stringifyEntityRef(e)).sort();
    await expect(reader.entitiesFor([hostile[1]]).then(refs)).resolves.toEqual([
      'component:default/cart',
      'component:default/checkout',
      'component:default/debugger',
      'component:default/first',
      'component:default/ledger',
      'component:default/second',
      'deploymentpipeline:default/default',
      'endpoint:default/ledger-http',
      'environment:default/dev',
      'environment:default/production',
      'system:default/shop',
      'trait:default/privileged',
      'trait:default/shared-config',
    ]);
    // The platform and the project shop, each read once.
    expect(getEntities).toHaveBeenCalledTimes(2);
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledTimes(2);
    now = 1000;
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledTimes(4);
  });

  it('reads the components of the project, whichever way spec.system names it, and only them', async () => {
    const written = ['system:shop', 'default/shop', 'SYSTEM:default/Shop'].map(
      (system, i) => component(`c${i}`, system, {}),
    );
    const elsewhere = [
      component('other-project', 'billing', {}),
      {
        ...component('no-deploy', 'shop', {}),
        spec: { type: 'service', system: 'shop' },
      },
      {
        ...component('namesake', 'shop', {}),
        metadata: { name: 'namesake', namespace: 'other' },
      },
    ];
    const catalog = catalogServiceMock({
      entities: [...platform, ...written, ...elsewhere],
    });
    const reader = new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    });
    const entities = await reader.entitiesFor([component('new', 'shop', {})]);
    expect(
      entities.filter(e => e.kind === 'Component').map(e => e.metadata.name),
    ).toEqual(['c0', 'c1', 'c2']);
  });

  it('reads at most MAX_PROJECT_COMPONENTS components of a project', async () => {
    const catalog = catalogServiceMock({ entities: platform });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const reader = new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    });
    await reader.entitiesFor([hostile[0]]);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ limit: MAX_PROJECT_COMPONENTS }),
    );
  });

  it('does not keep a platform without environments or pipelines (a catalog being ingested)', async () => {
    const entities: Entity[] = [];
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest
      .spyOn(catalog, 'getEntities')
      .mockResolvedValueOnce({ items: [] });
    const reader = new CompileContextReader(
      {
        getEntities: r => catalog.getEntities(r),
        getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
      },
      { cacheMillis: 60_000 },
    );
    await expect(reader.entitiesFor([hostile[0]])).resolves.toEqual([]);
    getEntities.mockResolvedValueOnce({ items: platform });
    const second = await reader.entitiesFor([hostile[0]]);
    expect(second.map(e => e.metadata.name)).toContain('production');
    await reader.entitiesFor([hostile[0]]);
    const platformReads = getEntities.mock.calls.filter(([request]) =>
      JSON.stringify(request?.filter).includes('"Environment"'),
    );
    expect(platformReads).toHaveLength(2);
  });
});
