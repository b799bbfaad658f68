/**
 * Where a Stagecraft environment's manifests go. Environments name a target; several
 * environments may share one.
 *
 * @public
 */
export type DataPlaneTarget = KubernetesTarget | GitOpsTarget;

/**
 * A Kubernetes cluster Stagecraft applies to with server-side apply.
 *
 * @public
 */
export interface KubernetesTarget {
  type: 'kubernetes';
  name: string;
  /** How to reach and authenticate to the API server. */
  connection:
    | {
        type: 'url';
        url: string;
        token?: string;
        caData?: string;
        caFile?: string;
        skipTLSVerify: boolean;
      }
    | { type: 'kubeconfig'; file: string; context?: string };
}

/**
 * A directory inside a git repository that Stagecraft commits rendered manifests to, for
 * Argo CD or Flux to sync.
 *
 * @public
 */
export interface GitOpsTarget {
  type: 'gitops';
  name: string;
  /** The directory, resolved against the backend's working directory. */
  directory: string;
}
