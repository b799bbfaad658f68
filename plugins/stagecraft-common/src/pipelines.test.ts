import type { Entity } from '@backstage/catalog-model';
import { approvalGatedEnvironments } from './pipelines';

const environment = (name: string, production: boolean): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name },
  spec: { target: 'local', production },
});
const pipeline = (
  name: string,
  stages: { environment: string; requiresApproval?: boolean }[],
): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'DeploymentPipeline',
  metadata: { name },
  spec: { stages },
});

describe('approvalGatedEnvironments', () => {
  it('gates production-flagged environments and every stage any pipeline gates', () => {
    expect(
      approvalGatedEnvironments([
        environment('dev', false),
        environment('staging', false),
        environment('prod', true),
        environment('eu', false),
        pipeline('default', [
          { environment: 'dev' },
          { environment: 'staging' },
          { environment: 'environment:default/eu', requiresApproval: true },
        ]),
      ]),
    ).toEqual(new Set(['prod', 'eu']));
  });

  it('lets no pipeline take a gate away: strictest wins', () => {
    const gated = approvalGatedEnvironments([
      pipeline('platform', [
        { environment: 'dev' },
        { environment: 'production', requiresApproval: true },
      ]),
      pipeline('shortcut', [{ environment: 'production' }]),
    ]);
    expect(gated.has('production')).toBe(true);
  });

  it('ignores pipelines whose spec is invalid and other kinds', () => {
    expect(
      approvalGatedEnvironments([
        { ...pipeline('broken', []), spec: { stages: 'production' } },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'production' },
          spec: { production: true },
        },
      ]),
    ).toEqual(new Set());
  });
});
