import type {
  ContainerSummary,
  PodSummary,
} from '@stagecraft/plugin-stagecraft-common';
import { lastTermination, podStatus } from './podStatus';

const container = (over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  name: 'app',
  image: 'registry.local/app:1',
  ready: true,
  restarts: 0,
  state: 'running',
  ...over,
});

const pod = (over: Partial<PodSummary> = {}): PodSummary => ({
  name: 'web-1',
  namespace: 'team-a',
  phase: 'Running',
  ready: true,
  restarts: 0,
  owners: [],
  containers: [container()],
  ...over,
});

describe('podStatus', () => {
  it('calls a running pod with every container ready healthy', () => {
    expect(podStatus(pod())).toEqual({
      label: 'Running, ready',
      tone: 'success',
    });
  });

  it('counts ready containers when some are not', () => {
    expect(
      podStatus(
        pod({
          ready: false,
          containers: [
            container(),
            container({ name: 'sidecar', ready: false }),
          ],
        }),
      ),
    ).toEqual({ label: 'Running, 1 of 2 ready', tone: 'warning' });
  });

  it('names the waiting reason of a stuck container', () => {
    expect(
      podStatus(
        pod({
          ready: false,
          containers: [
            container({ state: 'waiting', stateReason: 'CrashLoopBackOff' }),
          ],
        }),
      ),
    ).toEqual({ label: 'CrashLoopBackOff', tone: 'error' });
  });

  it('treats a container being created as a pending pod, not a problem', () => {
    expect(
      podStatus(
        pod({
          phase: 'Pending',
          ready: false,
          containers: [
            container({ state: 'waiting', stateReason: 'ContainerCreating' }),
          ],
        }),
      ),
    ).toEqual({ label: 'Pending', tone: 'warning' });
  });

  it('marks failed pods as errors and finished ones as completed', () => {
    expect(podStatus(pod({ phase: 'Failed' })).tone).toBe('error');
    expect(podStatus(pod({ phase: 'Succeeded' }))).toEqual({
      label: 'Completed',
      tone: 'default',
    });
  });
});

describe('lastTermination', () => {
  it('reports the latest termination with its exit code', () => {
    expect(
      lastTermination(
        pod({
          containers: [
            container({
              lastTermination: {
                reason: 'Error',
                exitCode: 1,
                finishedAt: '2025-01-10T10:00:00Z',
              },
            }),
            container({
              name: 'sidecar',
              lastTermination: {
                reason: 'OOMKilled',
                exitCode: 137,
                finishedAt: '2025-01-10T11:00:00Z',
              },
            }),
          ],
        }),
      ),
    ).toBe('OOMKilled (exit 137)');
  });

  it('is undefined when no container has terminated', () => {
    expect(lastTermination(pod())).toBeUndefined();
  });
});
