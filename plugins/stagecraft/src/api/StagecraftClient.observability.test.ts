import { StagecraftClient } from './StagecraftClient';

/** A client whose fetch records the URLs it is asked for and answers `body` (or `status`). */
function recordingClient(status = 200, body: unknown = {}) {
  const urls: string[] = [];
  const client = new StagecraftClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/stagecraft' },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, urls };
}

const base = 'http://backend/api/stagecraft/components/default/checkout-api';

describe('StagecraftClient observability routes', () => {
  it('asks for usage, metrics and traces of one deployment by the contract’s paths', async () => {
    const { client, urls } = recordingClient();
    await client.getUsage('component:default/checkout-api', 'dev');
    await client.getMetrics('component:default/checkout-api', 'dev');
    await client.getMetrics('component:default/checkout-api', 'dev', '6h');
    await client.listTraces('component:default/checkout-api', 'dev');
    await client.listTraces('component:default/checkout-api', 'dev', {
      limit: 20,
      errorsOnly: true,
      lookback: '24h',
    });
    await client.listTraces('component:default/checkout-api', 'dev', {
      errorsOnly: false,
    });
    await client.getEnvironmentUsage('staging');
    expect(urls).toEqual([
      `${base}/deployments/dev/usage`,
      `${base}/deployments/dev/metrics`,
      `${base}/deployments/dev/metrics?range=6h`,
      `${base}/deployments/dev/traces`,
      `${base}/deployments/dev/traces?limit=20&errors=true&lookback=24h`,
      `${base}/deployments/dev/traces`,
      'http://backend/api/stagecraft/environments/staging/usage',
    ]);
  });

  it('keeps hostile names inside their path segment', async () => {
    const { client, urls } = recordingClient();
    await client.getUsage('component:default/checkout-api', '../../targets');
    await client.getEnvironmentUsage('dev?x=1#');
    expect(urls).toEqual([
      `${base}/deployments/..%2F..%2Ftargets/usage`,
      'http://backend/api/stagecraft/environments/dev%3Fx%3D1%23/usage',
    ]);
  });

  it('turns a refusal into a ResponseError with the server’s message', async () => {
    const { client } = recordingClient(403, {
      error: { name: 'NotAllowedError', message: 'You may not read it' },
    });
    await expect(
      client.getMetrics('component:default/checkout-api', 'dev'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });
});
