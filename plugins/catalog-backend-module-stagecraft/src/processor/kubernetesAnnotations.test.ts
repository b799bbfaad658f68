import { Entity } from '@backstage/catalog-model';
import { withKubernetesAnnotations } from './kubernetesAnnotations';

const component = (
  spec: Record<string, unknown>,
  annotations = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production', ...spec },
});

describe('withKubernetesAnnotations', () => {
  it('names the labels the compiler puts on a deployable component', () => {
    const annotated = withKubernetesAnnotations(
      component({
        system: 'system:default/payments',
        deploy: { image: 'registry.local/checkout-api:1.0.0' },
      }),
    );
    expect(annotated.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': 'checkout-api',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/managed-by=stagecraft,stagecraft.dev/project=payments,stagecraft.dev/component=checkout-api',
    });
  });

  it('leaves a component without deploy intent alone', () => {
    const plain = component({ system: 'payments' });
    expect(withKubernetesAnnotations(plain)).toBe(plain);
  });

  it('keeps annotations the author wrote', () => {
    const annotated = withKubernetesAnnotations(
      component(
        { system: 'payments', deploy: { image: 'registry.local/x:1' } },
        { 'backstage.io/kubernetes-id': 'legacy-checkout' },
      ),
    );
    expect(annotated.metadata.annotations?.['backstage.io/kubernetes-id']).toBe(
      'legacy-checkout',
    );
  });
});
