import { KubernetesObject } from '@kubernetes/client-node';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { SyncRequest, SyncResult } from '../targets/DataPlane';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';

// One release, one pass: the drift watch sees a reconcile's own writes while it runs (judged
// against the previous release's objects they look like drift). They are judged again once the
// run has set the new desired objects, so they queue nothing; a real change by someone else
// during the run still queues one more pass.

const databases = createTestDatabases();
const api = { componentRef: 'component:default/api', environment: 'dev' };

/** A data plane whose writes come back through the drift watch before the sync returns. */
class EchoingDataPlane extends RecordingDataPlane {
  echo?: (event: ManagedObjectEvent) => void;
  /** Also reports this foreign change of an object, as if someone edited it meanwhile. */
  foreign?: (manifests: KubernetesObject[]) => KubernetesObject;
  async sync(request: SyncRequest): Promise<SyncResult> {
    const result = await super.sync(request);
    for (const object of request.manifests)
      this.echo?.({ type: 'MODIFIED', object: structuredClone(object) });
    if (this.foreign)
      this.echo?.({
        type: 'MODIFIED',
        object: this.foreign(request.manifests),
      });
    this.foreign = undefined;
    return result;
  }
}

async function setUp() {
  const plane = new EchoingDataPlane();
  const runs: string[] = [];
  const h = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities: testCatalog('shop'),
    dataPlanes: new Map([['local', plane]]),
    observer: { started: key => runs.push(deploymentKeyString(key)) },
  });
  plane.echo = event => h.controlPlane.onWatchEvent(event);
  h.controlPlane.start();
  await h.triggerCatalog();
  await h.controlPlane.idle();
  /** Releases api with image tag `tag` and counts the passes of api in dev it caused. */
  const release = async (tag: number) => {
    const before = runs.length;
    h.setEntities([
      ...testCatalog('shop').filter(e => e.metadata.name !== 'api'),
      component('api', 'shop', {
        type: 'service',
        image: `registry.example/api:${tag}`,
      }),
    ]);
    await h.triggerCatalog();
    await h.controlPlane.idle();
    return runs.slice(before).filter(k => k === deploymentKeyString(api))
      .length;
  };
  return { ...h, plane, release };
}

describe('queueing a deployment after one release', () => {
  it('runs one pass although the watch reports every object the pass wrote', async () => {
    const h = await setUp();
    try {
      expect(await h.release(2)).toBe(1);
      expect(await h.release(3)).toBe(1);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('runs once more when someone else changed an object during the pass', async () => {
    const h = await setUp();
    try {
      h.plane.foreign = manifests => {
        const deployment = structuredClone(
          manifests.find(m => m.kind === 'Deployment')!,
        ) as KubernetesObject & { spec: { replicas: number } };
        deployment.spec.replicas = 7;
        return deployment;
      };
      expect(await h.release(2)).toBe(2);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
