import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DeploymentActions, RuntimeActions } from '../actions/types';
import type { CostActions } from '../cost/types';
import type { DiagnosisActions } from '../diagnosis/types';
import type { ImpactActions } from '../impact/types';
import type { ObservabilityActions } from '../observability/types';
import type { CatalogTriggerRunner } from '../trigger/CatalogTriggerRunner';
import type { TrafficActions } from '../traffic/types';
import type { EntityValidationActions } from '../validation/EntityValidationService';

/**
 * What the agent actions are built from: the same service functions as the REST API, called
 * with the invoking caller's credentials, and the catalog read as that caller.
 */
export interface AgentActionDeps {
  registry: ActionsRegistryService;
  actions: DeploymentActions;
  runtime: RuntimeActions;
  /** Usage, metrics and traces; their actions are registered when given. */
  observability?: ObservabilityActions;
  /** The rule-based diagnosis; `diagnose` is registered when given. */
  diagnosis?: DiagnosisActions;
  /** Cost and its recommendations; `costs` and `cost-recommendations` when given. */
  cost?: CostActions;
  /** Impact analysis; `impact` and `preview-promotion` are registered when given. */
  impact?: ImpactActions;
  catalog: CatalogService;
  /**
   * Catalog trigger passes on demand: `deploy` releases a just-refreshed intent first. The
   * plugin always provides it; harnesses of other actions may leave it out.
   */
  catalogTrigger?: Pick<CatalogTriggerRunner, 'run'>;
  traffic: TrafficActions;
  validation: EntityValidationActions;
}
