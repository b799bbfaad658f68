import { Entity } from '@backstage/catalog-model';
import { GitOpsRemote } from '@stagecraft/plugin-stagecraft-node';
// The example organisation's loader is a test fixture of the node package, not its API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { loadExampleCatalog } from '@stagecraft/plugin-stagecraft-node/src/compiler/__fixtures__/exampleCatalog';
import { GitOpsDataPlane } from '../targets/GitOpsDataPlane';
import { createControlPlaneHarness } from './controlPlaneHarness';
import { createTestDatabases } from './testDatabases';

const databases = createTestDatabases();

/**
 * The example organisation (catalog-info/), its `dev` environment renamed when `dev` is given,
 * so that tests sharing one cluster never share its namespaces (`<project>-<environment>`).
 * Every exact "dev" string is an environment name there: the Environment, the pipeline's
 * first stage and per-environment overrides.
 */
export function exampleOrganisation(dev = 'dev'): Entity[] {
  return JSON.parse(
    JSON.stringify(loadExampleCatalog()).split('"dev"').join(`"${dev}"`),
  );
}

/**
 * One backend start-up against a GitOps directory (target `local`, pushing to `remote` when
 * given): a fresh database, one catalog trigger pass, every reconcile it causes. Resolves with the deploys the pass made.
 */
export async function startUp(
  directory: string,
  entities: Entity[],
  remote?: GitOpsRemote,
): Promise<number> {
  const h = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities,
    dataPlanes: new Map([
      ['local', new GitOpsDataPlane({ name: 'local', directory, remote })],
    ]),
    options: { concurrency: 8 },
  });
  h.controlPlane.start();
  try {
    const { deployed } = await h.triggerCatalog();
    await h.controlPlane.idle();
    return deployed;
  } finally {
    await h.controlPlane.stop();
  }
}
