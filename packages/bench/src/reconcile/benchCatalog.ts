import { Entity } from '@backstage/catalog-model';
import {
  component,
  testCatalog,
} from '@stagecraft/plugin-stagecraft-backend/src/__testUtils__/entities';

/** The environments every benchmark component is deployed to, all on target `local`. */
export const BENCH_ENVIRONMENTS = ['dev', 'staging'];

/**
 * A synthetic organisation for the reconcile benchmark: `components` services in projects of
 * `perProject`, deployable to {@link BENCH_ENVIRONMENTS}. Every other service serves a
 * project-visible HTTP endpoint and every service depends on the next endpoint of its project,
 * so deployments carry Services and the NetworkPolicies of real connections. Project-visible
 * endpoints need no gateway, so the set applies to a bare API server (no Gateway API CRDs).
 *
 * Projects are named `<prefix>p<n>` and namespaces `<project>-<environment>`: two copies with
 * different prefixes never share a namespace. Deterministic for given options.
 */
export function benchCatalog(o: {
  components: number;
  perProject: number;
  prefix?: string;
}): Entity[] {
  const prefix = o.prefix ?? '';
  // testCatalog's environments: baseline Pod Security and default resources, so every
  // component is valid without declaring its own.
  const environments = testCatalog('unused').filter(
    e =>
      e.kind === 'Environment' && BENCH_ENVIRONMENTS.includes(e.metadata.name),
  );
  const entities: Entity[] = [...environments];
  const projects = Math.ceil(o.components / o.perProject);
  const digits = String(o.components - 1).length;
  const name = (i: number) => `svc-${String(i).padStart(digits, '0')}`;
  const serves = (i: number) => i % 2 === 0;

  for (let p = 0; p < projects; p++) {
    const project = `${prefix}p${p}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: project, namespace: 'default' },
      spec: { owner: 'team-a' },
    });
    const first = p * o.perProject;
    const last = Math.min(o.components, first + o.perProject) - 1;
    for (let i = first; i <= last; i++) {
      // The next serving sibling, wrapping around within the project.
      const next = serves(i + 1) ? i + 1 : i + 2;
      const provider = next > last ? first : next;
      const dependsOn =
        provider === i ? [] : [`endpoint:default/${name(provider)}-http`];
      entities.push(
        component(name(i), project, { type: 'service', dependsOn }),
      );
      if (serves(i)) {
        entities.push({
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'Endpoint',
          metadata: { name: `${name(i)}-http`, namespace: 'default' },
          spec: {
            component: name(i),
            protocol: 'http',
            port: 8080,
            visibility: 'project',
          },
        });
      }
    }
  }
  return entities;
}
