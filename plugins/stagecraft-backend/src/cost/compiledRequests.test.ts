import { compiledRequests, quantityIn } from './compiledRequests';

describe('quantityIn', () => {
  it('converts Kubernetes quantities exactly, half up', () => {
    expect(quantityIn('250m', 1000n)).toBe(250);
    expect(quantityIn('0.5', 1000n)).toBe(500);
    expect(quantityIn(2, 1000n)).toBe(2000);
    expect(quantityIn('1.5Gi', 1n)).toBe(1.5 * 1024 ** 3);
    expect(quantityIn('64Mi', 1n)).toBe(64 * 1024 ** 2);
    expect(quantityIn('1e3', 1n)).toBe(1000);
    expect(quantityIn('0.0005', 1000n)).toBe(1); // 0.5m → 1m, half up
  });

  it('refuses what is no quantity, negative or absurd', () => {
    expect(quantityIn('ten', 1n)).toBeUndefined();
    expect(quantityIn('-1', 1000n)).toBeUndefined();
    expect(quantityIn('1e60', 1n)).toBeUndefined();
    expect(quantityIn({ cpu: 1 }, 1n)).toBeUndefined();
    expect(quantityIn(undefined, 1n)).toBeUndefined();
  });
});

describe('compiledRequests', () => {
  const deployment = (replicas: unknown, requests: object) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${JSON.stringify(replicas)}
  template:
    spec:
      containers:
        - name: web
          resources: { requests: ${JSON.stringify(requests)} }
        - name: sidecar
          resources: { requests: { cpu: 10m } }
`;

  it('sums replicas × the containers’ requests of long-running workloads', () => {
    const yaml = [
      deployment(6, { cpu: '200m', memory: '256Mi' }),
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: nightly }\nspec: {}',
      'apiVersion: v1\nkind: Service\nmetadata: { name: web }',
    ].join('\n---\n');
    expect(compiledRequests(yaml)).toEqual({
      cpuMillicores: 6 * 210,
      memoryBytes: 6 * 256 * 1024 ** 2,
    });
  });

  it('takes one replica when the count is missing or not a count, and no requests as none', () => {
    expect(compiledRequests(deployment('3', { cpu: '1' }))).toEqual({
      cpuMillicores: 1010,
      memoryBytes: 0,
    });
    expect(
      compiledRequests(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec: { template: { spec: { containers: [{ name: a }] } } }',
      ),
    ).toEqual({});
    expect(compiledRequests(': not yaml: [')).toBeUndefined();
  });
});
