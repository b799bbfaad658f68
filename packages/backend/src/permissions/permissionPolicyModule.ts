import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { StagecraftPermissionPolicy } from './StagecraftPermissionPolicy';

/** Installs {@link StagecraftPermissionPolicy} as the permission backend's policy. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'stagecraft-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const admins =
          config.getOptionalStringArray('stagecraft.platformAdmins') ?? [];
        policy.setPolicy(new StagecraftPermissionPolicy(new Set(admins)));
      },
    });
  },
});
