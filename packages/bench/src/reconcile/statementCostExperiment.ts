/*
 * What the database statements of a converge cost the control plane's process, with and
 * without `cacheSqliteStatements`: two in-memory SQLite databases seeded alike (the bench
 * catalog's releases and deployments, `BENCH_COMPONENTS` × 2 environments, 1,000 by default),
 * then, in alternating rounds, the statements one reconcile of an arrival sends
 * (`queryBudget.test.ts`) for every deployment, and the CPU seconds each round took. Run with:
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/bench/src/reconcile/statementCostExperiment.ts
 */
import knexFactory, { Knex } from 'knex';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { DeploymentStore } from '@stagecraft/plugin-stagecraft-backend/src/database/DeploymentStore';
import { LeaseStore } from '@stagecraft/plugin-stagecraft-backend/src/database/LeaseStore';
import { migrate } from '@stagecraft/plugin-stagecraft-backend/src/database/migrate';
import { cacheSqliteStatements } from '@stagecraft/plugin-stagecraft-backend/src/database/sqliteStatementCache';
import { StatusStore } from '@stagecraft/plugin-stagecraft-backend/src/database/StatusStore';
import { BENCH_ENVIRONMENTS, benchCatalog } from './benchCatalog';
import { seedDeployments } from './seedDeployments';

const ROUNDS = 4;

async function seeded(catalog: CatalogSnapshot, cached: boolean) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  if (cached) cacheSqliteStatements(knex);
  await migrate(knex);
  const store = new DeploymentStore(knex);
  await seedDeployments({ store, catalog, environments: BENCH_ENVIRONMENTS });
  return { knex, store, status: new StatusStore(knex) };
}

/** The statements of one reconcile of an arrival, for every deployment; CPU seconds. */
async function round(
  db: Awaited<ReturnType<typeof seeded>>,
  n: number,
): Promise<number> {
  const leases = new LeaseStore(db.knex);
  const deployments = await db.store.listDeployments();
  const cpu = process.cpuUsage();
  for (const d of deployments) {
    const { componentRef, environment } = d;
    const key = `${componentRef}|${environment}`;
    await leases.tryAcquire(key, 'bench', 15_000);
    await db.store.getDeployment(componentRef, environment);
    await db.store.getRelease(d.releaseId);
    await db.store.listDeployments({
      environment,
      componentRefs: [componentRef],
    });
    await db.status.get(componentRef, environment);
    await db.store.getInventory(componentRef, environment);
    await db.store.saveInventory(componentRef, environment, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'n',
        name: `round-${n}`,
      },
    ]);
    await db.status.save({
      componentRef,
      environment,
      state: 'synced',
      reason: `round ${n}`,
      synced: true,
    });
    await leases.release(key, 'bench');
  }
  const { user, system } = process.cpuUsage(cpu);
  return (user + system) / 1e6;
}

async function main() {
  const components = Number(process.env.BENCH_COMPONENTS ?? 1000);
  const catalog = new CatalogSnapshot(
    benchCatalog({ components, perProject: 50, prefix: '' }),
  );
  const databases: [string, Awaited<ReturnType<typeof seeded>>][] = [
    ['knex as it is', await seeded(catalog, false)],
    ['statements cached', await seeded(catalog, true)],
  ];
  try {
    for (let n = 0; n < ROUNDS; n++) {
      for (const [name, db] of databases) {
        const seconds = await round(db, n);
        console.log(
          `round ${n + 1} ${name.padEnd(18)} ${seconds.toFixed(2)} CPU-s`,
        );
      }
    }
  } finally {
    await Promise.all(databases.map(([, db]) => (db.knex as Knex).destroy()));
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
