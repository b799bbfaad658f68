/**
 * A small platform (three environments whose guardrails differ, one pipeline, the projects
 * shop and billing owned by the components' owner) and catalog
 * pieces that each break one rule the compiler enforces, as YAML files for the CLI tests.
 * Every piece compiles on its own against the platform; `file` is where the tests put it.
 */
export const platform = `apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: dev }
spec:
  target: local
  gateway: { internalHost: dev.internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 5 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: staging }
spec:
  target: local
  gateway: { internalHost: staging.internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 5 }
    allowedRegistries: [registry.example]
---
apiVersion: stagecraft.dev/v1alpha1
kind: Environment
metadata: { name: production }
spec:
  target: local
  production: true
  gateway: { internalHost: internal.example }
  policy:
    defaultResources: { requests: { cpu: 10m, memory: 16Mi }, limits: { memory: 64Mi } }
    replicas: { min: 1, max: 3 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: default }
spec:
  stages:
    - environment: dev
    - environment: staging
    - environment: production
      requiresApproval: true
---
apiVersion: stagecraft.dev/v1alpha1
kind: Trait
metadata: { name: team-annotation }
spec:
  patches:
    - target: { kind: Deployment }
      merge: { metadata: { annotations: { team: shop } } }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: billing }
spec: { owner: team-a }
`;

export const ENVIRONMENTS = ['dev', 'staging', 'production'];

/** A deployable component of project `system`; `extra` is more YAML under `spec`. */
export const component = (name: string, system: string, extra = '') =>
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: ${system}
${extra}`;

/** The System (project) `name`, owned by the components' owner. */
const system = (name: string) =>
  `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: ${name} }
spec: { owner: team-a }
`;

const deploy = (lines = '') =>
  `  deploy:\n    image: registry.example/app:1\n${lines}`;

const trait = (name: string, spec: string) =>
  `apiVersion: stagecraft.dev/v1alpha1
kind: Trait
metadata: { name: ${name} }
spec:
${spec}`;

/** One file per rule; each holds what it needs besides the platform. */
export const hostile = {
  /** A `project` endpoint of billing, depended on from shop. */
  crossProjectDependency: `${component('ledger', 'billing', deploy())}---
apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata: { name: ledger-http }
spec: { component: ledger, port: 8080, protocol: http, visibility: project }
---
${component(
  'cart',
  'shop',
  `  dependsOn: [endpoint:ledger-http]\n${deploy()}`,
)}`,
  /** Four replicas: within dev's and staging's bounds, above production's 3. */
  replicasAboveProductionMax: component(
    'checkout',
    'shop',
    deploy('    replicas: 4\n'),
  ),
  /** An image staging's registry allow-list refuses; dev and production allow any. */
  registryRefusedInStaging: component(
    'legacy',
    'shop',
    '  deploy:\n    image: docker.io/library/legacy:1\n',
  ),
  /** A trait whose kind is computed, so only compiling it shows the ClusterRole. */
  computedDisallowedKind: `${trait(
    'sneaky-rbac',
    `  creates:
    - id: role
      template:
        apiVersion: rbac.authorization.k8s.io/v1
        kind: '\${"Cluster" + "Role"}'
        metadata: { name: '\${component.name}-admin' }
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]
`,
  )}---
${component('admin', 'shop', deploy('    traits: [{ name: sneaky-rbac }]\n'))}`,
  /** A trait that puts an object into another namespace through an expression. */
  computedForeignNamespace: `${trait(
    'escape',
    `  creates:
    - id: config
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: escaped, namespace: '\${"kube-" + "system"}' }
`,
  )}---
${component('escapee', 'shop', deploy('    traits: [{ name: escape }]\n'))}`,
  /** The second trait of `reports` reads a field no parameter has. */
  celErrorInSecondTrait: `${trait(
    'broken-cel',
    `  patches:
    - target: { kind: Deployment }
      merge: { metadata: { annotations: { owner: '\${parameters.owner.name}' } } }
`,
  )}---
${component(
  'reports',
  'shop',
  deploy('    traits: [{ name: team-annotation }, { name: broken-cel }]\n'),
)}`,
  /** A trait that does not exist. */
  unknownTrait: component(
    'typo',
    'shop',
    deploy('    traits: [{ name: autoscaller }]\n'),
  ),
  /** A parameter that breaks the trait's schema. */
  invalidTraitParameter: `${trait(
    'volume',
    `  parameters:
    type: object
    properties: { size: { type: string, pattern: '^[0-9]+Gi$' } }
    required: [size]
  creates:
    - id: claim
      template:
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: { name: '\${component.name}-data' }
        spec: { resources: { requests: { storage: '\${parameters.size}' } } }
`,
  )}---
${component(
  'store',
  'shop',
  deploy('    traits: [{ name: volume, parameters: { size: lots } }]\n'),
)}`,
  /** Two components whose trait creates the same fixed-name object in one namespace. */
  objectCollision: `${trait(
    'shared-config',
    `  creates:
    - id: config
      template: { apiVersion: v1, kind: ConfigMap, metadata: { name: shared }, data: { a: '1' } }
`,
  )}---
${component(
  'first',
  'shop',
  deploy('    traits: [{ name: shared-config }]\n'),
)}---
${component(
  'second',
  'shop',
  deploy('    traits: [{ name: shared-config }]\n'),
)}`,
  /** A trait that makes the workload privileged (a security invariant). */
  privilegedTrait: `${trait(
    'debug-privileged',
    `  patches:
    - target: { kind: Deployment }
      merge:
        spec: { template: { spec: { containers: [{ name: main, securityContext: { privileged: true } }] } } }
`,
  )}---
${component(
  'debugger',
  'shop',
  deploy('    traits: [{ name: debug-privileged }]\n'),
)}`,
  /** Problems of the documents themselves, found before anything is compiled. */
  literalDisallowedKind: trait(
    'cluster-admin',
    `  creates:
    - id: role
      template: { apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: { name: admin } }
`,
  ),
  uppercaseComponentName: component('Payments_API', 'shop', deploy()),
  /**
   * Six replicas on a pipeline of dev alone: above dev's bound (reported in dev) and
   * production's, where the component is never deployed (so nothing is reported there).
   */
  replicasOnDevOnlyPipeline: `${system('shop')}---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: dev-only }
spec: { stages: [{ environment: dev }] }
---
${component('sandbox', 'shop', deploy('    replicas: 6\n')).replace(
  'metadata: { name: sandbox }',
  'metadata:\n  name: sandbox\n  annotations: { stagecraft.dev/pipeline: dev-only }',
)}`,
  /**
   * A namesake in another catalog namespace, whose pipeline (that namespace's `default`) does
   * not exist: deployed nowhere, so its objects collide with nothing.
   */
  namesakeWithoutPipeline: `${system('shop')}---
${component('api', 'shop', deploy())
  .replace(
    'metadata: { name: api }',
    'metadata: { name: api, namespace: other }',
  )
  .replace('system: shop', 'system: default/shop')}---
${component('api', 'shop', deploy())}`,
};
