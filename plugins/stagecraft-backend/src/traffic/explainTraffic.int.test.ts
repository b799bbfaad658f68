import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { KubernetesObject } from '@kubernetes/client-node';
import {
  componentPods,
  evaluateTraffic,
  Manifest,
} from '@stagecraft/plugin-stagecraft-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { ObjectClient } from '../kube/ObjectClient';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { evaluatePath } from './evaluatePath';
import { TrafficService } from './TrafficService';

/*
 * explain-traffic decides from the objects the control plane plans; this test checks that the
 * cluster would decide the same. A small project is deployed to the real API server through the
 * reconciler's own apply path (KubernetesDataPlane, server-side apply), then its NetworkPolicies,
 * Namespaces and Deployments are read back as JSON — as the API server stored them, defaulted
 * fields included — and the same evaluator runs over them. The local cluster has no CNI, so no
 * packet is sent: what is compared is the verdict and the rules behind it.
 */

const databases = createTestDatabases();
const jane = { credentials: mockCredentials.user('user:default/jane') };

describeWithCluster(
  'explain-traffic against the objects the cluster stores',
  () => {
    const project = `t${randomBytes(3).toString('hex')}`;
    const namespace = `${project}-dev`;
    const kubeConfig = () => testCluster().kubeConfig();
    // api serves `${project}-api` (visibility project); worker declares it, auditor does not.
    const entities = [
      ...testCatalog(project),
      component('auditor', project, { type: 'worker', replicas: 1 }),
    ];
    let traffic: TrafficService;

    beforeAll(async () => {
      const kc = kubeConfig();
      const h = createControlPlaneHarness({
        knex: await databases.migrated('SQLITE_3'),
        entities,
        dataPlanes: new Map([
          [
            'local',
            new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
          ],
        ]),
      });
      h.controlPlane.start();
      await h.triggerCatalog();
      await h.controlPlane.idle();
      await h.controlPlane.stop();
      traffic = new TrafficService({
        store: h.store,
        catalog: async () => new CatalogSnapshot(entities),
        permissions: mockServices.permissions(),
      });
    });

    afterAll(async () => {
      await new ObjectClient(kubeConfig())
        .delete({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: namespace },
        })
        .catch(() => undefined);
    });

    /** The objects as the API server stores them, in JSON (typed models rename `from`). */
    async function liveObjects(): Promise<Manifest[]> {
      const client = new ObjectClient(kubeConfig());
      const list = async (apiVersion: string, kind: string, ns?: string) =>
        (await client.list(apiVersion, kind, ns)).items.map(
          (item: KubernetesObject) =>
            ({ ...item, apiVersion, kind } as Manifest),
        );
      return [
        ...(await list('networking.k8s.io/v1', 'NetworkPolicy', namespace)),
        ...(await list('apps/v1', 'Deployment', namespace)),
        ...(await list('v1', 'Namespace')),
      ];
    }

    it.each([
      ['worker', `endpoint:default/${project}-api`, undefined, true],
      ['auditor', `endpoint:default/${project}-api`, undefined, false],
      ['worker', 'component:default/api', 9999, false],
      ['api', 'component:default/worker', 8080, false],
    ])(
      '%s → %s (port %s): the stored objects give the same verdict and evidence',
      async (from, to, port, allowed) => {
        const explanation = await traffic.explainTraffic(
          {
            fromRef: `component:default/${from}`,
            toRef: to,
            port,
            environment: 'dev',
          },
          jane,
        );
        expect(explanation.allowed).toBe(allowed);

        const live = await liveObjects();
        const policies = live.filter(m => m.kind === 'NetworkPolicy');
        expect(policies.length).toBeGreaterThan(1);
        // Read from the API server, not the plan: stored objects carry their uid.
        expect(policies.every(p => (p.metadata as { uid?: string }).uid)).toBe(
          true,
        );
        const [source] = componentPods(live, from);
        const [destination] = componentPods(
          live,
          explanation.toRef.split('/')[1],
        );
        expect(source.labels).toEqual(explanation.evidence.sourcePod?.labels);
        const verdict = evaluateTraffic({
          manifests: live,
          from: source,
          to: destination,
          port: explanation.evidence.destinationPort.port,
          protocol: explanation.evidence.destinationPort.protocol,
        });
        expect(verdict.allowed).toBe(explanation.allowed);
        const stored = evaluatePath({
          plan: { deployments: [], plans: new Map(), manifests: live },
          fromRef: `component:default/${from}`,
          toRef: explanation.toRef,
          port: explanation.evidence.destinationPort.port,
          protocol: explanation.evidence.destinationPort.protocol,
        });
        expect(explanation.evidence.policies.length).toBeGreaterThan(0);
        expect(stored.policies).toEqual(explanation.evidence.policies);
      },
    );
  },
);
