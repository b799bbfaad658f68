import { ConfigReader } from '@backstage/config';
import {
  MetricsProvider,
  ObservabilityExtensions,
} from '@stagecraft/plugin-stagecraft-node';
import { builtInObservabilityProviders } from './builtInProviders';
import { ObservabilityProviders } from './providerConfig';

const providers = (
  observability: object,
  extensions = builtInObservabilityProviders(),
) =>
  ObservabilityProviders.fromConfig(
    new ConfigReader({ stagecraft: { observability } }),
    extensions,
  );

describe('ObservabilityProviders', () => {
  it('says "not configured" with the key to set when there is no provider', () => {
    const none = ObservabilityProviders.fromConfig(
      new ConfigReader({}),
      builtInObservabilityProviders(),
    );
    expect(none.metricsFor('staging')).toEqual({
      state: 'not-configured',
      reason:
        'no metrics provider is configured (stagecraft.observability.metrics)',
    });
    expect(none.tracesFor('staging').state).toBe('not-configured');
  });

  it('prefers the environment, then the target, then the default', () => {
    const resolved = providers({
      metrics: { url: 'http://127.0.0.1:1' },
      targets: { edge: { metrics: { url: 'http://127.0.0.1:2' } } },
      environments: { production: { metrics: { type: 'none' } } },
    });
    const def = resolved.metricsFor('staging', 'local');
    const edge = resolved.metricsFor('staging', 'edge');
    expect(def.state).toBe('ok');
    expect(edge.state).toBe('ok');
    expect(edge).not.toEqual(def);
    expect(resolved.metricsFor('production', 'edge')).toEqual({
      state: 'not-configured',
      reason:
        'turned off by stagecraft.observability.environments.production.metrics',
    });
  });

  it('uses a type a module registered', () => {
    const extensions = builtInObservabilityProviders();
    const custom: MetricsProvider = { queryRange: async () => [] };
    extensions.addMetricsProvider('datadog', () => custom);
    const resolved = providers({ metrics: { type: 'datadog' } }, extensions);
    expect(resolved.metricsFor('staging')).toEqual({
      state: 'ok',
      type: 'datadog',
      provider: custom,
    });
  });

  it('stops start-up on an unknown type, a non-http URL or credentials in the URL', () => {
    expect(() =>
      providers({ traces: { type: 'zipkin', url: 'http://x' } }),
    ).toThrow(
      'stagecraft.observability.traces.type "zipkin" is not a known provider (known: jaeger, none)',
    );
    expect(() => providers({ metrics: { url: 'file:///etc/passwd' } })).toThrow(
      /url must be an http or https URL/,
    );
    expect(() =>
      providers({ metrics: { url: 'https://user:pw@prom.example.com' } }),
    ).toThrow(/must not carry credentials/);
    expect(() =>
      providers(
        { metrics: { url: 'http://x' } },
        new ObservabilityExtensions(),
      ),
    ).toThrow(/not a known provider/);
  });
});
