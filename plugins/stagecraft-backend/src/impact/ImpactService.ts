import type { ActionContext } from '../actions/types';
import type { TrafficDeps } from '../traffic/TrafficDeps';
import { componentImpact } from './componentImpact';
import { previewPromotion } from './promotionPreview';
import type { ImpactActions } from './types';

/**
 * Impact analysis as service functions, over the same plans and policy evaluator as the
 * traffic questions (`planEnvironment`, `evaluateTraffic`). Read-only; each checks read
 * permission on the components it names.
 */
export class ImpactService implements ImpactActions {
  constructor(private readonly deps: TrafficDeps) {}

  impact(o: { ref: string; environment?: string }, ctx: ActionContext) {
    return componentImpact(this.deps, o, ctx);
  }

  previewPromotion(
    o: { componentRef: string; from: string },
    ctx: ActionContext,
  ) {
    return previewPromotion(this.deps, o, ctx);
  }
}
