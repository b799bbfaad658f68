import type { Entity } from '@backstage/catalog-model';
import { deployRelevantHash, deployRelevantPart } from './deployRelevant';

const component = (spec: Record<string, unknown>, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'api', ...extra },
  spec: spec as Entity['spec'],
});
const intent = {
  type: 'service',
  owner: 'team-a',
  lifecycle: 'production',
  system: 'shop',
  deploy: { image: 'registry.example/api:1', replicas: 2 },
};

describe('deployRelevantHash', () => {
  it('ignores metadata churn, catalog prose and key order', () => {
    const reordered = {
      deploy: { replicas: 2, image: 'registry.example/api:1' },
      system: 'shop',
      type: 'service',
      owner: 'team-b',
    };
    expect(
      deployRelevantHash(
        component(reordered, {
          namespace: 'default',
          etag: 'x',
          description: 'new words',
          annotations: { 'backstage.io/managed-by-location': 'file:/x' },
        }),
      ),
    ).toBe(deployRelevantHash(component(intent)));
  });

  it('changes with the deploy block, the type, the system or the dependencies', () => {
    const base = deployRelevantHash(component(intent));
    for (const changed of [
      {
        ...intent,
        deploy: { ...intent.deploy, image: 'registry.example/api:2' },
      },
      { ...intent, type: 'worker' },
      { ...intent, system: 'other' },
      { ...intent, dependsOn: ['endpoint:default/db'] },
    ])
      expect(deployRelevantHash(component(changed))).not.toBe(base);
  });

  it('is null for a component without deploy intent, an absent entity and other kinds', () => {
    const { deploy: _, ...noIntent } = intent;
    expect(deployRelevantHash(component(noIntent))).toBeNull();
    expect(deployRelevantHash(undefined)).toBeNull();
    expect(
      deployRelevantHash({ ...component(intent), kind: 'Group' }),
    ).toBeNull();
  });

  it('counts only the existence of a System, and the whole spec of platform kinds', () => {
    const system = (spec: object): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop' },
      spec: spec as Entity['spec'],
    });
    expect(deployRelevantHash(system({ owner: 'a' }))).toBe(
      deployRelevantHash(system({ owner: 'b' })),
    );
    const env = (replicas: number): Entity => ({
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'dev' },
      spec: { target: 'local', policy: { replicas: { max: replicas } } },
    });
    expect(deployRelevantHash(env(3))).not.toBe(deployRelevantHash(env(4)));
  });

  it('pins what a release snapshot pins (the shape release ids are computed from)', () => {
    expect(deployRelevantPart(component(intent))).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'api', namespace: 'default' },
      spec: {
        type: 'service',
        system: 'shop',
        deploy: { image: 'registry.example/api:1', replicas: 2 },
      },
    });
  });
});
