import { emitTraces, TracedComponent } from '../telemetry/traceGenerator';

/** Components of the example organisation (catalog-info/) that serve requests, and whom they call. */
const EXAMPLE_CALLS: [TracedComponent, TracedComponent][] = [
  ['checkout-api', 'payments', 'auth-service', 'identity'],
  ['orders-api', 'fulfilment', 'checkout-api', 'payments'],
  ['storefront-web', 'storefront', 'product-catalog', 'storefront'],
].flatMap(([name, project, callee, calleeProject]) =>
  ['dev', 'staging', 'production'].map(
    environment =>
      [
        { name, project, environment },
        { name: callee, project: calleeProject, environment },
      ] as [TracedComponent, TracedComponent],
  ),
);

/** Seconds between two rounds of traces. */
const INTERVAL_SECONDS = 15;

/**
 * `test-cluster emit-traces <otlp-http-url>`: what `cluster:up` runs in the background (and
 * `cluster:down` stops) so the demo's Traces view has recent traces — every 15 s, two traces
 * per example component and environment, one in ten failing. Send errors are printed to the
 * process log and the loop goes on: Jaeger may be restarting.
 */
export async function emitDemoTraces(otlpHttpUrl: string): Promise<never> {
  let round = 0;
  for (;;) {
    for (const [component, downstream] of EXAMPLE_CALLS) {
      await emitTraces(otlpHttpUrl, component, {
        traces: 2,
        downstream,
        errorEvery: round % 5 === 0 ? 2 : 0,
      }).catch(error =>
        console.error(`emit-traces: ${(error as Error).message}`),
      );
    }
    round++;
    await new Promise(resolve => setTimeout(resolve, INTERVAL_SECONDS * 1000));
  }
}
