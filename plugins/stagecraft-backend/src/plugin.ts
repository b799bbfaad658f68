import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { stagecraftPermissions } from '@stagecraft/plugin-stagecraft-common';
import {
  CompilerExtensions,
  configureCelBudget,
  readCelBudget,
  readDataPlaneTargets,
  stagecraftCompilerExtensionPoint,
  stagecraftObservabilityExtensionPoint,
} from '@stagecraft/plugin-stagecraft-node';
import { DeploymentService } from './actions/DeploymentService';
import { registerAgentActions } from './agentActions/registerAgentActions';
import { CatalogTriggerRunner } from './trigger/CatalogTriggerRunner';
import { subscribeToIntentEvents } from './trigger/subscribeToIntentEvents';
import { ControlPlane } from './reconcile/ControlPlane';
import { ApprovalStore } from './database/ApprovalStore';
import { DeploymentStore } from './database/DeploymentStore';
import { LeaseStore } from './database/LeaseStore';
import { migrate } from './database/migrate';
import { cacheSqliteStatements } from './database/sqliteStatementCache';
import { StatusStore } from './database/StatusStore';
import { readLinkTemplates } from './runtime/linkTemplates';
import { RuntimeService } from './runtime/RuntimeService';
import { createRouter } from './service/createRouter';
import { builtInObservabilityProviders } from './observability/builtInProviders';
import { ObservabilityService } from './observability/ObservabilityService';
import { ObservabilityProviders } from './observability/providerConfig';
import { TrafficService } from './traffic/TrafficService';
import { DiagnosisService } from './diagnosis/DiagnosisService';
import { CostService } from './cost/CostService';
import { readCostSettings } from './cost/costConfig';
import { ImpactService } from './impact/ImpactService';
import { EntityValidationService } from './validation/EntityValidationService';
import { createCatalogSource } from './wiring/createCatalogSource';
import { createDataPlanes } from './wiring/createDataPlanes';
import { readReconcileOptions } from './wiring/readReconcileOptions';
import { createDriftWatchers } from './wiring/createDriftWatchers';
import { scheduleRequeueUnclaimed } from './wiring/requeueUnclaimed';

/**
 * The Stagecraft control plane backend plugin.
 *
 * @public
 */
export const stagecraftPlugin = createBackendPlugin({
  pluginId: 'stagecraft',
  register(env) {
    // Backend modules add component types, traits and policies here; the reconciler compiles
    // with them.
    const compilerExtensions = new CompilerExtensions();
    env.registerExtensionPoint(
      stagecraftCompilerExtensionPoint,
      compilerExtensions,
    );
    // Metrics and traces backends by type; modules may add or replace one.
    const observabilityExtensions = builtInObservabilityProviders();
    env.registerExtensionPoint(
      stagecraftObservabilityExtensionPoint,
      observabilityExtensions,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, database, scheduler, lifecycle } = deps;
        // Read targets at start-up so a misconfigured target stops the backend with a clear
        // message rather than failing the first deployment.
        const targets = readDataPlaneTargets(config);
        const options = readReconcileOptions(config);
        const links = readLinkTemplates(config);
        // Every template evaluation in this process (compiles, validation) gets this budget.
        configureCelBudget(readCelBudget(config));
        logger.info(
          `Stagecraft data-plane targets: ${
            targets.map(t => `${t.name} (${t.type})`).join(', ') ||
            'none configured'
          }`,
        );
        const knex = await database.getClient();
        cacheSqliteStatements(knex);
        if (!database.migrations?.skip) await migrate(knex);
        deps.permissionsRegistry.addPermissions(stagecraftPermissions);

        const store = new DeploymentStore(knex);
        const status = new StatusStore(knex);
        const catalogSource = createCatalogSource({
          catalog: deps.catalog,
          auth: deps.auth,
          config,
          knex,
          store,
          logger,
          auditor: deps.auditor,
          snapshotSeconds: options.catalogSnapshotSeconds,
        });
        const catalog = (o?: { maxAgeMs?: number }) =>
          catalogSource.snapshot(o);
        const dataPlanes = createDataPlanes(targets, {
          logger,
          limits: options.limits,
        });
        const controlPlane = new ControlPlane(
          {
            store,
            status,
            leases: new LeaseStore(knex),
            catalog,
            dataPlanes,
            logger,
            extensions: compilerExtensions,
          },
          { concurrency: options.concurrency },
        );
        const actions = new DeploymentService({
          store,
          status,
          approvals: new ApprovalStore(knex),
          catalog,
          permissions: deps.permissions,
          auditor: deps.auditor,
          enqueue: key => controlPlane.enqueue(key),
          dataPlanes,
          logger,
        });
        // Its watches start with the first runtime request per target, not here.
        const runtime = new RuntimeService({
          deployments: actions,
          store,
          dataPlanes,
          links,
          extensions: compilerExtensions,
          logger,
        });
        const observability = new ObservabilityService({
          deployments: actions,
          runtime,
          providers: ObservabilityProviders.fromConfig(
            config,
            observabilityExtensions,
          ),
          logger,
        });
        // Catalog changes become releases and first-stage deploys, one pass at a time across
        // replicas: at once on the catalog module's intent events, and on a slow poll as the
        // safety net for a lost event (docs/events.md).
        const trigger = new CatalogTriggerRunner({
          catalogSource,
          store,
          status,
          leases: new LeaseStore(knex),
          enqueue: key => controlPlane.enqueue(key),
          logger,
          auditor: deps.auditor,
        });
        const trafficDeps = {
          store,
          catalog,
          permissions: deps.permissions,
          extensions: compilerExtensions,
        };
        const traffic = new TrafficService(trafficDeps);
        // Impact analysis reads the same plans and policy evaluator as the traffic questions.
        const impact = new ImpactService(trafficDeps);
        const diagnosis = new DiagnosisService({
          actions,
          runtime,
          traffic,
          observability,
          readiness: status,
        });
        const cost = new CostService({
          deployments: actions,
          observability,
          allDeployments: () => store.listDeployments(),
          catalog,
          settings: readCostSettings(config),
          manifests: (key, ctx) => runtime.getManifests(key, ctx),
        });
        // Agent tools (actions registry → MCP) call the same services as the REST API.
        registerAgentActions({
          registry: deps.actionsRegistry,
          actions,
          runtime,
          observability,
          catalog: deps.catalog,
          catalogTrigger: trigger,
          cost,
          traffic,
          diagnosis,
          impact,
          validation: new EntityValidationService({
            catalog: deps.catalog,
            extensions: compilerExtensions,
          }),
        });
        deps.httpRouter.use(
          createRouter({
            actions,
            cost,
            runtime,
            observability,
            diagnosis,
            impact,
            httpAuth: deps.httpAuth,
            targets,
            logger,
          }),
        );

        const watchers = options.watchDrift
          ? createDriftWatchers({
              dataPlanes,
              controlPlane,
              catalog,
              store,
              status,
              logger,
            })
          : [];

        lifecycle.addStartupHook(async () => {
          controlPlane.start();
          // Watches first: a drift between the first resync and the watch would go unseen.
          // start() resolves once every kind listed (or failed to, an unreachable cluster).
          await Promise.all(watchers.map(w => w.start()));
          const queued = await controlPlane.resync();
          logger.info(
            `Stagecraft control plane started: drift watches on ${watchers.length} Kubernetes target(s), ${queued} deployment(s) queued for resync`,
          );
        });
        lifecycle.addShutdownHook(async () => {
          await Promise.all([...watchers.map(w => w.stop()), runtime.stop()]);
          await controlPlane.stop();
        });

        await subscribeToIntentEvents({
          events: deps.events,
          catalog: deps.catalog,
          auth: deps.auth,
          runTrigger: () => trigger.run(),
          logger,
        });
        await scheduler.scheduleTask({
          id: 'stagecraft-catalog-trigger',
          frequency: { seconds: options.catalogPollSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
          fn: async () => {
            await trigger.run();
          },
        });
        // The safety net behind the watches: every replica re-checks everything now and then.
        await scheduler.scheduleTask({
          id: 'stagecraft-resync',
          scope: 'local',
          frequency: { seconds: options.resyncIntervalSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: options.resyncIntervalSeconds },
          fn: async () => {
            await controlPlane.resync();
          },
        });
        // Work a dead replica left queued or under way, found from the database alone.
        await scheduleRequeueUnclaimed(scheduler, {
          store,
          status,
          leases: new LeaseStore(knex),
          enqueue: key => controlPlane.enqueue(key),
        });
      },
    });
  },
});
