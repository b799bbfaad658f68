import { securityPrivilegeSchema } from '@stagecraft/plugin-stagecraft-common';
import { check, scope } from './__fixtures__/check';
import { hardenedPodSpec, WORKLOADS } from './__fixtures__/workloads';
import { JsonMap } from './podSpecs';

const COMPONENT = 'stagecraft.dev/component';
/** Where the pod template's metadata sits: `spec.template.metadata`, a Pod's own `metadata`. */
const metadataOf = (podPath: string) =>
  podPath.replace(/\.?spec$/, '')
    ? `${podPath.replace(/\.spec$/, '')}.metadata`
    : 'metadata';
/** Follows a dotted path in a rendered object. */
const at = (object: JsonMap, path: string): any =>
  path.split('.').reduce((value: any, field) => value[field], object);

const rendered = (w: (typeof WORKLOADS)[number]) =>
  w.object(hardenedPodSpec()) as JsonMap;

describe('identity labels on pods and selectors', () => {
  describe.each(WORKLOADS.map(w => [w.kind, w]))('in a %s', (kind, w) => {
    const metadata = metadataOf(w.podPath);

    it("refuses pods labelled as another component's", () => {
      const object = rendered(w);
      at(object, metadata).labels[COMPONENT] = 'other';
      expect(check(object)).toEqual([
        expect.stringContaining(
          `trait "t" loosens security in ${kind} shop-dev/api: ${metadata}.labels["${COMPONENT}"] is other, not api; `,
        ),
      ]);
    });

    it('refuses pods without the identity labels, in one message', () => {
      const object = rendered(w);
      at(object, metadata).labels = { app: 'api' };
      expect(check(object)).toEqual([
        expect.stringContaining(
          `${metadata}.labels lacks app.kubernetes.io/managed-by: stagecraft, stagecraft.dev/project: shop, stagecraft.dev/environment: dev, stagecraft.dev/component: api, backstage.io/kubernetes-id: api (`,
        ),
      ]);
    });

    it('refuses a label under stagecraft.dev/ the compiler does not set', () => {
      const object = rendered(w);
      at(object, metadata).labels['stagecraft.dev/gateway'] = 'internal';
      expect(check(object)).toEqual([
        expect.stringContaining(
          `${metadata}.labels["stagecraft.dev/gateway"] is reserved for Stagecraft`,
        ),
      ]);
    });

    it("allows labels of the template's own, and an endpoint label naming the component's endpoint", () => {
      const object = rendered(w);
      Object.assign(at(object, metadata).labels, {
        app: 'api',
        constructor: 'x',
        'stagecraft.dev/endpoint': 'api-http',
      });
      expect(check(object, scope({}, ['api-http']))).toEqual([]);
      expect(check(object)).toEqual([
        expect.stringContaining(
          `${metadata}.labels["stagecraft.dev/endpoint"] is api-http, not an endpoint the component serves (none)`,
        ),
      ]);
    });

    it("refuses pods running as another component's ServiceAccount, and allows its own", () => {
      const other = rendered(w);
      at(other, w.podPath).serviceAccountName = 'ledger';
      at(other, w.podPath).serviceAccount = 'ledger';
      expect(check(other)).toEqual([
        expect.stringContaining(
          `${kind} shop-dev/api: ${w.podPath}.serviceAccountName is ledger, not api;`,
        ),
        expect.stringContaining(
          `${kind} shop-dev/api: ${w.podPath}.serviceAccount is ledger, not api;`,
        ),
      ]);
      const own = rendered(w);
      at(own, w.podPath).serviceAccountName = 'api';
      expect(check(own)).toEqual([]);
    });

    if (w.selectorPath) {
      it("refuses a selector that picks another component's pods, or drops the component", () => {
        const other = rendered(w);
        at(other, w.selectorPath!).matchLabels[COMPONENT] = 'other';
        expect(check(other)).toEqual([
          expect.stringContaining(
            `${kind} shop-dev/api: ${w.selectorPath}.matchLabels["${COMPONENT}"] is other, not api`,
          ),
        ]);
        const dropped = rendered(w);
        at(dropped, w.selectorPath!).matchLabels = { app: 'api' };
        expect(check(dropped)).toEqual([
          expect.stringContaining(
            `${w.selectorPath}.matchLabels lacks stagecraft.dev/component: api`,
          ),
        ]);
      });

      it('allows a selector narrowed by a label of its own', () => {
        const object = rendered(w);
        at(object, w.selectorPath!).matchLabels.app = 'api';
        expect(check(object)).toEqual([]);
      });
    }
  });

  it("refuses an object's own labels changed or removed, and a CronJob's job template relabelled", () => {
    const cronJob = rendered(WORKLOADS.find(w => w.kind === 'CronJob')!);
    at(cronJob, 'metadata').labels['stagecraft.dev/project'] = 'payments';
    at(cronJob, 'spec.jobTemplate.metadata').labels[COMPONENT] = 'other';
    expect(check(cronJob)).toEqual([
      expect.stringContaining(
        'metadata.labels["stagecraft.dev/project"] is payments, not shop',
      ),
      expect.stringContaining(
        `spec.jobTemplate.metadata.labels["${COMPONENT}"] is other, not api`,
      ),
    ]);
    const bare = { ...rendered(WORKLOADS[0]), metadata: { name: 'api' } };
    expect(
      check({ ...bare, metadata: { ...bare.metadata, namespace: 'shop-dev' } }),
    ).toEqual([
      expect.stringContaining(
        'metadata.labels lacks app.kubernetes.io/managed-by',
      ),
    ]);
  });

  it('is not waived by any Environment exception', () => {
    const object = rendered(WORKLOADS[0]);
    at(object, 'spec.template.metadata').labels[COMPONENT] = 'other';
    const everything = scope({
      runAsNonRoot: false,
      readOnlyRootFilesystem: false,
      securityExceptions: [
        { allow: [...securityPrivilegeSchema.options], reason: 'all' },
      ],
    });
    expect(check(object, everything)).toEqual([
      expect.stringMatching(/is other, not api; .*\. No exception allows it/),
    ]);
  });
});

describe('pod selectors of Services and disruption budgets', () => {
  const labels = { ...at(rendered(WORKLOADS[0]), 'metadata').labels };
  const object = (kind: string, spec: JsonMap) => ({
    apiVersion: kind === 'Service' ? 'v1' : 'policy/v1',
    kind,
    metadata: { name: 'api', namespace: 'shop-dev', labels },
    spec,
  });

  it.each([
    [
      'Service',
      { selector: { [COMPONENT]: 'other' } },
      `spec.selector["${COMPONENT}"] is other, not api`,
    ],
    [
      'Service',
      { selector: { app: 'api' } },
      'spec.selector lacks stagecraft.dev/component: api',
    ],
    // policy/v1: an empty selector selects every pod of the namespace.
    [
      'PodDisruptionBudget',
      { selector: {} },
      'spec.selector.matchLabels lacks stagecraft.dev/component: api',
    ],
    [
      'PodDisruptionBudget',
      { selector: { matchLabels: { [COMPONENT]: 'other' } } },
      `spec.selector.matchLabels["${COMPONENT}"] is other, not api`,
    ],
  ])('refuses a %s selecting other pods (%j)', (kind, spec, field) => {
    expect(check(object(kind, spec))).toEqual([
      expect.stringContaining(`${kind} shop-dev/api: ${field}`),
    ]);
  });

  it.each([
    ['Service', { selector: { [COMPONENT]: 'api', app: 'api' } }],
    ['Service', {}],
    ['Service', { selector: {} }],
    [
      'PodDisruptionBudget',
      { selector: { matchLabels: { [COMPONENT]: 'api' } } },
    ],
    ['PodDisruptionBudget', {}],
  ])(
    "allows a %s selecting the component's pods or none (%j)",
    (kind, spec) => {
      expect(check(object(kind, spec))).toEqual([]);
    },
  );
});
