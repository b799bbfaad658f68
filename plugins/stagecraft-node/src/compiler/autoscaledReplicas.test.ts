import { releaseAutoscaledReplicas } from './autoscaledReplicas';
import { Manifest } from './types';

const deployment = (name: string): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop-dev' },
  spec: { replicas: 3, selector: {} },
});

describe('releaseAutoscaledReplicas', () => {
  it('drops spec.replicas only from the workload an autoscaler scales', () => {
    const hpa: Manifest = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'shop-dev' },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'api',
        },
      },
    };
    const input = [deployment('api'), deployment('worker'), hpa];
    const output = releaseAutoscaledReplicas(input);
    expect(output[0].spec).toEqual({ selector: {} });
    expect(output[1].spec).toEqual({ replicas: 3, selector: {} });
    // The input is not changed.
    expect(input[0].spec).toEqual({ replicas: 3, selector: {} });
  });

  it('returns the same array when nothing is autoscaled', () => {
    const input = [deployment('api')];
    expect(releaseAutoscaledReplicas(input)).toBe(input);
  });
});
