import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { diffAgainstLive, formatPath } from './liveDiff';

const deployment = (spec: Record<string, unknown>): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop-dev' },
  spec,
});

const container = (fields: Record<string, unknown>) => ({
  spec: { template: { spec: { containers: [{ name: 'main', ...fields }] } } },
});

describe('diffAgainstLive', () => {
  it('finds nothing when live has every field we set, plus defaults, status and metadata of its own', () => {
    const desired: Manifest = {
      ...deployment({ replicas: 2, ...container({ image: 'api:1' }).spec }),
      metadata: {
        name: 'api',
        namespace: 'shop-dev',
        labels: { 'app.kubernetes.io/name': 'api' },
        annotations: { 'stagecraft.dev/config-hash': 'abc' },
      },
    };
    const live = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop-dev',
        uid: '42',
        resourceVersion: '7',
        labels: { 'app.kubernetes.io/name': 'api', team: 'shop' },
        annotations: {
          'stagecraft.dev/config-hash': 'abc',
          'deployment.kubernetes.io/revision': '3',
        },
        managedFields: [{ manager: 'stagecraft', operation: 'Apply' }],
      },
      spec: {
        replicas: 2,
        revisionHistoryLimit: 10,
        template: {
          spec: {
            containers: [
              {
                name: 'main',
                image: 'api:1',
                imagePullPolicy: 'IfNotPresent',
                terminationMessagePath: '/dev/termination-log',
              },
            ],
            restartPolicy: 'Always',
          },
        },
      },
      status: { readyReplicas: 2 },
    };
    expect(diffAgainstLive(desired, live)).toEqual([]);
  });

  it('reports a changed field with its path and both values', () => {
    expect(
      diffAgainstLive(deployment({ replicas: 2 }), {
        ...deployment({ replicas: 5 }),
      }),
    ).toEqual([{ path: 'spec.replicas', desired: 2, live: 5 }]);
  });

  it('reports a field missing from live without a live value', () => {
    const diffs = diffAgainstLive(deployment({ paused: true }), deployment({}));
    expect(diffs).toEqual([{ path: 'spec.paused', desired: true }]);
    expect(diffs[0]).not.toHaveProperty('live');
  });

  it('reports every differing field, not only the first', () => {
    expect(
      diffAgainstLive(
        deployment({ replicas: 2, minReadySeconds: 5 }),
        deployment({ replicas: 3, minReadySeconds: 0 }),
      ),
    ).toEqual([
      { path: 'spec.replicas', desired: 2, live: 3 },
      { path: 'spec.minReadySeconds', desired: 5, live: 0 },
    ]);
  });

  it('names array elements by index', () => {
    expect(
      diffAgainstLive(
        deployment(container({ image: 'api:2' }).spec),
        deployment(
          container({ image: 'api:1', imagePullPolicy: 'Always' }).spec,
        ),
      ),
    ).toEqual([
      {
        path: 'spec.template.spec.containers[0].image',
        desired: 'api:2',
        live: 'api:1',
      },
    ]);
  });

  it('brackets keys that are not identifiers', () => {
    const desired = deployment({});
    desired.metadata.labels = { 'app.kubernetes.io/name': 'api' };
    const live = deployment({});
    live.metadata.labels = { 'app.kubernetes.io/name': 'web' };
    expect(diffAgainstLive(desired, live)).toEqual([
      {
        path: 'metadata.labels["app.kubernetes.io/name"]',
        desired: 'api',
        live: 'web',
      },
    ]);
  });

  it('reports an array of another length as one difference with both arrays', () => {
    expect(
      diffAgainstLive(
        deployment({ args: ['--port', '8080'] }),
        deployment({ args: ['--port', '8080', '--debug'] }),
      ),
    ).toEqual([
      {
        path: 'spec.args',
        desired: ['--port', '8080'],
        live: ['--port', '8080', '--debug'],
      },
    ]);
  });

  it('compares arrays by position, so a reordering is a difference', () => {
    expect(
      diffAgainstLive(
        deployment({ policyTypes: ['Ingress', 'Egress'] }),
        deployment({ policyTypes: ['Egress', 'Ingress'] }),
      ),
    ).toEqual([
      { path: 'spec.policyTypes[0]', desired: 'Ingress', live: 'Egress' },
      { path: 'spec.policyTypes[1]', desired: 'Egress', live: 'Ingress' },
    ]);
  });

  it('treats an empty map or array the server left out as equal', () => {
    expect(
      diffAgainstLive(
        deployment({
          ingress: [],
          podSelector: {},
          selector: { matchLabels: {} },
        }),
        deployment({ selector: {} }),
      ),
    ).toEqual([]);
    expect(
      diffAgainstLive(
        deployment({ ingress: [] }),
        deployment({ ingress: null }),
      ),
    ).toEqual([]);
  });

  it('still reports an empty array whose live counterpart has elements', () => {
    expect(
      diffAgainstLive(
        deployment({ ingress: [] }),
        deployment({ ingress: [{ from: [] }] }),
      ),
    ).toEqual([{ path: 'spec.ingress', desired: [], live: [{ from: [] }] }]);
  });

  it('reports a whole subtree once when live lacks it', () => {
    expect(
      diffAgainstLive(
        deployment({ strategy: { type: 'Recreate' } }),
        deployment({}),
      ),
    ).toEqual([{ path: 'spec.strategy', desired: { type: 'Recreate' } }]);
  });

  it('reports a value of another shape', () => {
    expect(
      diffAgainstLive(
        deployment({ selector: { app: 'api' }, args: ['a'] }),
        deployment({ selector: 'app=api', args: { 0: 'a' } }),
      ),
    ).toEqual([
      { path: 'spec.selector', desired: { app: 'api' }, live: 'app=api' },
      { path: 'spec.args', desired: ['a'], live: { 0: 'a' } },
    ]);
  });

  it('ignores fields desired leaves undefined and nulls live does not have', () => {
    expect(
      diffAgainstLive(
        deployment({ replicas: undefined, paused: null }),
        deployment({ replicas: 3 }),
      ),
    ).toEqual([]);
  });

  it('never compares status', () => {
    expect(
      diffAgainstLive({ ...deployment({}), status: { readyReplicas: 3 } }, {
        ...deployment({}),
        status: { readyReplicas: 0 },
      } as KubernetesObject),
    ).toEqual([]);
  });

  it('accepts the canonical spelling of the quantities we set', () => {
    const resources = (r: Record<string, unknown>) =>
      deployment(container({ resources: r }).spec);
    expect(
      diffAgainstLive(
        resources({
          requests: { cpu: 0.5, memory: '1073741824' },
          limits: { cpu: 1, memory: '1024Mi', 'ephemeral-storage': '1e9' },
        }),
        resources({
          requests: { cpu: '500m', memory: '1Gi' },
          limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1G' },
        }),
      ),
    ).toEqual([]);
  });

  it('accepts quantities of a ResourceQuota and an emptyDir size limit', () => {
    const quota = (hard: Record<string, unknown>): Manifest => ({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q' },
      spec: { hard },
    });
    expect(
      diffAgainstLive(
        quota({ pods: 10, 'requests.cpu': '2000m' }),
        quota({ pods: '10', 'requests.cpu': '2' }),
      ),
    ).toEqual([]);
    expect(
      diffAgainstLive(
        deployment({ volumes: [{ emptyDir: { sizeLimit: '0.5Gi' } }] }),
        deployment({ volumes: [{ emptyDir: { sizeLimit: '512Mi' } }] }),
      ),
    ).toEqual([]);
  });

  it('reports a different quantity in the spellings used on each side', () => {
    expect(
      diffAgainstLive(
        deployment(
          container({ resources: { limits: { memory: '1Gi' } } }).spec,
        ),
        deployment(container({ resources: { limits: { memory: '1G' } } }).spec),
      ),
    ).toEqual([
      {
        path: 'spec.template.spec.containers[0].resources.limits.memory',
        desired: '1Gi',
        live: '1G',
      },
    ]);
  });

  it('keeps numbers and numeric strings apart outside quantities', () => {
    expect(
      diffAgainstLive(
        deployment({
          replicas: 1,
          template: { metadata: { annotations: { v: '1' } } },
        }),
        deployment({
          replicas: '1',
          template: { metadata: { annotations: { v: 1 } } },
        }),
      ),
    ).toEqual([
      { path: 'spec.replicas', desired: 1, live: '1' },
      { path: 'spec.template.metadata.annotations.v', desired: '1', live: 1 },
    ]);
  });
});

describe('formatPath', () => {
  it('joins identifiers with dots, indices and other keys in brackets', () => {
    expect(formatPath(['spec', 'containers', 0, 'image'])).toBe(
      'spec.containers[0].image',
    );
    expect(formatPath(['data', 'config-hash'])).toBe('data["config-hash"]');
    expect(formatPath(['metadata', 'labels', 'a.b/c'])).toBe(
      'metadata.labels["a.b/c"]',
    );
    expect(formatPath(['weird key', 'x'])).toBe('["weird key"].x');
  });
});
