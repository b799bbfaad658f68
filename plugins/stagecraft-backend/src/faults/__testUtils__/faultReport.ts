/**
 * What a fault-injection test prints (issue 18): the fault, what was checked afterwards and how
 * long the system took to converge. Printed, never asserted: times depend on the machine.
 */
export function printFaultReport(report: {
  fault: string;
  checked: string[];
  /** From the fault's end (the process back) to the converged state; or say what it measures. */
  converged: { ms: number; from: string };
  /** Other figures worth a line, e.g. the lease takeover. */
  figures?: Record<string, string>;
}): void {
  const lines = [
    `FAULT ${report.fault}`,
    ...report.checked.map(c => `  checked: ${c}`),
    `  converged in ${(report.converged.ms / 1000).toFixed(1)} s (from ${
      report.converged.from
    })`,
    ...Object.entries(report.figures ?? {}).map(([k, v]) => `  ${k}: ${v}`),
  ];
  // eslint-disable-next-line no-console
  console.log(lines.join('\n'));
}
