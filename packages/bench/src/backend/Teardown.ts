/**
 * The clean-up steps of a benchmark run, run once, last first, whether the run ends or is
 * interrupted (Ctrl-C, or a kill): the backend outlived an interrupted run before. An interrupt
 * also fails the run's pending requests, so both paths share the one teardown in flight.
 */
export class Teardown {
  private readonly steps: (() => Promise<unknown>)[] = [];
  private running?: Promise<void>;

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Runs the steps last first; a failed step does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse())
        await step().catch(error => console.error('teardown failed:', error));
    })();
    return this.running;
  }

  /** On SIGINT or SIGTERM: run, then exit with 130. */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => this.run().finally(() => process.exit(130)));
  }
}
