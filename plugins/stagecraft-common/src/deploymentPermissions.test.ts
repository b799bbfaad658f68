import { permissionsFor, stagePermissions } from './deploymentPermissions';

const names = (permissions: { name: string }[]) => permissions.map(p => p.name);
const open = { production: false, requiresApproval: false };
const flagged = { production: true, requiresApproval: false };
const gated = { production: false, requiresApproval: true };

describe('permissionsFor', () => {
  it('needs only the action’s own permission in an unprotected stage', () => {
    expect(names(permissionsFor('undeploy', open))).toEqual([
      'stagecraft.deployment.undeploy',
    ]);
  });

  it('adds the production permission in a production environment', () => {
    expect(names(permissionsFor('redeploy', flagged))).toEqual([
      'stagecraft.deployment.redeploy',
      'stagecraft.deployment.production',
    ]);
  });

  it('adds the production permission in an approval-gated stage that is not flagged production', () => {
    for (const change of [
      'deploy',
      'promote',
      'rollback',
      'redeploy',
      'undeploy',
      'approve',
    ] as const)
      expect(names(permissionsFor(change, gated))).toEqual([
        `stagecraft.deployment.${change}`,
        'stagecraft.deployment.production',
      ]);
  });

  it('asks for the production permission once when a stage is both', () => {
    expect(
      names(stagePermissions({ production: true, requiresApproval: true })),
    ).toEqual(['stagecraft.deployment.production']);
  });
});
