import type {
  ContainerSummary,
  DeploymentStatus,
  PodSummary,
} from '@stagecraft/plugin-stagecraft-common';
import type { HistoryEntry } from '../../database/records';
import type { ReadyRelease } from '../../database/StatusStore';
import type { DiagnosisEvidence } from '../types';

export const API = 'component:default/checkout-api';
export const GOOD = 'a'.repeat(64);
export const BAD = 'b'.repeat(64);
export const NOW = new Date('2026-11-30T13:00:00Z');

export const container = (
  over: Partial<ContainerSummary> = {},
): ContainerSummary => ({
  name: 'app',
  image: 'registry.local/checkout-api:1.2.0',
  ready: true,
  restarts: 0,
  state: 'running',
  ...over,
});

export const pod = (
  name: string,
  containers: ContainerSummary[] = [container()],
  over: Partial<PodSummary> = {},
): PodSummary => ({
  name,
  namespace: 'shop-dev',
  phase: 'Running',
  ready: containers.every(c => c.ready),
  restarts: containers.reduce((n, c) => n + c.restarts, 0),
  startedAt: '2026-11-30T12:50:00Z',
  owners: [],
  containers,
  ...over,
});

export const entry = (
  id: number,
  action: HistoryEntry['action'],
  releaseId: string,
  details: Record<string, unknown> = {},
): HistoryEntry => ({
  id,
  componentRef: API,
  environment: 'dev',
  action,
  releaseId,
  actor: 'user:default/jane',
  at: new Date(Date.UTC(2026, 10, 30, 12, id)),
  details,
});

/** `releaseId` observed ready in dev, 30 s after history entry `minute` put it there. */
export const ready = (releaseId: string, minute = 1): ReadyRelease => ({
  releaseId,
  readyAt: new Date(Date.UTC(2026, 10, 30, 12, minute, 30)),
  evidence:
    'Deployment/checkout-api: rolled out: 2 of 2 replicas updated and available',
});

/** A deployment of release BAD in dev, after GOOD ran there; healthy pods unless overridden. */
export function evidenceOf(
  over: Partial<DiagnosisEvidence> = {},
): DiagnosisEvidence {
  const status: DeploymentStatus = {
    componentRef: API,
    environment: 'dev',
    target: 'local',
    releaseId: BAD,
    desiredState: 'deployed',
    generation: 2,
    updatedBy: 'user:default/jane',
    updatedAt: '2026-11-30T12:02:00Z',
    sync: { state: 'synced', reason: 'running' },
    urls: [],
    pendingConnections: [],
  };
  return {
    componentRef: API,
    environment: 'dev',
    now: NOW,
    status,
    history: [entry(2, 'deploy', BAD), entry(1, 'deploy', GOOD)],
    readyReleases: [ready(GOOD)],
    drift: [],
    runtime: {
      componentRef: API,
      environment: 'dev',
      available: true,
      pods: [pod('checkout-api-1')],
      events: [],
    },
    logs: [],
    dependencies: { edges: [], providers: [] },
    failedConnections: [],
    ...over,
  };
}
