import { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from './CatalogIndex';
import { projectMembershipProblems } from './projectMembership';

const entity = (
  kind: string,
  ref: string,
  spec: Entity['spec'],
  apiVersion = 'backstage.io/v1alpha1',
): Entity => {
  const [namespace, name] = ref.split('/');
  return { apiVersion, kind, metadata: { name, namespace }, spec };
};
const system = (ref: string) => entity('System', ref, { owner: 'team' });
const component = (ref: string, spec: Entity['spec']) =>
  entity('Component', ref, { owner: 'team', deploy: {}, ...spec });
const endpoint = (ref: string, served: string) =>
  entity(
    'Endpoint',
    ref,
    { component: served, port: 8080 },
    'stagecraft.dev/v1alpha1',
  );

/** The codes and paths of the problems of `subject` in a catalog of it and `others`. */
function problemsOf(subject: Entity, others: Entity[] = []) {
  const index = new CatalogIndex([subject, ...others]);
  return projectMembershipProblems(subject, index).map(
    p => `${p.code} ${p.path}: ${p.message}`,
  );
}

describe('projectMembershipProblems', () => {
  const payments = system('default/payments');

  it('admits a component of an existing System, all in the default namespace', () => {
    expect(
      problemsOf(component('default/checkout', { system: 'payments' }), [
        payments,
      ]),
    ).toEqual([]);
  });

  it('refuses a component of another catalog namespace, whatever its System', () => {
    for (const written of ['payments', 'system:default/payments'])
      expect(
        problemsOf(component('evil/sniffer', { system: written }), [
          payments,
          system('evil/payments'),
        ]),
      ).toEqual([
        'outside-stagecraft-namespace metadata.namespace: Stagecraft deploys entities of the default catalog namespace only; component:evil/sniffer is in namespace "evil": move it to the default namespace',
      ]);
  });

  it('refuses a System of another namespace, even one named like a real project', () => {
    expect(
      problemsOf(
        component('default/sniffer', { system: 'system:evil/payments' }),
        [payments, system('evil/payments')],
      ),
    ).toEqual([
      'outside-stagecraft-namespace spec.system: Stagecraft deploys entities of the default catalog namespace only; component:default/sniffer names system:evil/payments in spec.system; a project is a System of the default namespace',
    ]);
  });

  it('refuses a System the catalog does not hold (or an entity of another kind)', () => {
    const ghost = component('default/api', { system: 'ghost' });
    const expected = [
      'unknown-system spec.system: component:default/api names system:default/ghost in spec.system, which is not in the catalog; a project is a System entity',
    ];
    expect(problemsOf(ghost)).toEqual(expected);
    expect(problemsOf(ghost, [entity('Domain', 'default/ghost', {})])).toEqual(
      expected,
    );
  });

  it('refuses a dependency on an endpoint of another namespace, or served in a foreign project', () => {
    const consumer = component('default/cart', {
      system: 'payments',
      dependsOn: ['endpoint:evil/grpc', 'endpoint:lure'],
    });
    expect(
      problemsOf(consumer, [
        payments,
        component('evil/y', { system: 'payments' }),
        endpoint('evil/grpc', 'y'),
        component('default/lure-api', { system: 'system:evil/payments' }),
        endpoint('default/lure', 'lure-api'),
      ]),
    ).toEqual([
      'outside-stagecraft-namespace spec.dependsOn[0]: Stagecraft deploys entities of the default catalog namespace only; component:default/cart depends on endpoint:evil/grpc',
      'outside-stagecraft-namespace spec.dependsOn[1]: Stagecraft deploys entities of the default catalog namespace only; component:default/cart depends on endpoint:default/lure, served by component:default/lure-api of system:evil/payments',
    ]);
  });
});
