import { traitSpecSchema } from '@stagecraft/plugin-stagecraft-common';
import { Manifest } from '../compiler/types';
import { applyTemplate, ComponentContext } from './applyTemplate';

const component: ComponentContext = {
  name: 'api',
  project: 'shop',
  environment: 'dev',
  namespace: 'shop-dev',
  replicas: 2,
  image: 'registry.example/api:1',
  labels: { 'stagecraft.dev/component': 'api' },
  selector: { 'stagecraft.dev/component': 'api' },
};
const deployment: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop-dev', labels: component.labels },
  spec: {
    selector: { matchLabels: component.selector },
    template: {
      metadata: { labels: component.labels },
      spec: { containers: [{ name: 'main', image: 'x' }] },
    },
  },
};
const policy: Manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'egress-api', namespace: 'shop-dev' },
  spec: { podSelector: {} },
};

const run = (
  spec: unknown,
  parameters: Record<string, unknown> = {},
  manifests: Manifest[] = [deployment, policy],
) =>
  applyTemplate({
    producer: 'trait "t"',
    spec: traitSpecSchema.parse(spec),
    parameters,
    component,
    security: {
      componentRef: 'component:default/api',
      environment: 'dev',
      identity: {
        labels: component.labels,
        endpoints: [],
        serviceAccount: 'api',
      },
      routing: {
        gateways: [],
        ports: { internal: [], public: [] },
        servicePorts: [],
      },
      policy: {
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        securityExceptions: [],
      },
    },
    manifests,
  });

describe('applyTemplate', () => {
  it('creates resources in the component namespace with its labels', () => {
    const result = run({
      creates: [
        {
          id: 'cm',
          template: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: '${component.name}-extra' },
          },
        },
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.manifests[2].metadata).toEqual({
      name: 'api-extra',
      namespace: 'shop-dev',
      labels: { 'stagecraft.dev/component': 'api' },
    });
  });

  it('says when a template ran out of time, the one verdict that depends on the machine', () => {
    const long = `\${string([${Array.from({ length: 500 }, (_, i) => i).join(
      ',',
    )}].all(i, i >= 0))}`;
    const spec = {
      creates: [
        {
          id: 'cm',
          template: { apiVersion: 'v1', kind: 'ConfigMap', data: { ok: long } },
        },
      ],
    };
    expect(run(spec).timedOut).toBeUndefined();
    let now = 0;
    const clock = jest
      .spyOn(performance, 'now')
      .mockImplementation(() => (now += 3_600_000));
    try {
      const result = run(spec);
      expect(result.problems).toEqual([
        expect.stringMatching(/over the time budget of \d+ ms per template$/),
      ]);
      expect(result.timedOut).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });

  it('merges patches into named list items instead of replacing the list', () => {
    const result = run({
      patches: [
        {
          target: { kind: 'Deployment' },
          merge: {
            spec: {
              template: {
                spec: {
                  containers: [
                    {
                      name: 'main',
                      volumeMounts: [{ name: 'data', mountPath: '/d' }],
                    },
                  ],
                },
              },
            },
          },
        },
      ],
    });
    expect((result.manifests[0] as any).spec.template.spec.containers).toEqual([
      {
        name: 'main',
        image: 'x',
        volumeMounts: [{ name: 'data', mountPath: '/d' }],
      },
    ]);
  });

  it('skips parts whose includeWhen is false', () => {
    const result = run({
      creates: [
        {
          id: 'x',
          includeWhen: '${component.replicas > 5}',
          template: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'x' },
          },
        },
      ],
    });
    expect(result.manifests).toHaveLength(2);
  });

  it('validates parameters against the schema, applying defaults', () => {
    const spec = {
      parameters: {
        type: 'object',
        properties: {
          size: { type: 'string', default: '1Gi' },
          count: { type: 'integer' },
        },
        additionalProperties: false,
      },
      creates: [
        {
          id: 'cm',
          template: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'c' },
            data: { size: '${parameters.size}' },
          },
        },
      ],
    };
    expect((run(spec).manifests[2] as any).data).toEqual({ size: '1Gi' });
    expect(run(spec, { count: 'many', colour: 'red' }).problems).toEqual([
      'trait "t": parameters: must NOT have additional properties',
      'trait "t": parameters.count: must be integer',
    ]);
  });

  it.each([
    [
      'emits a forbidden kind',
      {
        creates: [
          {
            id: 'r',
            template: {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'admin' },
            },
          },
        ],
      },
      /trait "t" emits ClusterRole .*: kind ClusterRole is not allowed/,
    ],
    [
      'leaves its namespace',
      {
        creates: [
          {
            id: 'r',
            template: {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'x', namespace: 'kube-system' },
            },
          },
        ],
      },
      /trait "t" emits ConfigMap kube-system\/x outside its namespace shop-dev/,
    ],
    [
      'opens an isolation policy',
      {
        patches: [
          {
            target: { kind: 'NetworkPolicy' },
            merge: { spec: { ingress: [{}] } },
          },
        ],
      },
      /trait "t" adds, drops or changes NetworkPolicies/,
    ],
    [
      'drops the Deployment onto another namespace',
      {
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: { metadata: { namespace: 'other' } },
          },
        ],
      },
      /outside its namespace/,
    ],
  ])(
    'rejects a template that %s, naming it and keeping none of its output',
    (_name, spec, message) => {
      const result = run(spec);
      expect(result.problems.join('\n')).toMatch(message);
      expect(result.manifests).toEqual([deployment, policy]);
    },
  );

  it('blames a step only for what it created or changed, not for what it was given', () => {
    const stray: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'stray',
        namespace: 'elsewhere',
        labels: component.labels,
      },
    };
    const createsOne = {
      creates: [
        {
          id: 'cm',
          template: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'x' },
          },
        },
      ],
    };
    expect(run(createsOne, {}, [deployment, stray]).problems).toEqual([]);
    const patchesIt = {
      patches: [
        { target: { kind: 'ConfigMap' }, merge: { data: { touched: 'yes' } } },
      ],
    };
    expect(run(patchesIt, {}, [deployment, stray]).problems).toEqual([
      'trait "t" emits ConfigMap elsewhere/stray outside its namespace shop-dev',
    ]);
  });

  it('refuses a patch that renames an object onto another of the component', () => {
    const config = (name: string): Manifest => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'shop-dev', labels: component.labels },
    });
    const result = run(
      {
        patches: [
          {
            target: { kind: 'ConfigMap', name: 'b' },
            merge: { metadata: { name: 'a' } },
          },
        ],
      },
      {},
      [config('a'), config('b')],
    );
    expect(result.problems).toEqual([
      'trait "t" emits ConfigMap shop-dev/a, which the component already has; each object of a component needs its own kind and name',
    ]);
  });
});
