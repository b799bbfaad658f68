import type { SyncState } from '@stagecraft/plugin-stagecraft-common';
import { syncStateLabel } from '../shared/syncStateLabel';
import { ComponentGraphNode } from './types';

/** How a state is coloured: a palette colour of the theme, or neutral grey. */
export type Tone = 'success' | 'info' | 'warning' | 'error' | 'neutral';

/** A component's state in one environment, in words and colour. */
export interface HealthDescription {
  label: string;
  tone: Tone;
  /** The backend's explanation, when there is one. */
  reason?: string;
}

// The same colours as the shared SyncStateChip, so a state looks alike on every tab.
const SYNC_TONES: Record<SyncState, Tone> = {
  synced: 'success',
  progressing: 'info',
  pending: 'neutral',
  drifted: 'warning',
  degraded: 'warning',
  failed: 'error',
  unknown: 'warning',
};

/** What each colour of a component node means, for the legend. */
export const HEALTH_LEGEND: { label: string; tone: Tone }[] = [
  { label: syncStateLabel.synced, tone: 'success' },
  { label: syncStateLabel.progressing, tone: 'info' },
  {
    label: `${
      syncStateLabel.drifted
    }, ${syncStateLabel.degraded.toLocaleLowerCase(
      'en-US',
    )} or unknown (cluster unreachable)`,
    tone: 'warning',
  },
  { label: syncStateLabel.failed, tone: 'error' },
  { label: 'Pending, not deployed, or health not read', tone: 'neutral' },
];

/**
 * Describes a component node in an environment; `undefined` when no environment is chosen.
 * Components without deploy intent are described the same in every environment.
 */
export function describeHealth(
  component: ComponentGraphNode,
  environment: string | undefined,
): HealthDescription | undefined {
  if (!component.deployable) {
    return { label: 'Not deployed by Stagecraft', tone: 'neutral' };
  }
  if (!environment) return undefined;
  if (!component.deploymentsKnown) {
    return { label: 'Health unknown', tone: 'neutral' };
  }
  const health = component.deployments[environment];
  if (!health) return { label: 'Not deployed', tone: 'neutral' };
  if (health.desiredState === 'undeployed' && health.state === 'synced') {
    return { label: 'Undeployed', tone: 'neutral', reason: health.reason };
  }
  return {
    label: syncStateLabel[health.state] ?? health.state,
    tone: SYNC_TONES[health.state] ?? 'neutral',
    reason: health.reason,
  };
}
