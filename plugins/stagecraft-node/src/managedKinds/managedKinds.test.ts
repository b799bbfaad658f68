import { ALLOWED_KINDS, checkInvariants } from '../compiler/checkInvariants';
import { orderManifests } from '../compiler/orderManifests';
import { Manifest } from '../compiler/types';
import { staticTemplateProblems } from '../templates/staticTemplateProblems';
import {
  applyStages,
  COMPONENT_KINDS,
  isAllowedForComponents,
  managedKind,
  WATCHED_KINDS,
} from './kindOrder';
import { APPLY_STAGES, MANAGED_KINDS } from './managedKinds';

const kinds = (rows: readonly { kind: string }[]) => rows.map(r => r.kind);

/** One object of each managed kind, in the component's namespace, given in reverse order. */
const oneOfEach = (): Manifest[] =>
  [...MANAGED_KINDS].reverse().map(({ apiVersion, kind, namespaced }) => ({
    apiVersion,
    kind,
    metadata: {
      name: kind.toLowerCase(),
      ...(namespaced ? { namespace: 'shop-dev' } : {}),
    },
  }));

/** Kinds a cluster serves that a hand-kept list might slip in; none is in the table today. */
const unmanaged = (): Manifest[] =>
  [
    ['v1', 'Secret'],
    ['v1', 'Pod'],
    ['v1', 'ResourceQuota'],
    ['v1', 'LimitRange'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['batch/v1', 'Job'],
    ['rbac.authorization.k8s.io/v1', 'Role'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
    ['gateway.networking.k8s.io/v1', 'Gateway'],
  ]
    .filter(([, kind]) => managedKind(kind) === undefined)
    .map(([apiVersion, kind]) => ({
      apiVersion,
      kind,
      metadata: { name: kind.toLowerCase(), namespace: 'shop-dev' },
    }));

const kindViolations = (objects: Manifest[]) =>
  checkInvariants({
    producer: 'trait "t"',
    namespace: 'shop-dev',
    before: [],
    after: objects,
    security: {
      componentRef: 'component:default/api',
      environment: 'dev',
      identity: { labels: {}, endpoints: [], serviceAccount: 'api' },
      routing: {
        gateways: [],
        ports: { internal: [], public: [] },
        servicePorts: [],
      },
      policy: {
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        securityExceptions: [],
      },
    },
  }).filter(v => /is not allowed/.test(v));

describe('the table of managed kinds', () => {
  it('names each kind once, with a lower-case plural', () => {
    expect(new Set(kinds(MANAGED_KINDS)).size).toBe(MANAGED_KINDS.length);
    for (const row of MANAGED_KINDS) {
      expect(row.plural).toMatch(/^[a-z]+s$/);
    }
  });

  it('lists kinds stage by stage, cluster-scoped ones before what lives in them', () => {
    const stageIndex = MANAGED_KINDS.map(r => APPLY_STAGES.indexOf(r.stage));
    expect(stageIndex).toEqual([...stageIndex].sort((a, b) => a - b));
    for (const row of MANAGED_KINDS) {
      expect([row.kind, row.stage]).toEqual([
        row.kind,
        row.namespaced ? 'namespaced' : 'namespaces',
      ]);
    }
  });

  it('lets components produce only namespaced kinds, and watches every one of them for drift', () => {
    for (const row of COMPONENT_KINDS) {
      expect([row.kind, row.namespaced, row.watched]).toEqual([
        row.kind,
        true,
        true,
      ]);
    }
  });
});

describe('every use of kinds derives from the table', () => {
  it('the compiler orders its output in the table order, unknown kinds last', () => {
    const foreign: Manifest = {
      apiVersion: 'example.com/v1',
      kind: 'Aardvark',
      metadata: { name: 'a', namespace: 'shop-dev' },
    };
    expect(orderManifests([foreign, ...oneOfEach()]).map(m => m.kind)).toEqual([
      ...kinds(MANAGED_KINDS),
      'Aardvark',
    ]);
  });

  it('the invariants allow exactly the kinds the table allows for components', () => {
    const refused = kindViolations([...oneOfEach(), ...unmanaged()]).map(
      v => /: kind (\w+) is not allowed/.exec(v)?.[1],
    );
    expect(refused.sort()).toEqual(
      [
        ...kinds(MANAGED_KINDS.filter(r => !r.allowedForComponents)),
        ...kinds(unmanaged()),
      ].sort(),
    );
    expect([...ALLOWED_KINDS].sort()).toEqual(kinds(COMPONENT_KINDS).sort());
  });

  it("the invariants refuse another API group's kind of an allowed name", () => {
    const knative: Manifest = {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'api', namespace: 'shop-dev' },
    };
    expect(kindViolations([knative])).toEqual([
      'trait "t" emits Service shop-dev/api: kind Service of serving.knative.dev/v1 is not allowed; a component\'s Service is in the core API group (v1)',
    ]);
    // Another version of the same group is the same object.
    expect(
      isAllowedForComponents({
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
      }),
    ).toBe(true);
  });

  it('a template is refused statically for exactly the kinds the table does not allow', () => {
    const refused = [...MANAGED_KINDS, ...unmanaged()].filter(
      ({ apiVersion, kind }) =>
        staticTemplateProblems({
          creates: [{ id: 'x', template: { apiVersion, kind } }],
          patches: [],
        }).length > 0,
    );
    expect(kinds(refused)).toEqual([
      ...kinds(MANAGED_KINDS.filter(r => !r.allowedForComponents)),
      ...kinds(unmanaged()),
    ]);
  });

  it('the applier stages follow the table: namespaces, then the rest in table order', () => {
    const stages = applyStages(oneOfEach());
    expect(stages.map(stage => stage.map(m => m.kind))).toEqual(
      APPLY_STAGES.map(stage =>
        kinds(MANAGED_KINDS.filter(r => r.stage === stage)),
      ),
    );
  });

  it('the applier keeps the given order within a kind and puts unknown kinds last', () => {
    const cm = (name: string) => ({ kind: 'ConfigMap', name });
    const stages = applyStages([
      { kind: 'Widget', name: 'w' },
      cm('b'),
      { kind: 'Namespace', name: 'ns' },
      cm('a'),
    ]);
    expect(stages.map(s => s.map(o => o.name))).toEqual([
      ['ns'],
      ['b', 'a', 'w'],
    ]);
    expect(applyStages([])).toEqual([]);
  });

  it('the watched kinds are the rows marked watched', () => {
    expect(kinds(WATCHED_KINDS)).toEqual(
      kinds(MANAGED_KINDS.filter(r => r.watched)),
    );
    expect(kinds(COMPONENT_KINDS)).toEqual(
      kinds(MANAGED_KINDS.filter(r => r.allowedForComponents)),
    );
  });
});
