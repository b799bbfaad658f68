import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { compileEnvironment } from './compileEnvironment';
import { serializeManifests } from './serializeManifests';
import { loadExampleCatalog } from './__fixtures__/exampleCatalog';

// Compiled objects carry entity names: a project's namespace is `<System name>-<environment>`.
// So a System `payments` registered in another catalog namespace must not become the real
// payments project (its namespace, its secrets, its `project` endpoints), and nothing outside
// the default namespace may attach itself to what is deployed (ADR 0005).

const yaml = (text: string) =>
  parseAllDocuments(text).map(d => d.toJS() as Entity);

/** The reviewer's attack: a System `payments` of namespace evil, and a component joining it. */
const sniffer = (o: { namespace?: string; system: string }) =>
  yaml(`apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments, namespace: evil }
spec: { owner: default/team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sniffer
  namespace: ${o.namespace ?? 'evil'}
  annotations: { stagecraft.dev/pipeline: default/default }
spec:
  type: service
  lifecycle: production
  owner: default/team-payments
  system: ${o.system}
  dependsOn: [endpoint:default/fraud-grpc]
  deploy:
    image: registry.acme-retail.example/v:1
    secretEnv:
      STOLEN: { secret: checkout-psp, key: api-key }
`);

const example = loadExampleCatalog();
const production = (entities: Entity[]) =>
  compileEnvironment({ entities, environment: 'production' });
const baseline = serializeManifests(production(example).manifests);

describe('projects live in the default catalog namespace', () => {
  it.each<[string, { namespace?: string; system?: string }]>([
    ['a component of namespace evil naming `payments`', {}],
    [
      'a default component naming system:evil/payments',
      { namespace: 'default', system: 'system:evil/payments' },
    ],
  ])(
    'renders nothing of %s into payments-production, and it gets no secret and no project endpoint',
    (_, o) => {
      const result = production([
        ...example,
        ...sniffer({ system: 'payments', ...o }),
      ]);
      const output = serializeManifests(result.manifests);
      expect(output).not.toContain('sniffer');
      // The real project compiles exactly as without the attacker.
      expect(output).toBe(baseline);
      const errors = result.diagnostics.filter(d => d.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          code: 'outside-stagecraft-namespace',
          entityRef: `component:${o.namespace ?? 'evil'}/sniffer`,
          message: expect.stringMatching(
            /^Stagecraft deploys entities of the default catalog namespace only; component:\w+\/sniffer (is in namespace "evil"|names system:evil\/payments in spec.system)/,
          ),
        }),
      ]);
    },
  );

  it('lets no Endpoint of another namespace expose or block a default component', () => {
    const lure = yaml(`apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata: { name: fraud-public, namespace: evil }
spec: { component: component:default/fraud-screening, port: 9090, visibility: public }
`);
    const result = production([...example, ...lure]);
    expect(serializeManifests(result.manifests)).toBe(baseline);
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  });

  it('refuses a component whose System is not in the catalog, and says so', () => {
    const orphan = example.map(e =>
      e.kind === 'System' && e.metadata.name === 'identity'
        ? { ...e, kind: 'Domain' }
        : e,
    );
    const result = production(orphan);
    const inIdentity = result.manifests.filter(
      m => (m.metadata.namespace ?? m.metadata.name) === 'identity-production',
    );
    expect(inIdentity).toEqual([]);
    expect(
      result.diagnostics
        .filter(d => d.severity === 'error')
        .map(d => `${d.code} ${d.entityRef} ${d.path}: ${d.message}`),
    ).toEqual([
      'unknown-system component:default/account-cleanup spec.system: component:default/account-cleanup names system:default/identity in spec.system, which is not in the catalog; a project is a System entity',
      'unknown-system component:default/auth-service spec.system: component:default/auth-service names system:default/identity in spec.system, which is not in the catalog; a project is a System entity',
    ]);
  });

  it('refuses a dependency on an endpoint of another namespace', () => {
    const [system, component] = sniffer({
      namespace: 'default',
      system: 'payments',
    });
    component.spec!.dependsOn = ['endpoint:evil/fraud-grpc'];
    component.spec!.system = 'payments';
    const result = production([...example, { ...system }, component]);
    expect(serializeManifests(result.manifests)).not.toContain('sniffer');
    expect(
      result.diagnostics
        .filter(d => d.severity === 'error')
        .map(d => `${d.path}: ${d.message}`),
    ).toEqual([
      'spec.dependsOn[0]: Stagecraft deploys entities of the default catalog namespace only; component:default/sniffer depends on endpoint:evil/fraud-grpc',
    ]);
  });
});
