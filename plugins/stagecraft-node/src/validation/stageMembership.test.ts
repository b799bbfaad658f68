import { Entity } from '@backstage/catalog-model';
import { component, environment } from '../compiler/__fixtures__/entities';
import { componentsDeployedIn } from './stageMembership';

const pipeline = (name: string, stages: string[]): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name, namespace: 'default' },
  spec: { stages: stages.map(e => ({ environment: e })) },
});
const annotated = (entity: Entity, pipelineName: string): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: { 'stagecraft.dev/pipeline': pipelineName },
  },
});

describe('componentsDeployedIn', () => {
  const entities = [
    environment('dev'),
    environment('production'),
    pipeline('default', ['dev', 'production']),
    pipeline('dev-only', ['dev']),
    component('api', 'shop'),
    annotated(component('sandbox', 'shop'), 'dev-only'),
    annotated(component('orphan', 'shop'), 'nowhere'),
    { ...component('ignored', 'shop'), spec: { type: 'service' } },
  ];

  it('deploys a component in the stages of its pipeline only', () => {
    expect(componentsDeployedIn(entities, 'dev').deployed).toEqual([
      'component:default/api',
      'component:default/sandbox',
    ]);
    expect(componentsDeployedIn(entities, 'production')).toEqual({
      deployed: ['component:default/api'],
      skipped: [
        {
          entityRef: 'component:default/orphan',
          reason:
            'its pipeline deploymentpipeline:default/nowhere is not in the catalog (or is invalid), so it can be deployed nowhere',
        },
        {
          entityRef: 'component:default/sandbox',
          reason:
            'its pipeline deploymentpipeline:default/dev-only has no stage production (its stages: dev)',
        },
      ],
    });
  });

  it('compares environment names as entity names, ignoring case', () => {
    expect(componentsDeployedIn(entities, 'Production').deployed).toEqual([
      'component:default/api',
    ]);
  });
});
