/**
 * Starts a real local Kubernetes control plane for tests and the demo.
 *
 * @packageDocumentation
 */

export { startLocalCluster } from './control-plane/startLocalCluster';
export { installAddons } from './control-plane/installAddons';
export {
  ETCD,
  killClusterProcess,
  relaunchClusterProcess,
} from './control-plane/processFaults';
export {
  startClusterProcesses,
  stopClusterProcesses,
} from './control-plane/clusterOutage';
export { clusterAppConfig } from './cli/demoAppConfig';
export type {
  ClusterMode,
  LocalCluster,
  StartLocalClusterOptions,
} from './control-plane/startLocalCluster';
export {
  BinariesUnavailableError,
  findRepoRoot,
  locateBinaries,
} from './control-plane/binaries';
export type { ControlPlaneBinaries } from './control-plane/binaries';
export { kubeconfigYaml, toKubeConfig } from './control-plane/kubeconfig';
export type { ClusterAccess } from './control-plane/kubeconfig';
export { ROLLOUT_TEST_ANNOTATIONS } from './control-plane/rolloutStages';
export {
  FAILURE_TEST_ANNOTATIONS,
  MISSING_IMAGE_TAG,
} from './control-plane/failureStages';
export type { TestFailure } from './control-plane/failureStages';
export { LoopbackProxy } from './network/LoopbackProxy';
export { fakeNodeName } from './control-plane/startControllers';
export { default as clusterGlobalSetup } from './jest/globalSetup';
export { default as clusterGlobalTeardown } from './jest/globalTeardown';
export {
  describeWithCluster,
  clusterServesMetrics,
  describeWithTelemetry,
  testCluster,
  testTelemetry,
  useTestNamespace,
  TEST_CLUSTER_ENV,
} from './jest';
export type { TelemetryEndpoints } from './control-plane/startTelemetry';
export { locateTelemetryBinaries } from './control-plane/telemetryBinaries';
export type { TelemetryBinaries } from './control-plane/telemetryBinaries';
export { USAGE_TEST_ANNOTATIONS } from './telemetry/kwokUsage';
export { emitTraces } from './telemetry/traceGenerator';
export { usageDeployment } from './telemetry/usageWorkload';
export type {
  EmitTracesOptions,
  EmittedTraces,
  TracedComponent,
} from './telemetry/traceGenerator';
export type { TestClusterHandle } from './jest';
export { eventually } from './eventually';
