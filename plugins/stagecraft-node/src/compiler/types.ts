import { Entity } from '@backstage/catalog-model';
import type { ComponentOverride } from '@stagecraft/plugin-stagecraft-common';
import type { CompilerExtensions } from '../extensions/CompilerExtensions';

/** A Kubernetes object as plain data, the compiler's output unit. @public */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** How serious a diagnostic is. `pending` marks a connection whose target is not deployed yet. @public */
export type DiagnosticSeverity = 'error' | 'warning' | 'pending';

/** One finding of the compiler, written for the person who has to act on it. @public */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** A stable code for tools and tests, e.g. `visibility-forbids-dependency`. */
  code: string;
  /** The entity at fault (`kind:namespace/name`). */
  entityRef: string;
  /** The field at fault, when there is one (`spec.deploy.replicas`). */
  path?: string;
  message: string;
  /**
   * The environment the diagnostic was found in. {@link compileEnvironment} sets it on every
   * diagnostic; when one problem holds in several environments, validation lists them all
   * comma-separated (`staging, production`).
   */
  environment?: string;
  /**
   * Other entities the problem is also about, e.g. on `object-collision` the component that
   * emits the object first: validation reports it when it checks any of them.
   */
  involves?: string[];
  /** On `pending-connection` diagnostics: the dependency that waits for its provider. */
  connection?: {
    consumerRef: string;
    endpointRef: string;
    providerRef: string;
  };
}

/** The compiler's output: ordered manifests and every diagnostic. @public */
export interface CompileResult {
  manifests: Manifest[];
  diagnostics: Diagnostic[];
}

/** What a release pins for one component; empty means "the catalog's current intent". @public */
export interface ReleaseInput {
  /** The image to run, overriding the intent's image. */
  image?: string;
  /**
   * Overrides the deployment applies on top of the intent and its environment override
   * (e.g. replicas raised during an incident). Same fields as `spec.deploy.environments.<env>`.
   */
  overrides?: ComponentOverride;
}

/** Input of {@link compileEnvironment}: the catalog entities involved and the environment. @public */
export interface CompileEnvironmentInput {
  entities: Entity[];
  /** Environment entity name. */
  environment: string;
  /** Releases by component ref; components without one use their catalog intent. */
  releases?: Record<string, ReleaseInput>;
  /**
   * Component refs deployed in this environment; defaults to every component with deploy
   * intent. Dependencies on anything else are pending connections.
   */
  deployed?: string[];
  /** Component types, traits and policies registered in code by backend modules. */
  extensions?: CompilerExtensions;
}
