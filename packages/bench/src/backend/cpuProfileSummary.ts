/** The parts of a V8 CPU profile (`Profiler.stop`'s answer) that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string };
  }[];
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** Microseconds since the sample before (the first: since the profile's start); one per sample. */
  timeDeltas: number[];
}

/** Time spent in one package (or V8's own work, or Node's built-in modules). */
export interface CpuShare {
  what: string;
  ms: number;
  /** Of the busy time: every sample but `(idle)`. */
  percent: number;
}

export interface CpuProfileSummary {
  totalMs: number;
  busyMs: number;
  byPackage: CpuShare[];
  byFunction: CpuShare[];
}

/**
 * Who owns a function: the package under the last `node_modules/` of its script, a
 * workspace package (`plugins/<name>`, `packages/<name>`), Node's built-in modules, or V8's
 * own entries (`(garbage collector)`, `(program)`).
 */
export function ownerOf(callFrame: { functionName: string; url: string }) {
  const { url, functionName } = callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (built-in modules)';
  const dependency = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return dependency[1];
  const workspace = /\/((?:plugins|packages)\/[^/]+)\//.exec(url);
  return workspace ? workspace[1] : url;
}

/**
 * Self time by package and by function, largest first, as shares of the busy time. A sample's
 * time is the delta to the next sample, as DevTools counts it (the last sample's is left out).
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  top = 12,
): CpuProfileSummary {
  const byId = new Map(profile.nodes.map(node => [node.id, node.callFrame]));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = byId.get(id);
    if (!frame) return;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const owner = ownerOf(frame);
    packages.set(owner, (packages.get(owner) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} (${owner})`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  });
  const busyUs = totalUs - idleUs;
  const shares = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, us]) => ({
        what,
        ms: us / 1000,
        percent: busyUs > 0 ? (100 * us) / busyUs : 0,
      }));
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    byPackage: shares(packages),
    byFunction: shares(functions),
  };
}

/** The summary as the benchmark prints it. */
export function describeCpuProfile(
  summary: CpuProfileSummary,
  phase: string,
): string {
  const lines = (shares: CpuShare[]) =>
    shares
      .map(
        s =>
          `    ${s.percent.toFixed(1).padStart(5)} %  ${(s.ms / 1000)
            .toFixed(2)
            .padStart(6)} s  ${s.what}`,
      )
      .join('\n');
  return (
    `main thread over the ${phase} phase: busy ${(
      summary.busyMs / 1000
    ).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s\n` +
    `  self time by package:\n${lines(summary.byPackage)}\n` +
    `  self time by function:\n${lines(summary.byFunction)}`
  );
}
