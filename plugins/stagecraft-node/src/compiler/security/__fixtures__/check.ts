import { checkSecurity } from '../checkSecurity';
import { SecurityScope } from '../exceptions';
import { JsonMap } from '../podSpecs';
import { IDENTITY } from './workloads';

/** The scope of component `api` in Environment `dev`, with the policy's defaults. */
export const scope = (
  policy: Partial<SecurityScope['policy']> = {},
  endpoints: string[] = [],
): SecurityScope => ({
  componentRef: 'component:default/api',
  environment: 'dev',
  identity: { labels: IDENTITY, endpoints, serviceAccount: 'api' },
  policy: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    securityExceptions: [],
    ...policy,
  },
});

/** The violations `trait "t"` would be blamed for, had it produced `object`. */
export const check = (object: JsonMap, s = scope()) =>
  checkSecurity({
    replaced: [],
    changed: [object as never],
    scope: s,
    producer: 'trait "t"',
  });
