import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';

/**
 * fast-check arbitraries for Stagecraft catalogs: a fixed, valid platform (two environments, a
 * pipeline, a custom component type and a trait) plus random components, endpoints and Systems
 * whose fields are mostly plausible and sometimes hostile — 100 KB strings, RTL and zero-width
 * characters, NUL, lone surrogates, YAML-looking text, names that are not DNS labels, deeply
 * nested parameters, hostile CEL, and references that form cycles. Shared by the property tests
 * of validation, the compiler, the catalog processor and the dry run against a real cluster.
 */

/** Strings an attacker or a careless editor might put anywhere. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'a'.repeat(100_001),
  '\u202eevil\u202c',
  'zero\u200bwidth\u200d',
  '\u0000nul',
  '\ud800',
  '\udfff lone',
  '🚀🔥👩‍👩‍👧‍👦',
  'İstanbul',
  'key: value\n- item\n---\nkind: Secret',
  '{{ .Values.x }}',
  '${component.name}',
  '"; rm -rf / #',
  '__proto__',
  'constructor',
  'toString',
  'UPPER_case',
  '-leading-dash',
  'trailing-dash-',
  'a.b',
  'x'.repeat(64),
  '../../etc/passwd',
  'kube-system',
  'default',
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

export const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);

/**
 * How hostile the catalog is: `free` puts hostile strings only where any text is allowed
 * (environment values, arguments, parameters, annotation values) and CEL that stays within the
 * budget, so that most catalogs are accepted and their output can be checked; `anywhere` puts
 * them in names, images, keys, ports and references as well.
 */
export type Hostility = 'free' | 'anywhere';

/** `valid`, or with `anywhere` hostility now and then `hostile` instead. */
function sometimes<T, U>(
  hostility: Hostility,
  valid: fc.Arbitrary<T>,
  hostile: fc.Arbitrary<U>,
): fc.Arbitrary<T | U> {
  return hostility === 'free'
    ? valid
    : fc.oneof(
        { weight: 4, arbitrary: valid },
        { weight: 1, arbitrary: hostile },
      );
}

/** A JSON value nested `depth` levels deep (arrays or objects), as YAML or JSON may carry. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
    // A counterexample prints this, not thousands of brackets (a symbol: no entity sees it).
    Object.defineProperty(value, fc.toStringMethod, {
      value: () => `<${asArray ? 'lists' : 'maps'} nested ${depth} deep>`,
    });
    return value;
  });

const jsonish = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: hostileString },
);

const TEN = '[1,2,3,4,5,6,7,8,9,10]';

/**
 * CEL that must exceed the CEL budget (`DEFAULT_CEL_BUDGET`): a million-element list built by
 * nested maps, a string doubled 40 times, parentheses nested past the parser's depth, an
 * expression over the length limit.
 */
export const BUDGET_BUSTING_CEL: readonly string[] = [
  `\${${'abcdef'
    .split('')
    .reduceRight((inner, v) => `${TEN}.map(${v}, ${inner})`, 'a')}}`,
  `\${cel.bind(s0, 'xx', ${Array.from({ length: 40 }, (_, i) => i).reduceRight(
    (inner, i) => `cel.bind(s${i + 1}, s${i} + s${i}, ${inner})`,
    's40.size()',
  )})}`,
  `\${${'('.repeat(2_000)}1${')'.repeat(2_000)}}`,
  `\${'${'a'.repeat(20_000)}'}`,
];

/** CEL a hostile platform author (or a parameter feeding one) might write. */
export const HOSTILE_CEL: readonly string[] = [
  ...BUDGET_BUSTING_CEL,
  `\${${'-'.repeat(5_000)}1}`,
  '${component.name + component.name + component.name}',
  '${parameters.text}',
  '${parameters}',
  '${parameters.missing.deeper}',
  '${parameters.text.substring(0, 1)}',
  '${1 / 0}',
  '${component.replicas > "x"}',
  '${',
];

const celLike = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CEL) },
  { weight: 1, arbitrary: hostileString.map(s => `\${${s}}`) },
);

/** The component type `custom`: a ConfigMap of the component's text, maybe hostile CEL. */
const componentType = (cel: string): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'ComponentType',
  metadata: { name: 'custom', namespace: 'default' },
  spec: {
    workload: 'deployment',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' } },
    },
    creates: [
      {
        id: 'settings',
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: '${component.name}-settings' },
          data: { text: '${string(parameters.text)}', hostile: cel },
        },
      },
    ],
  },
});

const trait = (cel: string): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'annotate', namespace: 'default' },
  spec: {
    patches: [
      {
        target: { kind: 'Deployment' },
        includeWhen: '${component.replicas >= 0}',
        merge: { metadata: { annotations: { note: cel } } },
      },
    ],
  },
});

const environment = (name: string, max: number): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name, namespace: 'default' },
  spec: {
    target: 'local',
    gateway: { internalHost: `${name}.internal.example` },
    policy: {
      defaultResources: {
        requests: { cpu: '10m', memory: '16Mi' },
        limits: { memory: '64Mi' },
      },
      replicas: { min: 0, max },
    },
  },
});

/**
 * Two environments, a pipeline, the component type `custom` (a ConfigMap with `typeCel` in
 * `data.hostile`) and the trait `annotate` (an annotation `note` of `traitCel`).
 */
export const platformWith = (typeCel: string, traitCel: string): Entity[] => [
  environment('dev', 5),
  environment('production', 3),
  {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'DeploymentPipeline',
    metadata: { name: 'default', namespace: 'default' },
    spec: {
      stages: [{ environment: 'dev' }, { environment: 'production' }],
    },
  },
  componentType(typeCel),
  trait(traitCel),
];

/** The platform, with the type's and the trait's CEL harmless or, with `anywhere`, hostile. */
export const platformArbitrary = (hostility: Hostility) =>
  fc
    .tuple(
      sometimes(hostility, fc.constant('${component.name}'), celLike),
      sometimes(hostility, fc.constant('${component.project}'), celLike),
    )
    .map(([typeCel, traitCel]) => platformWith(typeCel, traitCel));

/** `spec.deploy` of a component: free text is hostile, the rest as `hostility` says. */
const deployArbitrary = (hostility: Hostility, names: string[]) => {
  const envName = sometimes(
    hostility,
    fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/),
    hostileString,
  );
  return fc.record(
    {
      image: sometimes(
        hostility,
        fc.constantFrom(
          'registry.example/app:1',
          `nginx@sha256:${'a'.repeat(64)}`,
        ),
        hostileString,
      ),
      replicas: sometimes(
        hostility,
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(-1, 1e9, 1.5, Number.MAX_SAFE_INTEGER),
      ),
      env: fc.dictionary(envName, hostileString, { maxKeys: 3 }),
      command: fc.array(hostileString, { maxLength: 3 }),
      args: fc.array(hostileString, { maxLength: 3 }),
      parameters: fc.record(
        { text: hostileString, extra: jsonish },
        { requiredKeys: [] },
      ),
      traits: fc.subarray([{ name: 'annotate' }]),
      connections: fc.dictionary(
        fc.constantFrom(...names.map(n => `endpoint:${n}-http`)),
        fc.record({ envPrefix: envName }),
        { maxKeys: 2 },
      ),
      environments: fc.dictionary(
        sometimes(
          hostility,
          fc.constantFrom('dev', 'production'),
          hostileString,
        ),
        fc.record(
          {
            replicas: fc.integer({ min: 0, max: 3 }),
            image: sometimes(
              hostility,
              fc.constant('registry.example/app:2'),
              hostileString,
            ),
          },
          { requiredKeys: [] },
        ),
        { maxKeys: 2 },
      ),
    },
    { requiredKeys: ['image'] },
  );
};

/**
 * Components (with the Systems they name and an endpoint each), whose `dependsOn` and
 * `subcomponentOf` may point at each other in cycles, and whose Systems name each other.
 */
export const componentsArbitrary = (hostility: Hostility) => {
  const name = sometimes(hostility, dnsLabel, hostileString);
  return fc
    .uniqueArray(name, { minLength: 1, maxLength: 4 })
    .chain(names =>
      fc.tuple(
        fc.constant(names),
        fc.array(
          fc.record({
            system: sometimes(
              hostility,
              fc.constantFrom('shop', 'billing'),
              hostileString,
            ),
            type: fc.constantFrom('service', 'custom', 'worker'),
            deploy: deployArbitrary(hostility, names),
            dependsOn: fc.subarray(names.map(n => `endpoint:${n}-http`)),
            subcomponentOf: fc.option(fc.constantFrom(...names), {
              nil: undefined,
            }),
            labels: fc.dictionary(
              name,
              sometimes(hostility, dnsLabel, hostileString),
              { maxKeys: 2 },
            ),
            annotations: fc.dictionary(
              sometimes(hostility, dnsLabel, hostileString),
              hostileString,
              { maxKeys: 2 },
            ),
            port: sometimes(
              hostility,
              fc.integer({ min: 1, max: 65535 }),
              fc.constantFrom(0, 70000, 1.5),
            ),
            visibility: fc.constantFrom('project', 'organization', 'public'),
            basePath: sometimes(
              hostility,
              fc.constantFrom('/', '/api'),
              hostileString,
            ),
          }),
          { minLength: names.length, maxLength: names.length },
        ),
      ),
    )
    .map(([names, specs]) => entitiesOf(names, specs));
};

type ComponentSpec = {
  system: string;
  type: string;
  deploy: object;
  dependsOn: string[];
  subcomponentOf?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  port: number;
  visibility: string;
  basePath: string;
};

function entitiesOf(names: string[], specs: ComponentSpec[]): Entity[] {
  const entities: Entity[] = [];
  names.forEach((name, i) => {
    const s = specs[i];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        labels: s.labels,
        annotations: s.annotations,
      },
      spec: {
        type: s.type,
        lifecycle: 'production',
        owner: 'team-a',
        system: s.system,
        deploy: s.deploy,
        dependsOn: s.dependsOn,
        ...(s.subcomponentOf && { subcomponentOf: s.subcomponentOf }),
      } as Entity['spec'],
    });
    entities.push({
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Endpoint',
      metadata: { name: `${name}-http`, namespace: 'default' },
      spec: {
        component: `component:${name}`,
        port: s.port,
        protocol: 'http',
        basePath: s.basePath,
        visibility: s.visibility,
      },
    });
  });
  const systems = [...new Set(specs.map(s => s.system))];
  for (const system of systems) {
    const domain = systems.find(o => o !== system);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system, namespace: 'default' },
      // Each System names another as its domain: a reference cycle when there are two.
      spec: { owner: 'team-a', ...(domain !== undefined && { domain }) },
    });
  }
  return entities;
}

/** A whole catalog: the platform and the random components. */
export const catalogArbitrary = (hostility: Hostility) =>
  fc
    .tuple(platformArbitrary(hostility), componentsArbitrary(hostility))
    .map(([platform, components]) => [...platform, ...components]);
