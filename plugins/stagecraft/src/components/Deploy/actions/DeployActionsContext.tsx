import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { createContext, useContext } from 'react';
import type { DeploymentHistoryState } from '../useDeploymentHistory';
import type { AllowanceFor } from './useDeployPermissions';

/** The outcome of an action, shown to the user once it has run. */
export interface ActionResult {
  severity: 'success' | 'info' | 'error';
  message: string;
}

/** What every action on the Deploy tab needs: its subject, its permissions and what to do after. */
export interface DeployActions {
  componentRef: string;
  allowanceFor: AllowanceFor;
  /** What ran where: a rollback may return only to a release that ran in its environment. */
  history: DeploymentHistoryState;
  /** Shows an action's outcome. */
  report(result: ActionResult): void;
  /** Re-reads deployments, approvals and history after a change. */
  refresh(): void;
  /** A promotion now waits for this approval: show it at once on the target environment. */
  approvalRequested(approval: ApprovalRequest): void;
}

const Context = createContext<DeployActions | undefined>(undefined);

/** Provides {@link DeployActions} to the Deploy tab's action buttons. */
export const DeployActionsProvider = Context.Provider;

/** The Deploy tab's {@link DeployActions}; only usable inside its provider. */
export function useDeployActions(): DeployActions {
  const actions = useContext(Context);
  if (!actions)
    throw new Error(
      'useDeployActions must be used inside DeployActionsProvider',
    );
  return actions;
}
