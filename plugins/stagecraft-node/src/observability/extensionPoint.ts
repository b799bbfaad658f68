import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  MetricsProvider,
  ObservabilityProviderFactory,
  TracesProvider,
} from './types';

/**
 * Lets a backend module plug its own metrics or traces backend into Stagecraft's observability
 * views and agent actions. A registered `type` is then usable in app-config wherever
 * `stagecraft.observability.metrics` / `.traces` (or an environment's or target's override)
 * names a type; built in are `prometheus` and `jaeger`.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'stagecraft',
 *   moduleId: 'datadog-metrics',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { observability: stagecraftObservabilityExtensionPoint },
 *       async init({ observability }) {
 *         observability.addMetricsProvider('datadog', config => new DatadogMetrics(config));
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export interface StagecraftObservabilityExtensionPoint {
  addMetricsProvider(
    type: string,
    factory: ObservabilityProviderFactory<MetricsProvider>,
  ): void;
  addTracesProvider(
    type: string,
    factory: ObservabilityProviderFactory<TracesProvider>,
  ): void;
}

/** @public */
export const stagecraftObservabilityExtensionPoint =
  createExtensionPoint<StagecraftObservabilityExtensionPoint>({
    id: 'stagecraft.observability',
  });

/**
 * The provider types known to the backend: the built-in ones and those modules registered.
 *
 * @public
 */
export class ObservabilityExtensions
  implements StagecraftObservabilityExtensionPoint
{
  readonly metrics = new Map<
    string,
    ObservabilityProviderFactory<MetricsProvider>
  >();
  readonly traces = new Map<
    string,
    ObservabilityProviderFactory<TracesProvider>
  >();

  addMetricsProvider(
    type: string,
    factory: ObservabilityProviderFactory<MetricsProvider>,
  ): void {
    this.metrics.set(type, factory);
  }

  addTracesProvider(
    type: string,
    factory: ObservabilityProviderFactory<TracesProvider>,
  ): void {
    this.traces.set(type, factory);
  }
}
