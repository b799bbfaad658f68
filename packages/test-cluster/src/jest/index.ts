export {
  describeWithCluster,
  clusterServesMetrics,
  describeWithTelemetry,
  testCluster,
  testTelemetry,
  useTestNamespace,
  TEST_CLUSTER_ENV,
} from './testCluster';
export type { TestClusterHandle } from './testCluster';
