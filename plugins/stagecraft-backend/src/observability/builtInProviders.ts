import { ObservabilityExtensions } from '@stagecraft/plugin-stagecraft-node';
import { JaegerTracesProvider } from './JaegerTracesProvider';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';

/** The provider types Stagecraft ships: `prometheus` for metrics, `jaeger` for traces. */
export function builtInObservabilityProviders(): ObservabilityExtensions {
  const extensions = new ObservabilityExtensions();
  extensions.addMetricsProvider('prometheus', config =>
    PrometheusMetricsProvider.fromConfig(config),
  );
  extensions.addTracesProvider('jaeger', config =>
    JaegerTracesProvider.fromConfig(config),
  );
  return extensions;
}
