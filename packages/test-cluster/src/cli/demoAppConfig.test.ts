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

  it("points the demo's shortcuts at the local VictoriaMetrics and Jaeger, with only known placeholders", () => {
    const config = clusterAppConfig(clusterA, clusterB) as any;
    const links = config.stagecraft.links as { title: string; url: string }[];
    expect(links.map(l => l.title)).toEqual([
      'Memory in VictoriaMetrics',
      'Jaeger traces',
    ]);
    for (const link of links) {
      // What readLinkTemplates accepts: {project} {component} {environment} {namespace} only.
      expect(
        [...link.url.matchAll(/\{([^{}]*)\}/g)].map(m => m[1]).sort(),
      ).toEqual(
        link.title === 'Jaeger traces'
          ? ['component', 'namespace']
          : ['component', 'namespace', 'project'],
      );
    }
    // Filled in as the backend fills them (URL-encoded values), each URL asks the local
    // servers for this component's data only.
    const fill = (url: string) =>
      url
        .replace('{namespace}', 'payments-dev')
        .replace('{project}', 'payments')
        .replace('{component}', 'checkout-api');
    const vmui = new URL(fill(links[0].url));
    expect(vmui.origin).toBe(clusterA.telemetry.metricsUrl);
    expect(decodeURIComponent(vmui.hash)).toContain(
      'kube_pod_labels{label_stagecraft_dev_project="payments", label_stagecraft_dev_component="checkout-api"}',
    );
    const jaeger = new URL(fill(links[1].url));
    expect(jaeger.origin).toBe(clusterA.telemetry.tracesUrl);
    expect(jaeger.pathname).toBe('/search');
    expect(jaeger.searchParams.get('service')).toBe('checkout-api');
    expect(JSON.parse(jaeger.searchParams.get('tags')!)).toEqual({
      'k8s.namespace.name': 'payments-dev',
    });
  });

  it('leaves the shortcuts of app-config.yaml alone without telemetry servers', () => {
    const { telemetry: _, ...bare } = clusterA;
    expect((clusterAppConfig(bare) as any).stagecraft.links).toBeUndefined();
  });
});
