import { KubeConfig } from '@kubernetes/client-node';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

/** How clients reach a local cluster. */
export interface ClusterAccess {
  server: string;
  caFile: string;
  token: string;
}

const CONTEXT = 'stagecraft-local';

/** A kubeconfig document for `access`, usable by kubectl, the components and Stagecraft. */
export function kubeconfigYaml(access: ClusterAccess): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CONTEXT,
        cluster: {
          server: access.server,
          'certificate-authority': access.caFile,
        },
      },
    ],
    users: [{ name: 'stagecraft-admin', user: { token: access.token } }],
    contexts: [
      {
        name: CONTEXT,
        context: { cluster: CONTEXT, user: 'stagecraft-admin' },
      },
    ],
    'current-context': CONTEXT,
  });
}

export async function writeKubeconfig(
  path: string,
  access: ClusterAccess,
): Promise<void> {
  await writeFile(path, kubeconfigYaml(access), { mode: 0o600 });
}

/** A `@kubernetes/client-node` KubeConfig for `access`. */
export function toKubeConfig(access: ClusterAccess): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: CONTEXT,
        server: access.server,
        caFile: access.caFile,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'stagecraft-admin', token: access.token }],
    contexts: [{ name: CONTEXT, cluster: CONTEXT, user: 'stagecraft-admin' }],
    currentContext: CONTEXT,
  });
  return kc;
}
