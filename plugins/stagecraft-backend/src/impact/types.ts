import type {
  ComponentImpact,
  PromotionPreview,
} from '@stagecraft/plugin-stagecraft-common';
import type { ActionContext } from '../actions/types';

export type {
  CapacityRow,
  ComponentImpact,
  ConnectionChange,
  Dependant,
  ImpactPath,
  Narrowing,
  PathChanges,
  PromotionPreview,
} from '@stagecraft/plugin-stagecraft-common';

/** Impact analysis as service functions; each needs read permission on the component. */
export interface ImpactActions {
  impact(
    o: { ref: string; environment?: string },
    ctx: ActionContext,
  ): Promise<ComponentImpact>;
  previewPromotion(
    o: { componentRef: string; from: string },
    ctx: ActionContext,
  ): Promise<PromotionPreview>;
}
