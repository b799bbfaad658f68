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
  /** Where every commit is pushed; absent: commits stay in the local repository. */
  remote?: GitOpsRemote;
}

/**
 * The git remote a GitOps target pushes to, with how to authenticate. The URL never carries a
 * password: a token is set apart, so it reaches git only through its environment.
 *
 * @public
 */
export interface GitOpsRemote {
  /** `https://…`, `ssh://…`, `user@host:path`, `file://…` or an absolute path. */
  url: string;
  /** The branch Argo CD or Flux follows. */
  branch: string;
  auth?:
    | { type: 'token'; username: string; token: string }
    | { type: 'ssh'; keyFile: string; knownHostsFile?: string };
}
