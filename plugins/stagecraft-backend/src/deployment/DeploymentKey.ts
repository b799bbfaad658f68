/**
 * A deployment's identity: one component in one environment. Every part of the backend names a
 * deployment by this type; its string form below is the only one.
 */
export interface DeploymentKey {
  /** `component:<namespace>/<name>` */
  componentRef: string;
  /** Environment entity name. */
  environment: string;
}

/**
 * `<componentRef>@<environment>`: the key of the work queue, the leases, the desired objects
 * and the log lines. Neither part holds an `@` (entity refs and names cannot), so the last `@`
 * separates them.
 */
export function deploymentKeyString(key: DeploymentKey): string {
  return `${key.componentRef}@${key.environment}`;
}

/** The key a {@link deploymentKeyString} was made from. */
export function parseDeploymentKey(text: string): DeploymentKey {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1)
    throw new Error(
      `"${text}" is not a deployment key (componentRef@environment)`,
    );
  return { componentRef: text.slice(0, at), environment: text.slice(at + 1) };
}
