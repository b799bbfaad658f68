import { CoreV1Api } from '@kubernetes/client-node';
import { join } from 'node:path';
import { ControlPlaneBinaries } from './binaries';
import {
  controllerManagerArgs,
  kwokArgs,
  schedulerArgs,
} from './componentArgs';
import { ClusterAccess, toKubeConfig } from './kubeconfig';
import { freePort } from './freePort';
import { ProcessSupervisor } from './ProcessSupervisor';
import { nodeIsReady, serviceAccountExists } from './probes';
import { crashedComponent } from './startLocalCluster';
import { waitFor } from './waitFor';
import { resourceMetricsPath } from '../telemetry/kwokUsage';

/** Name of the n-th fake node. */
export const fakeNodeName = (index: number) => `kwok-node-${index}`;

/**
 * `full` mode: starts kube-controller-manager, kube-scheduler and kwok, registers fake nodes
 * and waits until they are Ready and the controllers work (the default ServiceAccount exists).
 */
export async function startControllers(o: {
  binaries: ControlPlaneBinaries;
  dir: string;
  supervisor: ProcessSupervisor;
  access: ClusterAccess;
  kubeconfigPath: string;
  kwokConfig: string;
  nodes: number;
  timeoutMs: number;
}): Promise<{ kwokPort: number }> {
  const certs = {
    caCert: o.access.caFile,
    serviceAccountKey: join(o.dir, 'sa.key'),
    servingCert: join(o.dir, 'serving.crt'),
    servingKey: join(o.dir, 'serving.key'),
  };
  const [kcmPort, schedulerPort, kwokPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
  ]);
  const kubeconfig = o.kubeconfigPath;
  o.supervisor.start(
    'kube-controller-manager',
    o.binaries.kubeControllerManager,
    controllerManagerArgs({ dir: o.dir, kubeconfig, certs, port: kcmPort }),
  );
  o.supervisor.start(
    'kube-scheduler',
    o.binaries.kubeScheduler,
    schedulerArgs({ dir: o.dir, kubeconfig, port: schedulerPort }),
  );
  o.supervisor.start(
    'kwok',
    o.binaries.kwok,
    kwokArgs({ kubeconfig, config: o.kwokConfig, port: kwokPort, certs }),
    // kwok v0.8.0 builds each stage's CEL environment lazily without a lock
    // (lifecycle.(*Stage).init), and two first events at once can panic it: it crashed one
    // CI run's start-up that way. It keeps no state of its own, so a fresh one carries on.
    { relaunchesAfterPanic: 3 },
  );

  const core = toKubeConfig(o.access).makeApiClient(CoreV1Api);
  for (let i = 0; i < o.nodes; i++) {
    await core.createNode({ body: fakeNode(fakeNodeName(i)) });
  }

  const abort = crashedComponent(o.supervisor);
  for (let i = 0; i < o.nodes; i++) {
    await waitFor(
      `fake node ${fakeNodeName(i)} to be Ready`,
      () => nodeIsReady(o.access, fakeNodeName(i)),
      { timeoutMs: o.timeoutMs, abort },
    );
  }
  await waitFor(
    'the default ServiceAccount (kube-controller-manager running)',
    () => serviceAccountExists(o.access, 'default', 'default'),
    { timeoutMs: o.timeoutMs, abort },
  );
  return { kwokPort };
}

/** A node kwok manages (selected by its annotation); its status is filled in by kwok. */
function fakeNode(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'kwok.x-k8s.io/node': 'fake',
        'node.alpha.kubernetes.io/ttl': '0',
        // Where metrics-server finds this node's kubelet resource metrics (kwok serves them
        // per node; see ../telemetry/kwokUsage.ts).
        'metrics.k8s.io/resource-metrics-path': resourceMetricsPath(name),
      },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
    spec: {},
  };
}
