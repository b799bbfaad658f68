export {
  describeWithCluster,
  testCluster,
  useTestNamespace,
  TEST_CLUSTER_ENV,
} from './testCluster';
export type { TestClusterHandle } from './testCluster';
