import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { generateKeyPairSync } from 'node:crypto';

/** A static external-access token as app-config.agents.yaml declares one. */
export interface StaticToken {
  token: string;
  subject: string;
  accessRestrictions?: object[];
}

/**
 * Backstage's real auth, HTTP auth and permission client instead of the test backend's mocks,
 * accepting exactly `tokens` (backend.auth.externalAccess, the local setup of docs/agents.md)
 * with permissions enabled, so an access restriction is enforced as in production. Service
 * tokens between plugins are signed with one key pair from config: the test backend gives
 * every plugin the same database, where each would otherwise keep its own keys.
 */
export function staticTokenAuth(tokens: StaticToken[]): {
  features: BackendFeature[];
  config: object;
} {
  const dir = createMockDirectory();
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  dir.setContent({
    'public.pem': pair.publicKey.export({ type: 'spki', format: 'pem' }),
    'private.pem': pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  });
  return {
    features: [
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
    ],
    config: {
      permission: { enabled: true },
      backend: {
        auth: {
          externalAccess: tokens.map(t => ({
            type: 'static',
            options: { token: t.token, subject: t.subject },
            accessRestrictions: t.accessRestrictions,
          })),
          pluginKeyStore: {
            type: 'static',
            static: {
              keys: [
                {
                  keyId: 'test',
                  publicKeyFile: dir.resolve('public.pem'),
                  privateKeyFile: dir.resolve('private.pem'),
                },
              ],
            },
          },
        },
      },
    },
  };
}
