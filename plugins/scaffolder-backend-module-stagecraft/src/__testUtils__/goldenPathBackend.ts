import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleStagecraft from '@stagecraft/plugin-catalog-backend-module-stagecraft';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test portal runs the real control plane beside the module, as the demo's backend does
import stagecraftPlugin from '@stagecraft/plugin-stagecraft-backend';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { scaffolderModuleStagecraft } from '../module';
import { writesDeniedTo } from './dryRunBackend';
import { eventually } from './eventually';

/** How long `runTemplate` waits for a task to end. */
const TASK_DEADLINE_MS = 100_000;
const repoRoot = join(__dirname, '../../../..');
const PLATFORM_KINDS = [
  'Environment',
  'DeploymentPipeline',
  'ComponentType',
  'Trait',
];
const DEVELOPER_KINDS = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Group',
  'User',
  'Template',
  'Endpoint',
];

/**
 * A portal with no part faked, for running golden paths as a developer would: the scaffolder
 * with this module, the catalog (SQLite) reading the example organisation (its templates
 * included) and the local repositories as app-config.yaml configures them, and the Stagecraft
 * control plane deploying to a GitOps directory (no cluster needed). Everyone may do
 * everything except `deniedUser`, who may change no deployment nor commit to a repository.
 * Scheduled tasks run only when
 * `runCatalogTrigger` asks.
 */
export async function startGoldenPathBackend(root: string, deniedUser: string) {
  const scheduler = mockServices.scheduler() as SchedulerService;
  mkdirSync(join(root, 'gitops'), { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], {
    cwd: join(root, 'gitops'),
  });
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      catalogModuleStagecraft,
      scaffolderPlugin,
      scaffolderModuleStagecraft,
      stagecraftPlugin,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      writesDeniedTo(deniedUser),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: DEVELOPER_KINDS }],
            locations: [
              {
                type: 'file',
                target: join(repoRoot, 'catalog-info/all.yaml'),
                rules: [{ allow: PLATFORM_KINDS }],
              },
              {
                type: 'file',
                target: `${join(root, 'repositories')}/*/catalog-info.yaml`,
              },
              {
                type: 'file',
                target: `${join(root, 'platform')}/*.yaml`,
                rules: [{ allow: PLATFORM_KINDS }],
              },
            ],
          },
          stagecraft: {
            targets: {
              local: { type: 'gitops', directory: join(root, 'gitops/deploy') },
              // The example's production environment names its own target.
              production: {
                type: 'gitops',
                directory: join(root, 'gitops/production'),
              },
            },
            reconcile: { resyncIntervalSeconds: 3600 },
            scaffolder: {
              localRepositories: {
                directory: join(root, 'repositories'),
                platformDirectory: join(root, 'platform'),
              },
            },
          },
        },
      }),
    ],
  });

  const get = (path: string) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());

  // The portal is returned once the catalog has read the templates (the first processing of
  // a just-started catalog, slow while the whole unit run shares the machine).
  await eventually(
    () =>
      get(
        '/api/catalog/entities/by-name/template/default/stagecraft-new-service',
      ).then(res => res.status),
    status => status === 200,
    'the catalog to show template:default/stagecraft-new-service',
  );

  return {
    get,
    /** One pass of the control plane's catalog trigger (new releases to the first stage). */
    runCatalogTrigger: () =>
      scheduler.triggerTask('stagecraft-catalog-trigger'),
    /** Runs a template from the catalog as `user` until it ends; with the task's log. */
    async runTemplate(templateRef: string, values: object, user: string) {
      const as = mockCredentials.user.header(user);
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', as)
        .send({ templateRef, values });
      if (created.status !== 201)
        throw new Error(
          `the task was not created: ${JSON.stringify(created.body)}`,
        );
      const eventsOf = () =>
        request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', as);
      // Below the tests' own 120-s timeouts: a task that hangs fails with what it logged.
      const deadline = Date.now() + TASK_DEADLINE_MS;
      for (;;) {
        const task = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', as);
        if (!['open', 'processing'].includes(task.body.status)) {
          const events = await eventsOf();
          const completion = events.body.find(
            (e: any) => e.type === 'completion',
          );
          return {
            status: task.body.status as string,
            output: completion?.body.output,
            log: events.body.map((e: any) => e.body.message).join('\n'),
            /** Milliseconds from the task's start to each step's end, by step id. */
            stepEnds: Object.fromEntries(
              events.body
                .filter(
                  (e: any) => e.body.status === 'completed' && e.body.stepId,
                )
                .map((e: any) => [
                  e.body.stepId,
                  Date.parse(e.createdAt) -
                    Date.parse(events.body[0].createdAt),
                ]),
            ),
          };
        }
        // Checked after the status, so a task that ended at the deadline is still returned.
        if (Date.now() > deadline) {
          const { body } = await eventsOf();
          throw new Error(
            `the task was still ${task.body.status} after ${
              TASK_DEADLINE_MS / 1000
            } s; its log:\n${body.map((e: any) => e.body.message).join('\n')}`,
          );
        }
        await new Promise(r => setTimeout(r, 250));
      }
    },
  };
}
