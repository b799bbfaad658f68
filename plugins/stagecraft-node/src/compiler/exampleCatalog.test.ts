import { stringifyEntityRef } from '@backstage/catalog-model';
import fc from 'fast-check';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTrafficAllowed } from '../policy/evaluateNetworkPolicies';
import { compileEnvironment } from './compileEnvironment';
import { serializeManifests } from './serializeManifests';
import { loadExampleCatalog } from './__fixtures__/exampleCatalog';
import { Manifest } from './types';

const ENVIRONMENTS = ['dev', 'staging', 'production'];
const GOLDEN_DIR = join(__dirname, '__golden__');
const catalog = loadExampleCatalog();

/** Compares with the committed golden file; `UPDATE_GOLDEN=1 yarn test` rewrites it after a deliberate change. */
function expectGolden(name: string, actual: string) {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    throw new Error(`${file} is missing; create it with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('the example catalog', () => {
  it.each(ENVIRONMENTS)(
    'compiles for %s without errors, matching the golden file',
    environment => {
      const result = compileEnvironment({ entities: catalog, environment });
      expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual(
        [],
      );
      expect(
        result.diagnostics.map(d => `${d.severity} ${d.code} ${d.entityRef}`),
      ).toEqual([
        // checkout-api's autoscaler asks for up to 10 replicas; dev and staging allow fewer.
        ...(environment === 'production'
          ? []
          : ['warning autoscaler-bounded component:default/checkout-api']),
        'pending pending-connection component:default/warehouse-sync',
      ]);
      expectGolden(
        `example-${environment}.yaml`,
        serializeManifests(result.manifests),
      );
    },
  );

  it('compiles byte-identically whatever the order of the entities', () => {
    const reference = serializeManifests(
      compileEnvironment({ entities: catalog, environment: 'staging' })
        .manifests,
    );
    expect(() =>
      fc.assert(
        fc.property(
          fc.shuffledSubarray(catalog, {
            minLength: catalog.length,
            maxLength: catalog.length,
          }),
          shuffled => {
            const again = serializeManifests(
              compileEnvironment({
                entities: structuredClone(shuffled),
                environment: 'staging',
              }).manifests,
            );
            return again === reference;
          },
        ),
        { numRuns: 25 },
      ),
    ).not.toThrow();
  });

  it.each(ENVIRONMENTS)(
    'in %s, the generated NetworkPolicies admit exactly the declared, permitted component → endpoint paths',
    environment => {
      const { manifests } = compileEnvironment({
        entities: catalog,
        environment,
      });
      const table = trafficTable(manifests);
      // The expectation comes from the intent (dependsOn + visibility), the verdict from the
      // policies: they must agree on every pair.
      for (const row of table) {
        expect(
          `${row.from} → ${row.to}: ${row.allowed ? 'allowed' : 'denied'}`,
        ).toBe(
          `${row.from} → ${row.to}: ${row.declared ? 'allowed' : 'denied'}`,
        );
      }
      expect(table.filter(r => r.allowed).length).toBeGreaterThan(5);
      const lines = table.map(
        r => `${r.allowed ? 'ALLOW' : 'deny '}  ${r.from} → ${r.to}`,
      );
      expectGolden(`traffic-${environment}.txt`, `${lines.join('\n')}\n`);
    },
  );
});

/** Every deployed component × every endpoint of a deployed component, with the policies' verdict. */
function trafficTable(manifests: Manifest[]) {
  const pods = manifests
    .filter(m => m.kind === 'Deployment' || m.kind === 'CronJob')
    .map(m => ({
      name: m.metadata.name,
      pod: { namespace: m.metadata.namespace!, labels: podLabels(m) },
    }));
  const entitiesByRef = new Map(
    catalog.map(e => [stringifyEntityRef(e), e] as const),
  );
  const endpoints = catalog.filter(e => e.kind === 'Endpoint');
  const rows = [];
  for (const source of pods) {
    const component = entitiesByRef.get(`component:default/${source.name}`)!;
    const declared = new Set(
      ((component.spec as { dependsOn?: string[] }).dependsOn ?? []).map(d =>
        d.replace('endpoint:', ''),
      ),
    );
    for (const endpoint of endpoints) {
      const spec = endpoint.spec as {
        component: string;
        port: number;
        protocol: string;
      };
      const target = pods.find(p => p.name === spec.component);
      if (!target || target.name === source.name) continue;
      rows.push({
        from: source.name,
        to: `${endpoint.metadata.name}`,
        declared: declared.has(endpoint.metadata.name),
        allowed: isTrafficAllowed({
          manifests,
          from: source.pod,
          to: target.pod,
          port: spec.port,
          protocol: spec.protocol === 'udp' ? 'UDP' : 'TCP',
        }),
      });
    }
  }
  return rows.sort((x, y) =>
    `${x.from} ${x.to}`.localeCompare(`${y.from} ${y.to}`),
  );
}

function podLabels(workload: Manifest): Record<string, string> {
  const spec = workload.spec as any;
  return (
    workload.kind === 'CronJob' ? spec.jobTemplate.spec.template : spec.template
  ).metadata.labels;
}
