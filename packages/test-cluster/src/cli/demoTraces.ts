import { emitTraces, TracedComponent } from '../telemetry/traceGenerator';

/**
 * Calls of the example organisation (catalog-info/systems/) as its catalog declares them
 * (`dependsOn` an Endpoint of the callee): [caller, its project, callee, its project]. Only
 * declared calls, so the Traces tab never shows traffic that the NetworkPolicies Stagecraft
 * renders would deny (`demoTraces.test.ts` checks them against the catalog).
 */
export const EXAMPLE_CALLS: [string, string, string, string][] = [
  ['checkout-api', 'payments', 'payment-ledger', 'payments'],
  ['storefront-web', 'storefront', 'checkout-api', 'payments'],
  ['warehouse-sync', 'fulfilment', 'orders-api', 'fulfilment'],
];

/** Each call in each environment of the example pipeline. */
const TRACED_CALLS: [TracedComponent, TracedComponent][] =
  EXAMPLE_CALLS.flatMap(([name, project, callee, calleeProject]) =>
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
 * per declared call and environment, one in ten failing. Send errors are printed to the
 * process log and the loop goes on: Jaeger may be restarting.
 */
export async function emitDemoTraces(otlpHttpUrl: string): Promise<never> {
  let round = 0;
  for (;;) {
    for (const [component, downstream] of TRACED_CALLS) {
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
