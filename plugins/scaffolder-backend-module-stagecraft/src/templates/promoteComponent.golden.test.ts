import { createMockDirectory } from '@backstage/backend-test-utils';
import { startGoldenPathBackend } from '../__testUtils__/goldenPathBackend';

/**
 * The Promote a component template run for real: the scaffolder's task, the module's
 * stagecraft:promote, the Stagecraft plugin's promote action and DeploymentService with its
 * permission check, pipeline rule and approvals, a GitOps data plane.
 */
describe('Promote a component, end to end', () => {
  const disk = createMockDirectory();
  let portal: Awaited<ReturnType<typeof startGoldenPathBackend>>;

  const promote = (from: string, user = 'user:default/jane') =>
    portal.runTemplate(
      'template:default/stagecraft-promote-component',
      { component: 'component:default/checkout-api', from },
      user,
    );

  beforeAll(async () => {
    portal = await startGoldenPathBackend(disk.path, 'user:default/mallory');
    // A pass of the catalog trigger deploys every example component to dev.
    for (let i = 0; i < 120; i++) {
      await portal.runCatalogTrigger();
      const res = await portal.get(
        '/api/stagecraft/components/default/checkout-api/deployments/dev',
      );
      if (res.status === 200) break;
      await new Promise(r => setTimeout(r, 250));
    }
  }, 120_000);

  it('fails the step with the control plane’s refusal for someone who may not promote', async () => {
    const run = await promote('dev', 'user:default/mallory');
    expect(run.status).toBe('failed');
    expect(run.log).toMatch(/NotAllowedError: stagecraft:promote: /);
    const staging = await portal.get(
      '/api/stagecraft/components/default/checkout-api/deployments/staging',
    );
    expect(staging.status).toBe(404);
  }, 60_000);

  it('promotes dev to staging and waits, then asks for an approval into production instead of waiting', async () => {
    const toStaging = await promote('dev');
    // On failure, the task's log says which step and why.
    expect(toStaging.status === 'completed' ? 'completed' : toStaging.log).toBe(
      'completed',
    );
    const staging = await portal.get(
      '/api/stagecraft/components/default/checkout-api/deployments/staging',
    );
    expect(staging.body).toMatchObject({
      updatedBy: 'user:default/jane',
      sync: { state: 'synced' },
    });

    const toProduction = await promote('staging');
    expect(toProduction.status).toBe('completed');
    expect(toProduction.log).toMatch(
      /promoting into production needs an approval; request #\d+ waits for someone other than user:default\/jane on the Deploy tab/,
    );
    const approvals = await portal.get(
      '/api/stagecraft/components/default/checkout-api/approvals',
    );
    expect(approvals.body.items).toEqual([
      expect.objectContaining({
        environment: 'production',
        state: 'pending',
        requestedBy: 'user:default/jane',
      }),
    ]);
    const production = await portal.get(
      '/api/stagecraft/components/default/checkout-api/deployments/production',
    );
    expect(production.status).toBe(404);
  }, 60_000);
});
