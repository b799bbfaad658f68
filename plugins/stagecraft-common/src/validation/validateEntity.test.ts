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
});
