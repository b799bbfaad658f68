import type { DiagnosisRule } from '../types';

/** Memory use at or above this share of the limit is a kill waiting to happen. */
export const NEAR_LIMIT = 0.9;

const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}Mi`;

/**
 * Containers whose memory use now (metrics API, through the usage service) is close to their
 * limit: the kernel kills them at the limit (see oom-killed). Only when usage is reported.
 */
export const nearMemoryLimitRule: DiagnosisRule = {
  name: 'near-memory-limit',
  checks: `memory use against the limit (at ${Math.round(
    NEAR_LIMIT * 100,
  )}% or more), when the cluster reports usage`,
  diagnose(evidence) {
    // A container already killed for it is oom-killed's finding.
    const killed = new Set(
      evidence.runtime.pods.flatMap(p =>
        p.containers
          .filter(c => c.lastTermination?.reason === 'OOMKilled')
          .map(c => `${p.name}/${c.name}`),
      ),
    );
    const near = (evidence.usage?.pods ?? []).flatMap(pod =>
      pod.containers.flatMap(c => {
        if (killed.has(`${pod.name}/${c.name}`)) return [];
        const used = c.usage?.memoryBytes;
        const limit = c.limits.memoryBytes;
        return used !== undefined && limit && used / limit >= NEAR_LIMIT
          ? [{ pod: pod.name, container: c.name, used, limit }]
          : [];
      }),
    );
    if (near.length === 0) return [];
    const top = near.reduce((a, b) =>
      b.used / b.limit > a.used / a.limit ? b : a,
    );
    const share = Math.round((top.used / top.limit) * 100);
    return [
      {
        rule: this.name,
        severity: 'warning',
        summary: `Container ${
          top.container
        } uses ${share}% of its memory limit (${mebibytes(
          top.used,
        )} of ${mebibytes(top.limit)}).`,
        evidence: near.map(n => ({
          kind: 'usage' as const,
          text: `memory ${mebibytes(n.used)} of limit ${mebibytes(n.limit)}`,
          pod: n.pod,
          container: n.container,
        })),
        nextStep: {
          text: `Raise the memory limit of container ${
            top.container
          } (now ${mebibytes(top.limit)}; observed usage ${mebibytes(
            top.used,
          )}) before it is killed for running out of memory.`,
        },
      },
    ];
  },
};
