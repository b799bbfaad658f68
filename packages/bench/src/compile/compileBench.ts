/*
 * `yarn bench:compile` — compiler throughput and latency on a generated catalog of 10,000
 * components × 3 environments. Prints component-environments per second for whole-environment
 * compiles (wall and CPU time: CPU is steadier on a shared machine), the same for 1,000
 * components with the example catalog's three traits each, the cost of one trait's template
 * evaluation alone, p50/p99 of compiling one component with just the entities it involves (what the
 * reconciler does per deployment), and peak RSS. Figures only; nothing is asserted.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { performance } from 'node:perf_hooks';
import { compileEnvironment } from '@stagecraft/plugin-stagecraft-node';
import { withExampleTraits } from './exampleTraits';
import { generateCatalog } from './generateCatalog';
import { percentile } from '../shared/percentile';
import { printedUsage } from '../shared/usage';
import { benchTemplateEvaluation } from './templateEvaluation';

const USAGE = `yarn bench:compile [--help]
  Compiler throughput and latency on a generated catalog, whole environments and one component
  at a time, with and without traits; template evaluation alone; peak RSS.
  BENCH_PROJECTS     projects (100)
  BENCH_PER_PROJECT  components per project (100)`;

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100);
const PER_PROJECT = Number(process.env.BENCH_PER_PROJECT ?? 100);
const ENVIRONMENTS = ['dev', 'staging', 'production'];
const SAMPLE = 2000;

/** The entities one component's compile involves: environments, its System, it, its endpoints, its dependencies. */
function neighbourhood(
  all: Entity[],
  byRef: Map<string, Entity>,
  component: Entity,
): Entity[] {
  const endpoints = all.filter(e => e.kind === 'Endpoint');
  const mine = endpoints.filter(
    e => (e.spec as any).component === component.metadata.name,
  );
  const deps = ((component.spec as any).dependsOn as string[]).map(
    d => byRef.get(`endpoint:default/${d.slice('endpoint:'.length)}`)!,
  );
  const providers = deps.map(
    d => byRef.get(`component:default/${(d.spec as any).component}`)!,
  );
  const system = byRef.get(`system:default/${(component.spec as any).system}`)!;
  return [
    ...all.filter(e => e.kind === 'Environment'),
    system,
    component,
    ...mine,
    ...deps,
    ...providers,
  ];
}

/** Compiles every environment whole; prints component-environments per second. */
function wholeEnvironments(
  label: string,
  entities: Entity[],
  environments: string[],
) {
  const components = entities.filter(e => e.kind === 'Component').length;
  let objects = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const environment of environments) {
    const result = compileEnvironment({ entities, environment });
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0)
      throw new Error(
        `${errors.length} compile errors, first: ${errors[0].message}`,
      );
    objects += result.manifests.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const count = components * environments.length;
  console.log(
    `${label}: ${count} component-environments in ${seconds.toFixed(
      2,
    )} s = ${Math.round(count / seconds)} per second; CPU ${cpuSeconds.toFixed(
      2,
    )} s = ${Math.round(
      count / cpuSeconds,
    )} per CPU-second (${objects} objects)`,
  );
}

function main() {
  const catalog = generateCatalog({
    projects: PROJECTS,
    perProject: PER_PROJECT,
    environments: ENVIRONMENTS,
  });
  const components = catalog.filter(e => e.kind === 'Component');
  console.log(
    `catalog: ${components.length} components, ${
      catalog.filter(e => e.kind === 'Endpoint').length
    } endpoints, ${ENVIRONMENTS.length} environments`,
  );

  // Warm up the JIT on one small environment compile.
  compileEnvironment({
    entities: catalog
      .slice(0, 500)
      .concat(catalog.filter(e => e.kind === 'Environment')),
    environment: 'dev',
  });

  wholeEnvironments('whole-environment compiles', catalog, ENVIRONMENTS);
  // A smaller catalog: with traits, compiles are dominated by per-component JSON Schema
  // compilation of the traits' parameters (validateParameters), not by CEL.
  wholeEnvironments(
    'with three traits per component (1,000 components, dev)',
    withExampleTraits(
      generateCatalog({ projects: 10, perProject: 100, environments: ['dev'] }),
    ),
    ['dev'],
  );
  benchTemplateEvaluation();

  const byRef = new Map(catalog.map(e => [stringifyEntityRef(e), e] as const));
  const timings: number[] = [];
  for (let i = 0; i < SAMPLE; i++) {
    const component = components[(i * 7919) % components.length];
    const entities = neighbourhood(catalog, byRef, component);
    const environment = ENVIRONMENTS[i % ENVIRONMENTS.length];
    const t = performance.now();
    compileEnvironment({
      entities,
      environment,
      deployed: [stringifyEntityRef(component)],
    });
    timings.push(performance.now() - t);
  }
  console.log(
    `one component (its neighbourhood only), ${SAMPLE} samples: p50 ${percentile(
      timings,
      50,
    ).toFixed(3)} ms, p99 ${percentile(timings, 99).toFixed(3)} ms`,
  );
  console.log(
    `peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
}

if (!printedUsage(process.argv, USAGE)) main();
