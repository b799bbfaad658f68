import { Entity } from '@backstage/catalog-model';

/**
 * A synthetic organisation for benchmarks: `projects` projects of `perProject` components,
 * 70% serving an endpoint (a mix of visibilities), each depending on up to two endpoints —
 * of its own project, or organization-visible ones of others. Deterministic for a given size.
 */
export function generateCatalog(o: {
  projects: number;
  perProject: number;
  environments: string[];
}): Entity[] {
  const entities: Entity[] = [];
  for (const env of o.environments) {
    entities.push({
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: env, namespace: 'default' },
      spec: {
        target: 'local',
        gateway: {
          internalHost: `${env}.internal.example`,
          publicHost: `${env}.example`,
        },
        policy: {
          defaultResources: {
            requests: { cpu: '50m', memory: '64Mi' },
            limits: { memory: '256Mi' },
          },
          replicas: { min: 1, max: 10 },
        },
      },
    });
  }
  const visibilities = ['project', 'project', 'organization', 'public'];
  const endpointOf = (p: number, c: number) => `p${p}-c${c}-http`;
  const serves = (c: number) => c % 10 < 7;
  for (let p = 0; p < o.projects; p++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `project-${p}`, namespace: 'default' },
      spec: { owner: `team-${p}` },
    });
    for (let c = 0; c < o.perProject; c++) {
      const name = `p${p}-c${c}`;
      const dependsOn: string[] = [];
      const sibling = (c + 1) % o.perProject;
      if (serves(sibling) && sibling !== c)
        dependsOn.push(`endpoint:${endpointOf(p, sibling)}`);
      const other = (p + 1) % o.projects;
      const orgTarget = 2; // c2 of every project serves an organization endpoint
      if (other !== p && c % 3 === 0)
        dependsOn.push(`endpoint:${endpointOf(other, orgTarget)}`);
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: `team-${p}`,
          system: `project-${p}`,
          dependsOn,
          deploy: {
            image: `registry.example/${name}:1.0.${c}`,
            env: { LOG_LEVEL: 'info' },
            replicas: 2,
          },
        },
      });
      if (serves(c)) {
        entities.push({
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'Endpoint',
          metadata: { name: endpointOf(p, c), namespace: 'default' },
          spec: {
            component: name,
            port: 8080,
            protocol: 'http',
            visibility:
              c === orgTarget
                ? 'organization'
                : visibilities[c % visibilities.length],
          },
        });
      }
    }
  }
  return entities;
}
