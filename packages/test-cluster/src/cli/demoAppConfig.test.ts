import { clusterAppConfig } from './demoAppConfig';

const clusterA = {
  server: 'https://127.0.0.1:40001',
  caFile: '/tmp/a/ca.crt',
  token: 'token-a',
  telemetry: {
    metricsUrl: 'http://127.0.0.1:40011',
    tracesUrl: 'http://127.0.0.1:40012',
    otlpHttpUrl: 'http://127.0.0.1:40013',
  },
};
const clusterB = {
  server: 'https://127.0.0.1:40002',
  caFile: '/tmp/b/ca.crt',
  token: 'token-b',
  telemetry: {
    metricsUrl: 'http://127.0.0.1:40021',
    tracesUrl: 'http://127.0.0.1:40022',
    otlpHttpUrl: 'http://127.0.0.1:40023',
  },
};

describe('clusterAppConfig', () => {
  it('sends dev and staging (target local) to one cluster and production to the other', () => {
    const config = clusterAppConfig(clusterA, clusterB) as any;
    expect(config.stagecraft.targets).toEqual({
      local: {
        type: 'kubernetes',
        url: clusterA.server,
        caFile: clusterA.caFile,
        token: 'token-a',
      },
      production: {
        type: 'kubernetes',
        url: clusterB.server,
        caFile: clusterB.caFile,
        token: 'token-b',
      },
    });
    // Production's metrics from its own cluster; traces of every environment in one Jaeger.
    expect(config.stagecraft.observability).toEqual({
      metrics: { type: 'prometheus', url: clusterA.telemetry.metricsUrl },
      traces: { type: 'jaeger', url: clusterA.telemetry.tracesUrl },
      targets: {
        production: {
          metrics: { type: 'prometheus', url: clusterB.telemetry.metricsUrl },
        },
      },
    });
    expect(
      config.kubernetes.clusterLocatorMethods[0].clusters.map(
        (c: any) => `${c.name} ${c.url}`,
      ),
    ).toEqual([`local ${clusterA.server}`, `production ${clusterB.server}`]);
  });

  it('points both targets at one cluster when there is only one, listing it once for the Kubernetes plugin', () => {
    const config = clusterAppConfig(clusterA) as any;
    expect(config.stagecraft.targets.local).toEqual(
      config.stagecraft.targets.production,
    );
    expect(config.stagecraft.targets.production.url).toBe(clusterA.server);
    expect(config.stagecraft.observability.targets).toBeUndefined();
    expect(config.kubernetes.clusterLocatorMethods[0].clusters).toHaveLength(1);
  });
});
