import { Manifest } from '../../types';
import { checkSecurity } from '../checkSecurity';
import { SecurityScope } from '../exceptions';
import { JsonMap } from '../podSpecs';
import { IDENTITY } from './workloads';

/** A component no gateway routes to, in an Environment without gateways. */
export const NO_ROUTES: SecurityScope['routing'] = {
  gateways: [],
  ports: { internal: [], public: [] },
  servicePorts: [],
};

/** The scope of component `api` in Environment `dev`, with the policy's defaults. */
export const scope = (
  policy: Partial<SecurityScope['policy']> = {},
  endpoints: string[] = [],
  routing: SecurityScope['routing'] = NO_ROUTES,
): SecurityScope => ({
  componentRef: 'component:default/api',
  environment: 'dev',
  identity: { labels: IDENTITY, endpoints, serviceAccount: 'api' },
  routing,
  policy: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    securityExceptions: [],
    ...policy,
  },
});

/**
 * The violations `trait "t"` would be blamed for, had it produced `object` beside `others`
 * (the rest of the component's output, unchanged).
 */
export const check = (object: JsonMap, s = scope(), others: Manifest[] = []) =>
  checkSecurity({
    before: others,
    after: [...others, object as Manifest],
    replaced: [],
    changed: [object as Manifest],
    scope: s,
    producer: 'trait "t"',
  });
