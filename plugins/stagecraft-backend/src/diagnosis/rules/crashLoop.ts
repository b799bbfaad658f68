import { exitCodeMeaning } from '../exitCodes';
import { rollbackOr } from '../lastGoodRelease';
import {
  containersOf,
  containerStatusEvidence,
  logEvidence,
  podCount,
  podEvents,
} from '../podEvidence';
import type { DiagnosisRule } from '../types';

/** Waiting reasons of a container whose process keeps ending. */
const CRASHING = new Set(['CrashLoopBackOff', 'Error', 'RunContainerError']);

/**
 * A container that keeps exiting (CrashLoopBackOff), for any reason but running out of memory
 * (oomKilled.ts says what to do about that): its exit code, its last log lines, and a rollback
 * to the last good release when history has one.
 */
export const crashLoopRule: DiagnosisRule = {
  name: 'crash-loop',
  checks:
    'containers restarting in a loop (CrashLoopBackOff), exit codes and their last log lines',
  diagnose(evidence) {
    const crashing = containersOf(evidence).filter(
      ({ container }) =>
        container.state !== 'running' &&
        CRASHING.has(
          container.stateReason ?? container.lastTermination?.reason ?? '',
        ) &&
        container.lastTermination?.reason !== 'OOMKilled',
    );
    if (crashing.length === 0) return [];
    const first = crashing[0];
    const exitCode = first.container.lastTermination?.exitCode;
    const { nextStep, history } = rollbackOr(evidence, {
      text: `Fix the process of container ${
        first.container.name
      }: ${exitCodeMeaning(
        exitCode,
      )}. No earlier release ran here, so there is nothing to roll back to.`,
    });
    return [
      {
        rule: this.name,
        severity: 'critical',
        summary: `Container ${first.container.name} keeps crashing (${
          first.container.stateReason ?? 'restarting'
        }, exit code ${exitCode ?? 'unknown'}) in ${podCount(
          evidence,
          crashing.map(c => c.pod.name),
        )}.`,
        evidence: [
          ...containerStatusEvidence(first.pod, first.container),
          ...podEvents(evidence, first.pod, ['BackOff']),
          ...logEvidence(evidence, first.pod, first.container),
          ...history,
        ],
        nextStep,
      },
    ];
  },
};
