import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendPlugin,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
/* eslint-disable @backstage/no-relative-monorepo-imports --
 * The host app's permission policy is what these tests hold the plugin to, so it is loaded
 * from the app (which the plugin must not depend on), with the catalog's own permission rules
 * the policy's conditions are written in (dev dependencies of the plugin). */
import { StagecraftPermissionPolicy } from '../../../../../packages/backend/src/permissions/StagecraftPermissionPolicy';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  createConditionAuthorizer,
  type PolicyQueryUser,
} from '@backstage/plugin-permission-node';
/* eslint-enable @backstage/no-relative-monorepo-imports */

/**
 * The permission services of a real Backstage backend running the host app's policy
 * (packages/backend's StagecraftPermissionPolicy), for startTestBackend:
 *
 * - the plugin's `permissions` service is Backstage's own (backend-defaults), so what it
 *   decides without asking — every permission to a service principal without access
 *   restrictions — is what production does;
 * - a stand-in for the permission backend answers its `/authorize` requests over HTTP with the
 *   policy's decisions for the signed-in user, whose ownership claims come from `claimsOf` (as
 *   a sign-in resolver would put them in the token), and resolves conditional decisions on the
 *   catalog entity with the catalog's own permission rules, as the catalog would.
 *
 * Add `permission: { enabled: true }` to the root config.
 */
export function hostPermissionPolicy(o: {
  platformAdmins: string[];
  claimsOf: (userEntityRef: string) => string[];
  entity: (ref: string) => Entity | undefined;
}): BackendFeature[] {
  const policy = new StagecraftPermissionPolicy(new Set(o.platformAdmins));
  const conditionsHold = createConditionAuthorizer(
    Object.values(permissionRules),
  );
  const permissionBackend = createBackendPlugin({
    pluginId: 'permission',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          router.use(express.json());
          router.post('/authorize', async (req, res) => {
            const { principal } = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            const user = {
              info: {
                userEntityRef: principal.userEntityRef,
                ownershipEntityRefs: o.claimsOf(principal.userEntityRef),
              },
            } as PolicyQueryUser;
            const items = await Promise.all(
              (req.body.items as any[]).map(async item => {
                const decision = await policy.handle(
                  { permission: item.permission },
                  user,
                );
                if (decision.result !== AuthorizeResult.CONDITIONAL)
                  return { id: item.id, result: decision.result };
                const entity = o.entity(item.resourceRef);
                return {
                  id: item.id,
                  result: conditionsHold(decision, entity)
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
                };
              }),
            );
            res.json({ items });
          });
          httpRouter.use(router);
        },
      });
    },
  });
  return [permissionsServiceFactory, permissionBackend];
}
