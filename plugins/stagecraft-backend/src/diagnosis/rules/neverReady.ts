import { rollbackOr } from '../lastGoodRelease';
import { podCount, podEvents } from '../podEvidence';
import type { DiagnosisRule } from '../types';

/** A pod whose containers run this long without becoming ready is not just starting. */
export const READY_GRACE_MS = 60_000;

/**
 * Pods whose containers run but never become ready: readiness probe failures from the events,
 * else a running pod unready for longer than {@link READY_GRACE_MS}. Critical when no pod of the
 * deployment is ready (it serves nothing), a warning otherwise.
 */
export const neverReadyRule: DiagnosisRule = {
  name: 'never-ready',
  checks:
    'running pods that do not become ready (readiness probe failures in events)',
  diagnose(evidence) {
    const unready = evidence.runtime.pods.filter(pod => {
      if (pod.ready || pod.phase !== 'Running') return false;
      if (!pod.containers.every(c => c.state === 'running')) return false;
      const failures = podEvents(evidence, pod, ['Unhealthy']);
      const started = pod.startedAt ? Date.parse(pod.startedAt) : NaN;
      return (
        failures.length > 0 || evidence.now.getTime() - started > READY_GRACE_MS
      );
    });
    if (unready.length === 0) return [];
    const pod = unready[0];
    const serving = evidence.runtime.pods.some(p => p.ready);
    const notReady = pod.containers.filter(c => !c.ready).map(c => c.name);
    const { nextStep, history } = rollbackOr(evidence, {
      text: `Find why container ${notReady.join(
        ', ',
      )} fails its readiness probe (the probe's path and port, and what the process waits for) and fix the probe or the process.`,
    });
    return [
      {
        rule: this.name,
        severity: serving ? 'warning' : 'critical',
        summary: `${podCount(
          evidence,
          unready.map(p => p.name),
        )} run but never become ready${
          serving ? '' : '; nothing serves traffic'
        }.`,
        evidence: [
          {
            kind: 'status',
            text: `phase ${
              pod.phase
            }, ready false, containers not ready: ${notReady.join(', ')}`,
            at: pod.startedAt,
            pod: pod.name,
          },
          ...podEvents(evidence, pod, ['Unhealthy']),
          ...history,
        ],
        nextStep,
      },
    ];
  },
};
