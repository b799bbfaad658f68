import { staticTemplateProblems } from './staticTemplateProblems';

describe('staticTemplateProblems', () => {
  it('accepts a template that only uses allowed kinds and the component namespace', () => {
    expect(
      staticTemplateProblems({
        parameters: { type: 'object', properties: { n: { type: 'integer' } } },
        creates: [
          {
            id: 'hpa',
            template: {
              kind: 'HorizontalPodAutoscaler',
              metadata: { name: 'x', namespace: '${component.namespace}' },
            },
          },
        ],
        patches: [{ target: { kind: 'Deployment' }, merge: {} }],
      }),
    ).toEqual([]);
  });

  it('reports every rule it can check without a component', () => {
    expect(
      staticTemplateProblems({
        parameters: { type: 'no-such-type' },
        creates: [
          { id: 'a', template: { kind: 'ClusterRoleBinding' } },
          {
            id: 'b',
            template: {
              kind: 'ConfigMap',
              metadata: { name: 'x', namespace: 'kube-system' },
            },
          },
          { id: 'c', template: { kind: '${parameters.kind}' } },
        ],
        patches: [{ target: { kind: 'NetworkPolicy' }, merge: {} }],
      }).map(p => p.path),
    ).toEqual([
      'spec.parameters',
      'spec.creates[0].template.kind',
      'spec.creates[1].template.metadata.namespace',
      'spec.patches[0].target.kind',
    ]);
  });
});
