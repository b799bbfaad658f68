import {
  ApiregistrationV1Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';

/** How often metrics-server scrapes kwok's kubelets: its minimum, so tests wait little. */
export const METRIC_RESOLUTION_SECONDS = 10;

const NAMESPACE = 'kube-system';
const SERVICE = 'metrics-server';
const API_SERVICE = 'v1beta1.metrics.k8s.io';

export function metricsServerArgs(o: {
  kubeconfig: string;
  port: number;
  certs: {
    caCert: string;
    metricsServerCert: string;
    metricsServerKey: string;
  };
}): string[] {
  return [
    `--kubeconfig=${o.kubeconfig}`,
    `--authentication-kubeconfig=${o.kubeconfig}`,
    `--authorization-kubeconfig=${o.kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${o.port}`,
    `--tls-cert-file=${o.certs.metricsServerCert}`,
    `--tls-private-key-file=${o.certs.metricsServerKey}`,
    // kwok's kubelet endpoint: the port in each fake node's status, on its InternalIP
    // (127.0.0.1), at the path its `metrics.k8s.io/resource-metrics-path` annotation names.
    '--kubelet-use-node-status-port',
    '--kubelet-preferred-address-types=InternalIP',
    `--kubelet-certificate-authority=${o.certs.caCert}`,
    `--metric-resolution=${METRIC_RESOLUTION_SECONDS}s`,
    // Must be shorter than the resolution; kwok answers on loopback in milliseconds.
    '--kubelet-request-timeout=5s',
    '--profiling=false',
  ];
}

/**
 * Registers metrics-server as the `metrics.k8s.io` APIService. The Service is an ExternalName
 * for 127.0.0.1: the aggregator (without `--enable-aggregator-routing`) dials an ExternalName
 * service's name and the APIService's port as they are, whereas Endpoints may not hold a
 * loopback address and a ClusterIP leads nowhere outside a pod network. The aggregator checks
 * metrics-server's certificate against the cluster CA for `metrics-server.kube-system.svc`.
 */
export async function registerMetricsApi(
  kc: KubeConfig,
  o: { port: number; caCert: string },
): Promise<void> {
  await kc.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: NAMESPACE,
    body: {
      metadata: { name: SERVICE, labels: { 'k8s-app': SERVICE } },
      spec: {
        type: 'ExternalName',
        externalName: '127.0.0.1',
        ports: [{ name: 'https', port: o.port, protocol: 'TCP' }],
      },
    },
  });
  await kc.makeApiClient(ApiregistrationV1Api).createAPIService({
    body: {
      metadata: { name: API_SERVICE, labels: { 'k8s-app': SERVICE } },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { namespace: NAMESPACE, name: SERVICE, port: o.port },
        caBundle: (await readFile(o.caCert)).toString('base64'),
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  });
}

/** True once the aggregator reports the metrics API Available (it reached metrics-server). */
export async function metricsApiAvailable(kc: KubeConfig): Promise<boolean> {
  const service = await kc
    .makeApiClient(ApiregistrationV1Api)
    .readAPIService({ name: API_SERVICE });
  return (
    service.status?.conditions?.some(
      c => c.type === 'Available' && c.status === 'True',
    ) ?? false
  );
}
