import type {
  AuditorService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { ApprovalStore } from '../database/ApprovalStore';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { StatusStore } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import type { DataPlane } from '../targets/DataPlane';

/** What the deployment actions work with; one set, shared by every verb's file. */
export interface ServiceDeps {
  store: DeploymentStore;
  status: StatusStore;
  approvals: ApprovalStore;
  /** The shared catalog read; `maxAgeMs` asks for one at most that old (CatalogSource). */
  catalog: (o?: { maxAgeMs?: number }) => Promise<CatalogSnapshot>;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Queues a reconcile of a deployment whose desired state changed. */
  enqueue: (key: DeploymentKey) => void;
  dataPlanes: ReadonlyMap<string, DataPlane>;
  logger: LoggerService;
}
