import { EnvironmentEntity } from '@stagecraft/plugin-stagecraft-common';
import { EffectiveIntent } from './effectiveIntent';
import { Diagnostic } from './types';

/**
 * The environment's policy, checked against a component's effective intent. Every violation
 * is an error: nothing of a component that breaks policy is rendered.
 */
export function checkGuardrails(
  intent: EffectiveIntent,
  environment: EnvironmentEntity,
  entityRef: string,
  workload: 'deployment' | 'cronjob',
): Diagnostic[] {
  const policy = environment.spec.policy;
  const env = environment.metadata.name;
  const problems: Diagnostic[] = [];
  const error = (code: string, path: string, message: string) =>
    problems.push({ severity: 'error', code, entityRef, path, message });

  if (!intent.image) {
    error(
      'image-required',
      'spec.deploy.image',
      `${entityRef} has no image for ${env}: set spec.deploy.image or deploy a release`,
    );
  } else if (
    policy.allowedRegistries.length > 0 &&
    !policy.allowedRegistries.some(r =>
      intent.image!.startsWith(`${r.replace(/\/$/, '')}/`),
    )
  ) {
    error(
      'registry-not-allowed',
      'spec.deploy.image',
      `${entityRef}: image ${
        intent.image
      } is not from an allowed registry in ${env} (${policy.allowedRegistries.join(
        ', ',
      )})`,
    );
  }
  if (policy.requireResources) {
    const { requests, limits } = intent.resources;
    const missing = [
      !requests?.cpu && 'requests.cpu',
      !requests?.memory && 'requests.memory',
      !limits?.memory && 'limits.memory',
    ].filter(Boolean);
    if (missing.length > 0) {
      error(
        'resources-required',
        'spec.deploy.resources',
        `${entityRef}: ${env} requires resources; missing ${missing.join(
          ', ',
        )} and the environment sets no defaults for them`,
      );
    }
  }
  if (workload === 'deployment') {
    const { min, max } = policy.replicas;
    if (intent.replicas < min || intent.replicas > max) {
      error(
        'replicas-out-of-bounds',
        'spec.deploy.replicas',
        `${entityRef}: ${intent.replicas} replicas is outside ${env}'s bounds ${min}–${max}`,
      );
    }
  }
  if (workload === 'cronjob' && !intent.schedule) {
    error(
      'schedule-required',
      'spec.deploy.schedule',
      `${entityRef}: a scheduled job needs spec.deploy.schedule (cron syntax)`,
    );
  }
  return problems;
}
