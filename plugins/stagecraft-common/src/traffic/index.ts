export { isDependencyPermitted } from './dependencyPermitted';
export { gatewayAudiences, gatewaysRoutingTo, isHttpLike } from './gateways';
export type { Gateway, GatewayAudience } from './gateways';
