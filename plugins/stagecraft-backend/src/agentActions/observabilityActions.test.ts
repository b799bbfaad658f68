import { agentActionsHarness } from './__testUtils__/agentActionsHarness';
import { fakeUsage } from '../observability/__testUtils__/fakeObservability';

const target = {
  componentRef: 'component:default/checkout-api',
  environment: 'staging',
};

describe('observability agent actions', () => {
  it('get-usage reads usage as the invoking caller', async () => {
    const { invoke, observability, credentials } = agentActionsHarness();
    const output = await invoke('get-usage', {
      component: 'checkout-api',
      environment: 'staging',
    });
    expect(observability.getUsage).toHaveBeenCalledWith(target, {
      credentials,
    });
    expect(output).toEqual(fakeUsage);
  });

  it('get-metrics-summary turns series into figures per metric', async () => {
    const { invoke, observability, credentials } = agentActionsHarness();
    const output = await invoke('get-metrics-summary', {
      component: 'component:default/checkout-api',
      environment: 'staging',
      range: '6h',
    });
    expect(observability.getMetrics).toHaveBeenCalledWith(target, '6h', {
      credentials,
    });
    expect(output).toEqual({
      ...target,
      state: 'ok',
      range: '6h',
      metrics: [
        {
          name: 'cpu',
          title: 'CPU',
          unit: 'millicores',
          state: 'ok',
          latest: 300,
          min: 100,
          max: 300,
          avg: 200,
          perPod: [
            { pod: 'checkout-api-7d9f8c6b5-x2x4l', latest: 300, max: 300 },
          ],
          podsTruncated: false,
        },
        {
          name: 'requests',
          title: 'Request rate',
          unit: 'requests-per-second',
          state: 'no-data',
          reason: 'the metrics server has no samples for this component',
        },
      ],
    });
  });

  it('get-error-traces asks for failed traces only, ten by default', async () => {
    const { invoke, observability, credentials } = agentActionsHarness();
    const output = await invoke('get-error-traces', {
      component: 'checkout-api',
      environment: 'staging',
    });
    expect(observability.getTraces).toHaveBeenCalledWith(
      target,
      { limit: 10, errorsOnly: true, lookback: '1h' },
      { credentials },
    );
    expect(output.traces[0]).toMatchObject({
      rootOperation: 'POST /checkout',
      errorCount: 2,
    });
    expect(output.provider).toBeUndefined();
  });

  it('refuse limits beyond 50 and unknown ranges before the service is asked', async () => {
    const { invoke, observability } = agentActionsHarness();
    await expect(
      invoke('get-error-traces', {
        component: 'checkout-api',
        environment: 'staging',
        limit: 500,
      }),
    ).rejects.toThrow();
    await expect(
      invoke('get-metrics-summary', {
        component: 'checkout-api',
        environment: 'staging',
        range: '30d',
      }),
    ).rejects.toThrow();
    expect(observability.getTraces).not.toHaveBeenCalled();
    expect(observability.getMetrics).not.toHaveBeenCalled();
  });
});
