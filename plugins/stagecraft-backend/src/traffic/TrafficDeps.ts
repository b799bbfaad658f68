import type { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import type { ServiceDeps } from '../actions/ServiceDeps';

/** What the traffic questions read: deployments, the catalog, permissions, and what compiles. */
export type TrafficDeps = Pick<
  ServiceDeps,
  'store' | 'catalog' | 'permissions'
> & {
  /** The component types, traits and policies the reconciler compiles with. */
  extensions?: CompilerExtensions;
};
