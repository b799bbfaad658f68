import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogModuleStagecraft } from '../module';

/*
 * The example organisation (catalog-info/, registered through all.yaml as in app-config.yaml)
 * in a real catalog with Stagecraft's module: an edit of systems/payments.yaml, picked up by
 * the module's file watcher, is processed as that file alone. The catalog refreshes every
 * Location above a refreshed entity and queues everything a changed Location emits, so with
 * all.yaml as one Location listing every file, every edit reprocessed the whole organisation
 * (docs/events.md § 3). Fails with that all.yaml: 40 entities of other files processed.
 */

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'catalog-info');
const OLD = 'registry.acme-retail.example/checkout-api:2.7.0';
const WARM = 'registry.acme-retail.example/checkout-api:2.7.1';
const NEW = 'registry.acme-retail.example/checkout-api:2.7.2';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('an edit of one file of the example organisation', () => {
  let dir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  afterEach(async () => {
    await backend?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is processed as that file alone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'stagecraft-example-edit-'));
    await cp(EXAMPLE, dir, { recursive: true });
    const processed: string[] = [];
    let inFlight = 0;
    let lastActivity = 0;
    let image: () => Promise<string | undefined> = async () => undefined;
    let entitiesOf: (file: string) => Promise<string[]> = async () => [];

    const counting = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'count-processing',
      register(env) {
        env.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.addProcessor({
              getProcessorName: () => 'CountProcessing',
              async preProcessEntity(entity) {
                processed.push(stringifyEntityRef(entity));
                inFlight++;
                lastActivity = Date.now();
                return entity;
              },
              // Runs after Stagecraft's processor (registered first), which compiles.
              async postProcessEntity(entity) {
                inFlight--;
                lastActivity = Date.now();
                return entity;
              },
            });
          },
        });
      },
    });
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { catalog: catalogServiceRef, auth: coreServices.auth },
          async init({ catalog, auth }) {
            entitiesOf = async file => {
              const { items } = await catalog.getEntities(
                {
                  filter: {
                    'metadata.annotations.backstage.io/managed-by-location': `file:${file}`,
                  },
                },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return items.map(e => stringifyEntityRef(e));
            };
            image = async () => {
              const entity = await catalog.getEntityByRef(
                'component:default/checkout-api',
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return (entity?.spec?.deploy as { image?: string } | undefined)
                ?.image;
            };
          },
        });
      },
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleStagecraft,
        counting,
        probe,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    ...['Component', 'System', 'API', 'Resource', 'Location'],
                    ...['Domain', 'Group', 'User', 'Template', 'Endpoint'],
                    ...['Environment', 'DeploymentPipeline'],
                    ...['ComponentType', 'Trait'],
                  ],
                },
              ],
              locations: [{ type: 'file', target: join(dir, 'all.yaml') }],
            },
          },
        }),
      ],
    });

    /**
     * Waits until `served` holds, then until no processing ran for five seconds: the catalog
     * processes in batches, and on a loaded machine a gap between two batches of one edit can
     * last a second or two (a shorter quiet time would count the rest of this edit in the next).
     */
    const settled = async (served: () => Promise<boolean>) => {
      while (!(await served())) await sleep(100);
      while (inFlight > 0 || Date.now() - lastActivity < 5000) await sleep(100);
    };
    await settled(async () => (await image()) === OLD);

    const payments = join(dir, 'systems', 'payments.yaml');
    const edit = async (from: string, to: string) => {
      processed.splice(0);
      await writeFile(
        payments,
        (await readFile(payments, 'utf8')).replace(from, to),
      );
      await settled(async () => (await image()) === to);
    };
    // The first refresh after the catalog read everything reprocesses everything once, whatever
    // the shape: a Location's result includes its children's parents, which its first pass did
    // not know yet, so each Location's result changes once. The catalog's interval does the same.
    await edit(OLD, WARM);
    await edit(WARM, NEW);

    const ofPayments = new Set(await entitiesOf(payments));
    expect(processed).toContain('component:default/checkout-api');
    // Locations above the file are read again; no entity of another file is processed.
    expect(
      [...new Set(processed)].filter(
        ref => !ofPayments.has(ref) && !ref.startsWith('location:'),
      ),
    ).toEqual([]);
  }, 120_000);
});
