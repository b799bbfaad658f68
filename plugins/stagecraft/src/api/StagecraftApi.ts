import { createApiRef } from '@backstage/frontend-plugin-api';

/**
 * A data-plane target as the backend reports it: name and type, never credentials.
 *
 * @public
 */
export interface TargetSummary {
  name: string;
  type: 'kubernetes' | 'gitops';
}

/**
 * The browser's view of the Stagecraft backend.
 *
 * @public
 */
export interface StagecraftApi {
  listTargets(): Promise<TargetSummary[]>;
}

/** @public */
export const stagecraftApiRef = createApiRef<StagecraftApi>().with({
  id: 'plugin.stagecraft.api',
  pluginId: 'stagecraft',
});
