import { parseEntityDocuments } from './parseEntityDocuments';
import { validateEntity } from './validateEntity';

async function problemsOf(yaml: string) {
  const { documents, problems } = parseEntityDocuments(
    yaml,
    'catalog-info.yaml',
  );
  const all = [...problems];
  for (const document of documents) {
    all.push(...(await validateEntity(document)));
  }
  return all;
}

describe('validateEntity', () => {
  it('accepts a valid component', async () => {
    await expect(
      problemsOf(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, lifecycle: production, owner: team-payments }
`),
    ).resolves.toEqual([]);
  });

  it('reports an invalid metadata name with the entity and reason', async () => {
    const problems = await problemsOf(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: "Not Valid!" }
spec: { type: service, lifecycle: production, owner: team-payments }
`);
    expect(problems).toHaveLength(1);
    expect(problems[0].source).toBe('catalog-info.yaml');
    expect(problems[0].message).toMatch(/metadata\.name/);
  });

  it('reports a built-in kind whose spec misses a required field', async () => {
    const problems = await problemsOf(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, owner: team-payments }
`);
    expect(problems).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        path: 'spec',
        message: expect.stringMatching(/lifecycle/),
      }),
    ]);
  });

  it('rejects a kind that Stagecraft does not define under its apiVersion', async () => {
    const problems = await problemsOf(`
apiVersion: stagecraft.dev/v1alpha1
kind: Cluster
metadata: { name: main }
spec: {}
`);
    expect(problems).toEqual([
      expect.objectContaining({
        entityRef: 'cluster:default/main',
        path: 'kind',
        message: expect.stringMatching(
          /not defined by stagecraft\.dev\/v1alpha1/,
        ),
      }),
    ]);
  });

  it('reports YAML syntax errors instead of throwing', async () => {
    const problems = await problemsOf('kind: [unclosed');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/YAML document 1/);
  });

  it('reports a document that is not a mapping', async () => {
    await expect(problemsOf('- just\n- a list\n')).resolves.toEqual([
      expect.objectContaining({ message: 'YAML document 1 is not a mapping' }),
    ]);
  });

  describe('names that become Kubernetes names', () => {
    const deployable = (name: string, system = 'shop') => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: ${system}
  deploy: { image: registry.example/app:1 }
`;

    it('refuses a deployable component named with upper case and underscores', async () => {
      await expect(problemsOf(deployable('Payments_API'))).resolves.toEqual([
        {
          source: 'catalog-info.yaml',
          entityRef: 'component:default/payments_api',
          path: 'metadata.name',
          message: expect.stringMatching(
            /^"Payments_API" cannot be used in Kubernetes names: .*e\.g\. "payments-api"$/,
          ),
        },
      ]);
    });

    it('leaves a component without deploy intent alone (Backstage allows the name)', async () => {
      await expect(
        problemsOf(
          deployable('Payments_API').replace(
            '  deploy: { image: registry.example/app:1 }\n',
            '',
          ),
        ),
      ).resolves.toEqual([]);
    });

    it('refuses a project whose name is not a label', async () => {
      await expect(
        problemsOf(deployable('payments-api', 'system:default/Web_Shop')),
      ).resolves.toEqual([
        expect.objectContaining({
          path: 'spec.system',
          message: expect.stringMatching(
            /^the project "Web_Shop" cannot be used/,
          ),
        }),
      ]);
    });

    it.each(['Endpoint', 'Environment'])(
      'refuses an %s named with upper case',
      async kind => {
        const problems = await problemsOf(`
apiVersion: stagecraft.dev/v1alpha1
kind: ${kind}
metadata: { name: Public_API }
spec: {}
`);
        expect(problems[0]).toEqual(
          expect.objectContaining({
            path: 'metadata.name',
            message: expect.stringMatching(
              /^"Public_API" cannot be used in Kubernetes names/,
            ),
          }),
        );
      },
    );
  });

  it('refuses a dependency of a deployable component that is not an entity reference', async () => {
    const problems = await problemsOf(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: shop
  dependsOn: ['endpoint:orders-http', ':orders']
  deploy: { image: registry.example/app:1 }
`);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'spec.dependsOn[1]',
        message:
          '":orders" is not an entity reference ([<kind>:][<namespace>/]<name>)',
      }),
    ]);
  });
});
