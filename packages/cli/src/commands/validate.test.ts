import { createMockDirectory } from '@backstage/backend-test-utils';
import { component, hostile, platform } from '../__testUtils__/hostileCatalog';
import { run } from '../program';

/** `stagecraft validate` on the platform plus `piece`: exit code, problem lines, stderr. */
async function validate(
  dir: ReturnType<typeof createMockDirectory>,
  files: Record<string, string>,
) {
  dir.setContent(files);
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'stagecraft', 'validate', dir.path], {
    out: t => void (stdout += t),
    err: t => void (stderr += t),
  });
  const lines = stdout.trim().split('\n');
  return {
    code,
    problems: lines.slice(0, -1).map(l => l.replace(`${dir.path}/`, '')),
    summary: lines[lines.length - 1],
    stderr,
  };
}

describe('stagecraft validate compiles every environment of the pipeline', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());
  const withPlatform = (piece: string) =>
    validate(dir, { 'platform.yaml': platform, 'piece.yaml': piece });

  it('reports a dependency on another project’s `project` endpoint', async () => {
    const result = await withPlatform(hostile.crossProjectDependency);
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      'piece.yaml: component:default/cart spec.dependsOn[0] in dev, staging, production: component:default/cart (project shop) depends on endpoint:default/ledger-http, whose visibility "project" admits only components of project billing; make the endpoint "organization" or remove the dependency',
    ]);
  });

  it('reports a guardrail that only production breaks, naming production', async () => {
    const result = await withPlatform(hostile.replicasAboveProductionMax);
    expect(result.problems).toEqual([
      "piece.yaml: component:default/checkout spec.deploy.replicas in production: 4 replicas is outside production's bounds 1–3",
    ]);
    expect(result.code).toBe(1);
  });

  it('reports a guardrail that only the middle stage (staging) breaks', async () => {
    const result = await withPlatform(hostile.registryRefusedInStaging);
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^piece\.yaml: component:default\/legacy spec\.deploy\.image in staging: image docker\.io\/library\/legacy:1 is not from an allowed registry in staging/,
      ),
    ]);
  });

  it('reports a trait that emits a disallowed kind, written or computed', async () => {
    const literal = await withPlatform(hostile.literalDisallowedKind);
    expect(literal.problems).toEqual([
      expect.stringMatching(
        /^piece\.yaml: trait:default\/cluster-admin spec\.creates\[0\]\.template\.kind: kind ClusterRole is not allowed; a component may produce only NetworkPolicy, ServiceAccount, /,
      ),
    ]);
    const computed = await withPlatform(hostile.computedDisallowedKind);
    expect(computed.problems).toEqual(
      ['dev', 'staging', 'production'].map(
        env =>
          `piece.yaml: component:default/admin spec.deploy.traits[0] in ${env}: trait "sneaky-rbac" emits ClusterRole shop-${env}/admin-admin: kind ClusterRole is not allowed`,
      ),
    );
  });

  it('reports a trait that writes into another namespace', async () => {
    const result = await withPlatform(hostile.computedForeignNamespace);
    expect(result.problems).toContain(
      'piece.yaml: component:default/escapee spec.deploy.traits[0] in production: trait "escape" emits ConfigMap kube-system/escaped outside its namespace shop-production',
    );
  });

  it('names file, entity, trait position, trait, template field and environments for a CEL error', async () => {
    const result = await withPlatform(hostile.celErrorInSecondTrait);
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^piece\.yaml: component:default\/reports spec\.deploy\.traits\[1\] in dev, staging, production: trait "broken-cel": patches\[0\]\.merge\.metadata\.annotations\.owner: \$\{parameters\.owner\.name\} failed: No such key: owner/,
      ),
    ]);
  });

  it('points a bad trait parameter at the parameter', async () => {
    const result = await withPlatform(hostile.invalidTraitParameter);
    expect(result.problems).toEqual([
      'piece.yaml: component:default/store spec.deploy.traits[0].parameters.size in dev, staging, production: trait "volume": parameters.size: must match pattern "^[0-9]+Gi$"',
    ]);
  });

  it('reports the security invariants (a privileged container from a trait)', async () => {
    const result = await withPlatform(hostile.privilegedTrait);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[2]).toMatch(
      /^piece\.yaml: component:default\/debugger spec\.deploy\.traits\[0\] in production: trait "debug-privileged" loosens security in Deployment shop-production\/debugger: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged is true/,
    );
  });

  it('refuses a component name that is not a Kubernetes name, with a suggestion', async () => {
    const result = await withPlatform(hostile.uppercaseComponentName);
    expect(result.problems).toEqual([
      'piece.yaml: component:default/payments_api metadata.name: "Payments_API" cannot be used in Kubernetes names: use lower-case letters, digits and "-" (at most 63 characters, starting and ending with a letter or digit), e.g. "payments-api"',
    ]);
  });

  it('refuses a System whose namespace in an environment is that environment’s gateway namespace', async () => {
    const gatewayInProduction = platform.replace(
      'gateway: { internalHost: internal.example }',
      'gateway: { internalHost: internal.example, namespace: gateway-production }',
    );
    expect(gatewayInProduction).not.toBe(platform);
    const result = await validate(dir, {
      'platform.yaml': gatewayInProduction,
      'piece.yaml': `kind: System
apiVersion: backstage.io/v1alpha1
metadata: { name: gateway }
spec: { owner: team-a }
---
${component(
  'router',
  'gateway',
  '  deploy: { image: registry.example/router:1 }\n',
)}`,
    });
    expect(result.code).toBe(1);
    expect(result.problems).toEqual([
      `piece.yaml: component:default/router spec.system in production: System "gateway" would run in namespace "gateway-production" in environment production, but it is a namespace of the environment's gateways (spec.gateway.namespace); rename the System or move the gateway`,
    ]);
  });

  it('checks a component only in the environments of its own pipeline', async () => {
    const result = await withPlatform(
      `${hostile.replicasAboveProductionMax.replace(
        'metadata: { name: checkout }',
        'metadata:\n  name: checkout\n  annotations: { stagecraft.dev/pipeline: fast-lane }',
      )}---
apiVersion: stagecraft.dev/v1alpha1
kind: DeploymentPipeline
metadata: { name: fast-lane }
spec: { stages: [{ environment: dev }] }
`,
    );
    expect(result.problems).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('reports a pipeline that is not in the input', async () => {
    const result = await withPlatform(
      component(
        'orphan',
        'shop',
        '  deploy: { image: registry.example/a:1 }\n',
      ).replace(
        'metadata: { name: orphan }',
        'metadata:\n  name: orphan\n  annotations: { stagecraft.dev/pipeline: nowhere }',
      ),
    );
    expect(result.problems).toEqual([
      'piece.yaml: component:default/orphan metadata.annotations.stagecraft.dev/pipeline: its pipeline deploymentpipeline:default/nowhere is not in the catalog (or is invalid), so it can be deployed nowhere',
    ]);
  });

  it('says so when there is no platform to compile against', async () => {
    const result = await validate(dir, {
      'piece.yaml': hostile.replicasAboveProductionMax,
    });
    expect(result.code).toBe(0);
    expect(result.summary).toBe('0 problem(s) in 1 entities from 1 file(s)');
    expect(result.stderr).toMatch(
      /no Environment or DeploymentPipeline in the input, so nothing was compiled/,
    );
  });
});
