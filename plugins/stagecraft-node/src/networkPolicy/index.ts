export { evaluateTraffic } from './evaluateTraffic';
export { componentPods } from './componentPods';
export type { ComponentPod } from './componentPods';
export { selectorMatches } from './labelSelector';
export type { LabelSelector } from './labelSelector';
export type {
  AdmittingRule,
  ContainerPort,
  DestinationPod,
  DirectionVerdict,
  PodIdentity,
  PolicyRef,
  TrafficProtocol,
  TrafficQuery,
  TrafficVerdict,
} from './types';
