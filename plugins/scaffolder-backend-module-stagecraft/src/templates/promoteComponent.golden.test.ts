import { createMockDirectory } from '@backstage/backend-test-utils';
import { eventually } from '../__testUtils__/eventually';
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
    // A pass of the catalog trigger deploys every example component to dev, once the catalog
    // has processed them: pass again until checkout-api is there.
    await eventually(
      async () => {
        await portal.runCatalogTrigger();
        return (
          await portal.get(
            '/api/stagecraft/components/default/checkout-api/deployments/dev',
          )
        ).status;
      },
      status => status === 200,
      'a catalog trigger pass to deploy checkout-api to dev',
    );
    // Above the two 90 s waits (the start-up's for the catalog and this one), so they report.
  }, 240_000);

  it('fails the step with the control plane’s refusal for someone who may not promote', async () => {
    const run = await promote('dev', 'user:default/mallory');
    expect(run.status).toBe('failed');
    expect(run.log).toMatch(/NotAllowedError: stagecraft:promote: /);
    const staging = await portal.get(
      '/api/stagecraft/components/default/checkout-api/deployments/staging',
    );
    expect(staging.status).toBe(404);
  }, 120_000);

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
    // The template's promote step waits up to 180 s (timeoutSeconds) for staging to be ready:
    // if it runs out, the task's log says so, which needs the test to outlast it.
  }, 240_000);
});
