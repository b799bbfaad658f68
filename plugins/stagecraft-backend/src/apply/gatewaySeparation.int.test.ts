import { Entity } from '@backstage/catalog-model';
import { CoreV1Api, KubernetesObject, V1Pod } from '@kubernetes/client-node';
import {
  compileEnvironment,
  isTrafficAllowed,
  Manifest,
} from '@stagecraft/plugin-stagecraft-node';
import {
  describeWithCluster,
  installAddons,
  testCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { component } from '../__testUtils__/entities';
import { ObjectClient } from '../kube/ObjectClient';
import { ServerSideApplier } from './ServerSideApplier';

/*
 * Gateway separation on a real API server. The local cluster runs kwok nodes and no CNI, so
 * nothing here enforces NetworkPolicy and no packet is sent: what this test proves is what
 * the API server STORES. It applies the compiled objects with the reconciler's applier,
 * creates labelled stand-in proxy pods, reads the policies, namespaces and pods back as JSON,
 * and runs the evaluator the unit tests use (isTrafficAllowed, Kubernetes' NetworkPolicy
 * semantics) over those live objects. A CNI enforcing the stored policies would decide the same.
 */

/** Polls until `probe` gives a value (errors count as "not yet"), for up to 30 s. */
async function poll<T>(what: string, probe: () => Promise<T | undefined>) {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after 30 s waiting for ${what}`);
}

const endpoint = (name: string, owner: string, visibility: string): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Endpoint',
  metadata: { name, namespace: 'default' },
  spec: { component: owner, protocol: 'http', port: 8080, visibility },
});

/** A pod the restricted Pod Security level admits; kwok "runs" it on a fake node. */
const pod = (name: string, labels: Record<string, string>): V1Pod => ({
  metadata: { name, labels },
  spec: {
    securityContext: {
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'proxy',
        image: 'registry.example/proxy:1',
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  },
});

describeWithCluster('gateway separation on the local cluster', () => {
  const suffix = randomBytes(3).toString('hex');
  const envName = `gw${suffix}`;
  const project = 'shop';
  const projectNamespace = `${project}-${envName}`;
  const gatewayNamespace = `gateways-${suffix}`;
  const internalLabels = { 'stagecraft.dev/gateway': 'internal' };
  const publicLabels = { 'stagecraft.dev/gateway': 'public' };
  const kubeConfig = () => testCluster().kubeConfig();
  const core = () => kubeConfig().makeApiClient(CoreV1Api);

  const entities: Entity[] = [
    {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: envName, namespace: 'default' },
      spec: {
        target: 'local',
        gateway: {
          internalHost: 'in.example',
          publicHost: 'www.example',
          namespace: gatewayNamespace,
          internalPods: { labels: internalLabels },
          publicPods: { labels: publicLabels },
        },
        policy: {
          defaultResources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { memory: '64Mi' },
          },
        },
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: project, namespace: 'default' },
      spec: { owner: 'team-a' },
    },
    component('orders', project, { type: 'service', replicas: 1 }),
    endpoint('orders-http', 'orders', 'organization'),
    component('web', project, { type: 'web-app', replicas: 1 }),
    endpoint('web-http', 'web', 'public'),
    component('ledger', project, { type: 'service', replicas: 1 }),
    endpoint('ledger-http', 'ledger', 'project'),
  ];

  beforeAll(async () => {
    await installAddons(kubeConfig()); // the HTTPRoute CRD the routes need
    const { manifests, diagnostics } = compileEnvironment({
      entities,
      environment: envName,
    });
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0)
      throw new Error(errors.map(d => d.message).join('\n'));
    await new ServerSideApplier(kubeConfig()).applyAll(manifests);

    await core().createNamespace({
      body: { metadata: { name: gatewayNamespace } },
    });
    const pods: [string, V1Pod][] = [
      [gatewayNamespace, pod('internal-proxy', internalLabels)],
      [gatewayNamespace, pod('public-proxy', publicLabels)],
      [gatewayNamespace, pod('debug', { app: 'debug' })],
      // The internal gateway's labels on a pod outside the gateway namespace.
      [projectNamespace, pod('impostor', internalLabels)],
    ];
    for (const [namespace, body] of pods) {
      // Admission refuses pods until the namespace's default ServiceAccount exists.
      await poll(`the default ServiceAccount of ${namespace}`, () =>
        core()
          .readNamespacedServiceAccount({ name: 'default', namespace })
          .then(() => true),
      );
      await core().createNamespacedPod({ namespace, body });
    }
  });

  afterAll(async () => {
    for (const name of [projectNamespace, gatewayNamespace])
      await core()
        .deleteNamespace({ name })
        .catch(() => undefined);
  });

  /**
   * The policies and namespaces as the API server stores them, as JSON: client-node's typed
   * models would rename a policy's `from` to `_from`, which reads as "from everyone".
   */
  async function liveObjects(): Promise<Manifest[]> {
    const client = new ObjectClient(kubeConfig());
    const list = async (apiVersion: string, kind: string, namespace?: string) =>
      (await client.list(apiVersion, kind, namespace)).items.map(
        (item: KubernetesObject) => ({ ...item, apiVersion, kind } as Manifest),
      );
    return [
      ...(await list(
        'networking.k8s.io/v1',
        'NetworkPolicy',
        projectNamespace,
      )),
      ...(await list('v1', 'Namespace')),
    ];
  }

  /** A pod's identity as the API server stores it; Deployment pods appear once scheduled. */
  const livePod = (namespace: string, selector: string) =>
    poll(`a pod ${selector} in ${namespace}`, async () => {
      const { items } = await core().listNamespacedPod({
        namespace,
        labelSelector: selector,
      });
      return items[0] && { namespace, labels: items[0].metadata!.labels ?? {} };
    });

  it('stores policies that admit each gateway exactly to the endpoints it routes to', async () => {
    const manifests = await liveObjects();
    const sources = {
      internal: await livePod(
        gatewayNamespace,
        'stagecraft.dev/gateway=internal',
      ),
      public: await livePod(gatewayNamespace, 'stagecraft.dev/gateway=public'),
      unlabelled: await livePod(gatewayNamespace, 'app=debug'),
      impostor: await livePod(
        projectNamespace,
        'stagecraft.dev/gateway=internal',
      ),
    };
    const targets = {
      'orders-http (organization)': 'orders',
      'web-http (public)': 'web',
      'ledger-http (project)': 'ledger',
    };
    const verdicts: Record<string, string[]> = {};
    for (const [endpointName, componentName] of Object.entries(targets)) {
      const to = await livePod(
        projectNamespace,
        `stagecraft.dev/component=${componentName}`,
      );
      verdicts[endpointName] = Object.entries(sources)
        .filter(([, from]) =>
          isTrafficAllowed({ manifests, from, to, port: 8080 }),
        )
        .map(([name]) => name);
    }
    expect(verdicts).toEqual({
      'orders-http (organization)': ['internal'],
      'web-http (public)': ['internal', 'public'],
      'ledger-http (project)': [],
    });
  });
});
