import { Manifest } from '../compiler/types';
import { evaluateTraffic } from '../networkPolicy/evaluateTraffic';
import { PodIdentity } from '../networkPolicy/types';

export type { PodIdentity } from '../networkPolicy/types';

/**
 * Whether `from` may open a connection to `to` on `port` under the NetworkPolicies among
 * `manifests`: the yes/no of {@link evaluateTraffic}, which also says which policies and rules
 * decided it. Without the destination's container ports a named port is assumed to match, and
 * an `ipBlock` peer always is: the verdict errs towards "allowed", never the reverse. Used to
 * audit compiled output and the policies a cluster stores.
 *
 * @public
 */
export function isTrafficAllowed(o: {
  manifests: Manifest[];
  from: PodIdentity;
  to: PodIdentity;
  port: number;
  protocol?: 'TCP' | 'UDP';
}): boolean {
  return evaluateTraffic(o).allowed;
}
