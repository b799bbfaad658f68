import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  approvalRequest,
  COMPONENT_REF,
  historyEntry,
} from '../service/__testUtils__/fakeActions';
import {
  renderedYaml,
  runtimeSnapshot,
} from '../service/__testUtils__/fakeRuntimeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';
import { MAX_MANIFEST_BYTES } from './getManifestsAction';

const STAGING = { component: 'checkout-api', environment: 'staging' };
const TARGET = { componentRef: COMPONENT_REF, environment: 'staging' };

describe('get-deployment-history', () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...historyEntry,
      id: i + 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)),
    }));

  it('answers the newest entries first, as the caller, with the environment asked for', async () => {
    const { invoke, actions, credentials } = agentActionsHarness();
    actions.listHistory.mockResolvedValueOnce(entries(30));
    const output = await invoke('get-deployment-history', {
      ...STAGING,
      limit: 5,
    });
    expect(actions.listHistory).toHaveBeenCalledWith(COMPONENT_REF, 'staging', {
      credentials,
    });
    expect(output.entries.map((e: { id: number }) => e.id)).toEqual([
      30, 29, 28, 27, 26,
    ]);
    expect(output.entries[0]).toEqual({
      id: 30,
      environment: 'staging',
      action: 'promote',
      releaseId: historyEntry.releaseId,
      actor: 'user:default/jane',
      at: '2026-01-01T00:29:00.000Z',
      details: { from: 'dev' },
    });
    expect(output.truncated).toBe(true);
  });

  it('answers 20 by default and says when nothing was left out', async () => {
    const { invoke, actions } = agentActionsHarness();
    actions.listHistory.mockResolvedValueOnce(entries(20));
    const output = await invoke('get-deployment-history', {
      component: 'checkout-api',
    });
    expect(actions.listHistory.mock.calls[0][1]).toBeUndefined();
    expect(output.entries).toHaveLength(20);
    expect(output.truncated).toBe(false);
  });

  it.each([0, 201, 1.5, '5'])('refuses limit %j', async limit => {
    const { invoke, actions } = agentActionsHarness();
    await expect(
      invoke('get-deployment-history', { component: 'checkout-api', limit }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(actions.listHistory).not.toHaveBeenCalled();
  });
});

describe('list-approvals', () => {
  it('answers pending requests apart from decided ones, as the caller', async () => {
    const { invoke, actions, credentials } = agentActionsHarness();
    const decided = {
      ...approvalRequest,
      id: 3,
      state: 'denied' as const,
      decidedBy: 'user:default/lead',
      decidedAt: '2026-01-01T00:00:00.000Z',
    };
    actions.listApprovals.mockResolvedValueOnce([decided, approvalRequest]);
    const output = await invoke('list-approvals', {
      component: 'component:default/checkout-api',
    });
    expect(actions.listApprovals).toHaveBeenCalledWith(COMPONENT_REF, {
      credentials,
    });
    expect(output).toEqual({
      componentRef: COMPONENT_REF,
      pending: [approvalRequest],
      decided: [decided],
    });
  });
});

describe('get-runtime', () => {
  it('answers pods with restarts and last terminations, and events, as the caller', async () => {
    const { invoke, runtime, credentials } = agentActionsHarness();
    const output = await invoke('get-runtime', STAGING);
    expect(runtime.getRuntime).toHaveBeenCalledWith(TARGET, { credentials });
    const [pod] = output.pods;
    expect(pod).toMatchObject({ phase: 'Running', ready: false, restarts: 3 });
    expect(pod.containers[0]).toMatchObject({
      state: 'waiting',
      stateReason: 'CrashLoopBackOff',
      lastTermination: { reason: 'OOMKilled', exitCode: 137 },
    });
    expect(output.events).toEqual(runtimeSnapshot.events);
    expect(output.eventsTruncated).toBe(false);
  });

  it('answers the newest 50 events and says more exist', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.getRuntime.mockResolvedValueOnce({
      ...runtimeSnapshot,
      events: Array.from({ length: 80 }, (_, i) => ({
        ...runtimeSnapshot.events[0],
        reason: `r${i}`,
        lastSeen: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      })),
    });
    const output = await invoke('get-runtime', STAGING);
    expect(output.events).toHaveLength(50);
    expect(output.events[0].reason).toBe('r79');
    expect(output.eventsTruncated).toBe(true);
  });

  it('passes a refusal on', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.getRuntime.mockRejectedValueOnce(new NotAllowedError('no'));
    await expect(invoke('get-runtime', STAGING)).rejects.toBeInstanceOf(
      NotAllowedError,
    );
  });
});

describe('get-manifests', () => {
  it('answers the YAML as the caller', async () => {
    const { invoke, runtime, credentials } = agentActionsHarness();
    const output = await invoke('get-manifests', STAGING);
    expect(runtime.getManifests).toHaveBeenCalledWith(TARGET, { credentials });
    expect(output).toEqual({
      yaml: renderedYaml,
      truncated: false,
      totalBytes: renderedYaml.length,
    });
  });

  it('cuts long YAML at a line end within the bound and says so', async () => {
    const { invoke, runtime } = agentActionsHarness();
    const line = `  key: ${'é'.repeat(40)}\n`;
    const yaml = line.repeat(Math.ceil((MAX_MANIFEST_BYTES * 2) / line.length));
    runtime.getManifests.mockResolvedValueOnce(yaml);
    const output = await invoke('get-manifests', STAGING);
    expect(output.truncated).toBe(true);
    expect(output.totalBytes).toBe(Buffer.byteLength(yaml));
    expect(Buffer.byteLength(output.yaml)).toBeLessThanOrEqual(
      MAX_MANIFEST_BYTES,
    );
    expect(Buffer.byteLength(output.yaml)).toBeGreaterThan(
      MAX_MANIFEST_BYTES - Buffer.byteLength(line),
    );
    expect(output.yaml.endsWith(line)).toBe(true);
  });

  it('passes a conflict (a release that does not compile) on', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.getManifests.mockRejectedValueOnce(
      new ConflictError('does not compile'),
    );
    await expect(invoke('get-manifests', STAGING)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
