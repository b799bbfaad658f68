import { join } from 'node:path';
import { ClusterCertificates, FRONT_PROXY_CLIENT } from './certificates';

/** Command-line flags of each component, kept apart from the code that starts them. */

export function etcdArgs(
  dataDir: string,
  clientPort: number,
  peerPort: number,
): string[] {
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  return [
    '--name=default',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=default=${peer}`,
    // A throwaway store: durability is not worth the fsync latency here.
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

export function apiserverArgs(o: {
  dir: string;
  certs: ClusterCertificates;
  tokenFile: string;
  etcdClientPort: number;
  port: number;
}): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${o.etcdClientPort}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${o.port}`,
    // Keep every address on loopback; the "kubernetes" Service endpoints are not needed.
    '--advertise-address=127.0.0.1',
    '--endpoint-reconciler-type=none',
    `--cert-dir=${join(o.dir, 'apiserver')}`,
    `--tls-cert-file=${o.certs.servingCert}`,
    `--tls-private-key-file=${o.certs.servingKey}`,
    `--client-ca-file=${o.certs.caCert}`,
    `--token-auth-file=${o.tokenFile}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${o.certs.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${o.certs.serviceAccountKey}`,
    '--service-cluster-ip-range=10.96.0.0/16',
    '--allow-privileged=true',
    // Pod logs come from kwok's kubelet endpoint on the node's InternalIP, 127.0.0.1.
    `--kubelet-client-certificate=${o.certs.kubeletClientCert}`,
    `--kubelet-client-key=${o.certs.kubeletClientKey}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--profiling=false',
    // API aggregation (metrics.k8s.io is served by metrics-server): the aggregator proxies
    // with this client certificate, and extension servers trust the user it names in headers.
    `--requestheader-client-ca-file=${o.certs.caCert}`,
    `--requestheader-allowed-names=${FRONT_PROXY_CLIENT}`,
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${o.certs.frontProxyClientCert}`,
    `--proxy-client-key-file=${o.certs.frontProxyClientKey}`,
  ];
}

/** Flags shared by kube-controller-manager and kube-scheduler. */
function controllerCommonArgs(kubeconfig: string): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    '--leader-elect=false',
  ];
}

export function controllerManagerArgs(o: {
  dir: string;
  kubeconfig: string;
  certs: { caCert: string; serviceAccountKey: string };
  port: number;
}): string[] {
  return [
    ...controllerCommonArgs(o.kubeconfig),
    `--secure-port=${o.port}`,
    `--cert-dir=${join(o.dir, 'controller-manager')}`,
    `--root-ca-file=${o.certs.caCert}`,
    `--service-account-private-key-file=${o.certs.serviceAccountKey}`,
    '--use-service-account-credentials=false',
  ];
}

export function schedulerArgs(o: {
  dir: string;
  kubeconfig: string;
  port: number;
}): string[] {
  return [
    ...controllerCommonArgs(o.kubeconfig),
    `--secure-port=${o.port}`,
    `--cert-dir=${join(o.dir, 'scheduler')}`,
  ];
}

export function kwokArgs(o: {
  kubeconfig: string;
  config: string;
  port: number;
  certs: { servingCert: string; servingKey: string };
}): string[] {
  return [
    `--kubeconfig=${o.kubeconfig}`,
    `--config=${o.config}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    '--node-ip=127.0.0.1',
    `--node-port=${o.port}`,
    `--server-address=127.0.0.1:${o.port}`,
    `--tls-cert-file=${o.certs.servingCert}`,
    `--tls-private-key-file=${o.certs.servingKey}`,
    // kwok renews node Leases, which the node lifecycle controller accepts as heartbeats.
    '--node-lease-duration-seconds=40',
  ];
}
