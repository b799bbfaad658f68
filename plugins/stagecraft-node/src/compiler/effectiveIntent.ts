import {
  ComponentDeploy,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { ReleaseInput } from './types';

/** The deploy intent after the environment's overrides and the release are applied. */
export interface EffectiveIntent {
  image?: string;
  replicas: number;
  env: Record<string, string>;
  secretEnv: NonNullable<ComponentDeploy['secretEnv']>;
  resources: NonNullable<ComponentDeploy['resources']>;
  command?: string[];
  args?: string[];
  schedule?: string;
}

/**
 * Merges base intent, the override for this environment and the release's: scalars are
 * replaced, env maps merged key by key, and resources fall back to the environment's defaults.
 */
export function effectiveIntent(
  deploy: ComponentDeploy,
  environment: EnvironmentEntity,
  release: ReleaseInput | undefined,
): EffectiveIntent {
  // Later layers win: intent, then the environment's override, then the release's.
  const envOverride = deploy.environments?.[environment.metadata.name] ?? {};
  const override = {
    ...envOverride,
    ...release?.overrides,
    env: { ...envOverride.env, ...release?.overrides?.env },
    secretEnv: { ...envOverride.secretEnv, ...release?.overrides?.secretEnv },
  };
  const defaults = environment.spec.policy.defaultResources;
  const resources = override.resources ?? deploy.resources ?? {};
  return {
    image: release?.image ?? override.image ?? deploy.image,
    // Unset replicas take the environment's minimum (at least one); set ones must fit its bounds.
    replicas:
      override.replicas ??
      deploy.replicas ??
      Math.max(1, environment.spec.policy.replicas.min),
    env: { ...deploy.env, ...override.env },
    secretEnv: { ...deploy.secretEnv, ...override.secretEnv },
    resources: {
      requests: { ...defaults?.requests, ...resources.requests },
      limits: { ...defaults?.limits, ...resources.limits },
    },
    command: deploy.command,
    args: deploy.args,
    schedule: deploy.schedule,
  };
}
