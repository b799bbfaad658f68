import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesTarget } from '@stagecraft/plugin-stagecraft-node';
import { readFileSync } from 'node:fs';

/** A client configuration for a Kubernetes data-plane target from app-config. */
export function kubeConfigForTarget(target: KubernetesTarget): KubeConfig {
  const kc = new KubeConfig();
  const { connection } = target;
  if (connection.type === 'kubeconfig') {
    kc.loadFromFile(connection.file);
    if (connection.context) kc.setCurrentContext(connection.context);
    return kc;
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: target.name,
        server: connection.url,
        caData: connection.caData
          ? Buffer.from(connection.caData).toString('base64')
          : undefined,
        caFile: connection.caFile,
        skipTLSVerify: connection.skipTLSVerify,
      },
    ],
    users: [{ name: 'stagecraft', token: connection.token }],
    contexts: [{ name: target.name, cluster: target.name, user: 'stagecraft' }],
    currentContext: target.name,
  });
  // Fail at start-up, not at the first apply, when the CA file is missing.
  if (connection.caFile) readFileSync(connection.caFile);
  return kc;
}
