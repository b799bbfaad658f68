import { Entity } from '@backstage/catalog-model';
import { projectOf } from './releaseSnapshot';

const component = (system: unknown, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'api', namespace },
  spec: { system } as Entity['spec'],
});

describe('projectOf', () => {
  it('reduces spec.system to the System name, however it is written', () => {
    expect(projectOf(component('shop'))).toBe('shop');
    expect(projectOf(component('system:default/shop'))).toBe('shop');
    expect(projectOf(component('team-a/shop', 'team-a'))).toBe('shop');
  });

  it('has no project without a usable spec.system', () => {
    expect(projectOf(component(undefined))).toBeUndefined();
    expect(projectOf(component(''))).toBeUndefined();
    expect(projectOf(component(42))).toBeUndefined();
  });
});
