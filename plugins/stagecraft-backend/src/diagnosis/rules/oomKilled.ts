import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';
import { fixOrRollback } from '../lastGoodRelease';
import {
  containersOf,
  containerStatusEvidence,
  podCount,
  podEvents,
} from '../podEvidence';
import type { DiagnosisEvidence, DiagnosisRule } from '../types';

const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}Mi`;

/** The container's memory limit and usage now, from the usage service, when it reports them. */
function memoryOf(evidence: DiagnosisEvidence, pod: PodSummary, name: string) {
  const container = evidence.usage?.pods
    .find(p => p.name === pod.name)
    ?.containers.find(c => c.name === name);
  return {
    limit: container?.limits.memoryBytes,
    used: container?.usage?.memoryBytes,
  };
}

/**
 * A container the kernel killed for using more memory than its limit: critical while it is
 * down, a warning once it runs again. The step names the limit and the usage observed.
 */
export const oomKilledRule: DiagnosisRule = {
  name: 'oom-killed',
  checks:
    'containers killed for exceeding their memory limit (OOMKilled), against their limit and usage',
  diagnose(evidence) {
    const killed = containersOf(evidence).filter(
      ({ container }) =>
        container.lastTermination?.reason === 'OOMKilled' ||
        container.stateReason === 'OOMKilled',
    );
    if (killed.length === 0) return [];
    const { pod, container } = killed[0];
    const down = killed.some(k => k.container.state !== 'running');
    const { limit, used } = memoryOf(evidence, pod, container.name);
    const now = `now ${limit === undefined ? 'not set' : mebibytes(limit)}`;
    const observed = `observed usage ${
      used === undefined ? 'not reported' : mebibytes(used)
    }`;
    const raise = `Raise the memory limit of container ${container.name} (${now}; ${observed}) in the component's resources and deploy again.`;
    const { nextStep, history } = down
      ? fixOrRollback(evidence, raise)
      : { nextStep: { text: raise }, history: [] };
    return [
      {
        rule: this.name,
        severity: down ? 'critical' : 'warning',
        summary: `Container ${
          container.name
        } was killed for running out of memory (OOMKilled) in ${podCount(
          evidence,
          killed.map(k => k.pod.name),
        )}${down ? '' : '; it runs again for now'}.`,
        evidence: [
          ...containerStatusEvidence(pod, container),
          ...(limit !== undefined || used !== undefined
            ? [
                {
                  kind: 'usage' as const,
                  text: `memory limit ${now.slice(4)}, ${observed}`,
                  pod: pod.name,
                  container: container.name,
                },
              ]
            : []),
          ...podEvents(evidence, pod, ['BackOff', 'OOMKilling']),
          ...history,
        ],
        nextStep,
      },
    ];
  },
};
