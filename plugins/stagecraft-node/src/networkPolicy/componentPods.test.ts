import { compileEnvironment } from '../compiler/compileEnvironment';
import { loadExampleCatalog } from '../compiler/__fixtures__/exampleCatalog';
import { Manifest } from '../compiler/types';
import { componentPods } from './componentPods';

describe('componentPods', () => {
  const { manifests } = compileEnvironment({
    entities: loadExampleCatalog(),
    environment: 'staging',
  });

  it("finds a component's pods with the labels and ports its policies select", () => {
    const pods = componentPods(manifests, 'checkout-api');
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatchObject({
      workload: 'Deployment/checkout-api',
      namespace: 'payments-staging',
      labels: expect.objectContaining({
        'stagecraft.dev/component': 'checkout-api',
      }),
      containerPorts: [
        { name: 'http-8080', containerPort: 8080, protocol: 'TCP' },
      ],
    });
  });

  it('finds the pod template of a CronJob as well', () => {
    const cronJobs = manifests.filter(m => m.kind === 'CronJob');
    expect(cronJobs.length).toBeGreaterThan(0);
    const component = cronJobs[0].metadata.labels!['stagecraft.dev/component'];
    expect(componentPods(manifests, component).map(p => p.workload)).toEqual([
      `CronJob/${cronJobs[0].metadata.name}`,
    ]);
  });

  it('ignores objects of other components and malformed ports', () => {
    const odd: Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'odd',
        namespace: 'x',
        labels: { 'stagecraft.dev/component': 'odd' },
      },
      spec: {
        containers: [
          {
            name: 'c',
            ports: [{ containerPort: '80' }, { containerPort: 81 }],
          },
        ],
      },
    };
    expect(componentPods([odd], 'checkout-api')).toEqual([]);
    expect(componentPods([odd], 'odd')).toEqual([
      {
        workload: 'Pod/odd',
        namespace: 'x',
        labels: { 'stagecraft.dev/component': 'odd' }, // a bare Pod's own labels
        containerPorts: [{ containerPort: 81 }],
      },
    ]);
  });
});
