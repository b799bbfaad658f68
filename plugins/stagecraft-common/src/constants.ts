/**
 * The apiVersion of every kind Stagecraft adds to the catalog.
 *
 * @remarks
 * Entity refs omit apiVersion, so a kind is identified by this value together with its kind
 * name; another plugin may define an `Environment` kind under its own apiVersion.
 *
 * @public
 */
export const STAGECRAFT_API_VERSION = 'stagecraft.dev/v1alpha1';

/**
 * The kinds Stagecraft adds to the catalog, all under {@link STAGECRAFT_API_VERSION}.
 *
 * @public
 */
export const StagecraftKind = {
  Endpoint: 'Endpoint',
  Environment: 'Environment',
  DeploymentPipeline: 'DeploymentPipeline',
  ComponentType: 'ComponentType',
  Trait: 'Trait',
} as const;

/** @public */
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type StagecraftKind =
  (typeof StagecraftKind)[keyof typeof StagecraftKind];

/**
 * Labels Stagecraft puts on every Kubernetes object it manages.
 *
 * @public
 */
export const StagecraftLabel = {
  /** `app.kubernetes.io/managed-by`, always {@link MANAGED_BY_VALUE}. */
  ManagedBy: 'app.kubernetes.io/managed-by',
  Project: 'stagecraft.dev/project',
  Component: 'stagecraft.dev/component',
  Environment: 'stagecraft.dev/environment',
  Endpoint: 'stagecraft.dev/endpoint',
  /** Read by the stock Backstage Kubernetes plugin to find an entity's objects. */
  BackstageKubernetesId: 'backstage.io/kubernetes-id',
} as const;

/** @public */
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type StagecraftLabel =
  (typeof StagecraftLabel)[keyof typeof StagecraftLabel];

/**
 * The value of `app.kubernetes.io/managed-by` on objects Stagecraft manages.
 *
 * @public
 */
export const MANAGED_BY_VALUE = 'stagecraft';

/**
 * Annotation on a `System` (project) or `Component` naming the `DeploymentPipeline` its
 * releases follow; without it, the pipeline named `default` in the entity's namespace.
 *
 * @public
 */
export const PIPELINE_ANNOTATION = 'stagecraft.dev/pipeline';
