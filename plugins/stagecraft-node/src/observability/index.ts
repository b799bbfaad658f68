export type {
  MetricName,
  MetricPoint,
  MetricResult,
  MetricSeries,
  MetricsProvider,
  MetricsRange,
  ObservabilityProviderFactory,
  ObservabilityScope,
  TraceSummary,
  TracesProvider,
  TracesQuery,
} from './types';
export { ObservabilityUnavailableError } from './types';
export {
  ObservabilityExtensions,
  stagecraftObservabilityExtensionPoint,
} from './extensionPoint';
export type { StagecraftObservabilityExtensionPoint } from './extensionPoint';
