import {
  AuditorService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { DeploymentService } from '../actions/DeploymentService';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import {
  CatalogTriggerMemory,
  runCatalogTrigger,
} from '../trigger/catalogTrigger';
import {
  ControlPlane,
  ControlPlaneOptions,
  ReconcileObserver,
} from '../reconcile/ControlPlane';
import { ApprovalStore } from '../database/ApprovalStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { LeaseStore } from '../database/LeaseStore';
import { StatusStore } from '../database/StatusStore';
import { DataPlane } from '../targets/DataPlane';

/** An audit event as a test sees it. */
export interface RecordedAudit {
  eventId: string;
  severityLevel?: string;
  meta: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
}

/** An auditor that keeps its events in memory. */
export function recordingAuditor(): AuditorService & {
  events: RecordedAudit[];
} {
  const events: RecordedAudit[] = [];
  return {
    events,
    async createEvent(options) {
      const event: RecordedAudit = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: { ...options.meta },
      };
      events.push(event);
      // What an action learns while it runs (the component of an approval) is added at the end.
      return {
        async success(end) {
          event.outcome = 'success';
          Object.assign(event.meta, end?.meta);
        },
        async fail({ error, meta }) {
          event.outcome = 'fail';
          event.error = error.message;
          Object.assign(event.meta, meta);
        },
      };
    },
  };
}

/**
 * The control plane without the Backstage backend around it: stores on the given database,
 * a fixed (replaceable) catalog, the given data planes. Used by tests and benchmarks; real
 * backends are wired in plugin.ts.
 */
export function createControlPlaneHarness(o: {
  knex: Knex;
  entities: Entity[];
  dataPlanes: Map<string, DataPlane>;
  permissions?: PermissionsService;
  logger?: LoggerService;
  observer?: ReconcileObserver;
  options?: Partial<ControlPlaneOptions>;
}) {
  let catalog = new CatalogSnapshot(o.entities);
  let triggerMemory: CatalogTriggerMemory | undefined;
  const store = new DeploymentStore(o.knex);
  const status = new StatusStore(o.knex);
  const logger = o.logger ?? mockServices.logger.mock();
  const auditor = recordingAuditor();
  const approvals = new ApprovalStore(o.knex);
  const controlPlane = new ControlPlane(
    {
      store,
      status,
      leases: new LeaseStore(o.knex),
      catalog: async () => catalog,
      dataPlanes: o.dataPlanes,
      logger,
      observer: o.observer,
    },
    { concurrency: 4, backoff: { baseMs: 200, maxMs: 2_000 }, ...o.options },
  );
  const actions = new DeploymentService({
    store,
    status,
    approvals,
    catalog: async () => catalog,
    permissions: o.permissions ?? mockServices.permissions(),
    auditor,
    enqueue: key => controlPlane.enqueue(key),
    dataPlanes: o.dataPlanes,
    logger,
  });
  return {
    store,
    status,
    controlPlane,
    actions,
    auditor,
    approvals,
    setEntities(entities: Entity[]) {
      catalog = new CatalogSnapshot(entities);
    },
    /**
     * One pass of the catalog trigger: new releases to the first environment. Like the
     * backend, each pass compares with what the previous one saw.
     */
    async triggerCatalog() {
      const result = await runCatalogTrigger({
        catalog,
        store,
        enqueue: key => controlPlane.enqueue(key),
        status,
        logger,
        auditor,
        previous: triggerMemory,
      });
      triggerMemory = result.memory;
      return result;
    },
  };
}
