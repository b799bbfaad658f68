import { createMockDirectory } from '@backstage/backend-test-utils';
import { hostile, platform } from '../__testUtils__/hostileCatalog';
import { run } from '../program';

/** `stagecraft render --env <env>` on the platform plus `piece`: exit code, stdout, stderr lines. */
async function render(
  dir: ReturnType<typeof createMockDirectory>,
  environment: string,
  piece: string,
) {
  dir.setContent({ 'platform.yaml': platform, 'piece.yaml': piece });
  let stdout = '';
  let stderr = '';
  const code = await run(
    ['node', 'stagecraft', 'render', '--env', environment, dir.path],
    { out: t => void (stdout += t), err: t => void (stderr += t) },
  );
  return {
    code,
    stdout,
    stderr: stderr
      .trim()
      .split('\n')
      .map(l => l.replace(`${dir.path}/`, '')),
  };
}

describe('stagecraft render compiles what its pipeline deploys in the environment', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('leaves out a component whose pipeline has no such stage, and says so', async () => {
    const production = await render(
      dir,
      'production',
      hostile.replicasOnDevOnlyPipeline,
    );
    expect(production.stderr).toEqual([
      'stagecraft render: component:default/sandbox is not rendered for production: its pipeline deploymentpipeline:default/dev-only has no stage production (its stages: dev)',
    ]);
    expect(production.code).toBe(0);
    expect(production.stdout).not.toContain('sandbox');

    const dev = await render(dir, 'dev', hostile.replicasOnDevOnlyPipeline);
    expect(dev.stderr).toEqual([
      "piece.yaml: component:default/sandbox spec.deploy.replicas in dev: 6 replicas is outside dev's bounds 1–5",
      'stagecraft render: compile errors for dev; nothing rendered',
    ]);
    expect(dev.code).toBe(1);
  });

  it('leaves out a component whose pipeline is missing instead of reporting its collisions', async () => {
    const result = await render(dir, 'dev', hostile.namesakeWithoutPipeline);
    expect(result.stderr).toEqual([
      'stagecraft render: component:other/api is not rendered for dev: its pipeline deploymentpipeline:other/default is not in the catalog (or is invalid), so it can be deployed nowhere',
    ]);
    expect(result.code).toBe(0);
    // One Deployment api, of component:default/api.
    expect(result.stdout.match(/^kind: Deployment$/gm)).toHaveLength(1);
    expect(result.stdout).toContain('stagecraft.dev/component: api');
  });
});
