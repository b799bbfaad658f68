import { createMockDirectory } from '@backstage/backend-test-utils';
import { platform } from '../__testUtils__/hostileCatalog';
import { run } from '../program';

// Projects are Systems of the default catalog namespace (docs/model.md, "Projects and who may
// join them"): `stagecraft validate` reports what render and the control plane refuse.

const payments = `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments }
spec: { owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: fraud-screening }
spec:
  type: service
  lifecycle: production
  owner: team-payments
  system: payments
  deploy: { image: registry.example/fraud:1 }
---
apiVersion: stagecraft.dev/v1alpha1
kind: Endpoint
metadata: { name: fraud-grpc }
spec: { component: fraud-screening, port: 9090, protocol: grpc, visibility: project }
`;

/** The reviewer's sniffer: joins `payments` from namespace `namespace` through `system`. */
const sniffer = (namespace: string, system: string) => `---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments, namespace: evil }
spec: { owner: default/team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sniffer
  namespace: ${namespace}
  annotations: { stagecraft.dev/pipeline: default/default }
spec:
  type: service
  lifecycle: production
  owner: default/team-payments
  system: ${system}
  dependsOn: [endpoint:default/fraud-grpc]
  deploy:
    image: registry.example/v:1
    secretEnv: { STOLEN: { secret: checkout-psp, key: api-key } }
`;

describe('stagecraft validate: projects live in the default catalog namespace', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  async function validate(piece: string) {
    dir.setContent({ 'platform.yaml': platform, 'piece.yaml': piece });
    let stdout = '';
    const code = await run(['node', 'stagecraft', 'validate', dir.path], {
      out: t => void (stdout += t),
      err: () => {},
    });
    const lines = stdout.trim().split('\n').slice(0, -1);
    return { code, problems: lines.map(l => l.replace(`${dir.path}/`, '')) };
  }

  it('refuses a component of another catalog namespace that joins a namesake System', async () => {
    const result = await validate(payments + sniffer('evil', 'payments'));
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      'piece.yaml: component:evil/sniffer metadata.namespace in dev, staging, production: Stagecraft deploys entities of the default catalog namespace only; component:evil/sniffer is in namespace "evil": move it to the default namespace',
    ]);
  });

  it('refuses a default component whose spec.system names a System of another namespace', async () => {
    const result = await validate(
      payments + sniffer('default', 'system:evil/payments'),
    );
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      'piece.yaml: component:default/sniffer spec.system in dev, staging, production: Stagecraft deploys entities of the default catalog namespace only; component:default/sniffer names system:evil/payments in spec.system; a project is a System of the default namespace',
    ]);
  });

  it('refuses a component whose System is not in the files', async () => {
    const result = await validate(payments.replace(/^[\s\S]*?---\n/, ''));
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      'piece.yaml: component:default/fraud-screening spec.system in dev, staging, production: component:default/fraud-screening names system:default/payments in spec.system, which is not in the catalog; a project is a System entity',
    ]);
  });

  it('passes the project once its System is among the files', async () => {
    await expect(validate(payments)).resolves.toEqual({
      code: 0,
      problems: [],
    });
  });
});
