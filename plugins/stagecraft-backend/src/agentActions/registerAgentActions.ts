import type { AgentActionDeps } from './AgentActionDeps';
import { registerGetComponentStatusAction } from './getComponentStatusAction';
import { registerPromoteAction } from './promoteAction';

export type { AgentActionDeps } from './AgentActionDeps';

/**
 * Every Stagecraft action in Backstage's actions registry (ids `stagecraft:<name>`), which the
 * MCP actions backend serves as tools. Each one calls the deployment or runtime service with
 * the invoking caller's credentials: an agent gets exactly what its caller may do, with the
 * same pipeline rule and audit events as the REST API. One line per action.
 */
const AGENT_ACTIONS: ReadonlyArray<(deps: AgentActionDeps) => void> = [
  // Reads
  registerGetComponentStatusAction,
  // Writes
  registerPromoteAction,
];

export function registerAgentActions(deps: AgentActionDeps): void {
  for (const register of AGENT_ACTIONS) register(deps);
}
