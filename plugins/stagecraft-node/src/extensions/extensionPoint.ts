import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CompilerPolicy } from './CompilerExtensions';

/**
 * Lets a backend module extend Stagecraft's compiler in code: component types, traits (specs
 * in the template language, as the `ComponentType`/`Trait` kinds) and policies.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'stagecraft',
 *   moduleId: 'acme-platform',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { compiler: stagecraftCompilerExtensionPoint },
 *       async init({ compiler }) {
 *         compiler.addPolicies({ name: 'no-latest', check: ({ manifests }) => … });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export interface StagecraftCompilerExtensionPoint {
  addComponentTypes(types: Record<string, unknown>): void;
  addTraits(traits: Record<string, unknown>): void;
  addPolicies(...policies: CompilerPolicy[]): void;
}

/** @public */
export const stagecraftCompilerExtensionPoint =
  createExtensionPoint<StagecraftCompilerExtensionPoint>({
    id: 'stagecraft.compiler',
  });
