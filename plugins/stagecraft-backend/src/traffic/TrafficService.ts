import type { ActionContext } from '../actions/types';
import { explainTraffic } from './explainTraffic';
import { getDependencies } from './getDependencies';
import type { TrafficDeps } from './TrafficDeps';
import type { TrafficActions, TrafficQuestion } from './types';

/**
 * The traffic questions as service functions: which paths the compiled NetworkPolicies of an
 * environment admit and why, and a component's dependency neighbourhood. Agent actions (and
 * any other entry point) call these; each checks read permission on the components involved.
 */
export class TrafficService implements TrafficActions {
  constructor(private readonly deps: TrafficDeps) {}

  explainTraffic(question: TrafficQuestion, ctx: ActionContext) {
    return explainTraffic(this.deps, question, ctx);
  }

  getDependencies(
    o: { componentRef: string; environment?: string },
    ctx: ActionContext,
  ) {
    return getDependencies(this.deps, o, ctx);
  }
}
