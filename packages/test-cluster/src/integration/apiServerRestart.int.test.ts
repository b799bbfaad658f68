import { CoreV1Api } from '@kubernetes/client-node';
import { isAlive } from '../control-plane/ProcessSupervisor';
import {
  LocalCluster,
  startLocalCluster,
} from '../control-plane/startLocalCluster';
import { describeWithCluster } from '../jest';

const pidOf = (cluster: LocalCluster, name: string) =>
  cluster.processes.find(p => p.name === name)!.pid;

describeWithCluster('restarting the kube-apiserver of a local cluster', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ mode: 'api' });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('keeps the address, the credentials and every object, and replaces only its process', async () => {
    // A client configured before the restart: the same port, CA and token must still work.
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'survivor' }, data: { kept: 'yes' } },
    });
    const etcd = pidOf(cluster, 'etcd');
    const before = pidOf(cluster, 'kube-apiserver');

    await cluster.restartApiServer();

    const after = pidOf(cluster, 'kube-apiserver');
    expect(after).not.toBe(before);
    expect(isAlive(before)).toBe(false);
    expect(isAlive(after)).toBe(true);
    expect(pidOf(cluster, 'etcd')).toBe(etcd);
    const read = await core.readNamespacedConfigMap({
      name: 'survivor',
      namespace: 'default',
    });
    expect(read.data).toEqual({ kept: 'yes' });
  });

  it('refuses connections between stopApiServer and startApiServer', async () => {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);

    await cluster.stopApiServer();
    await expect(core.readNamespace({ name: 'default' })).rejects.toThrow(
      /ECONNREFUSED/,
    );

    await cluster.startApiServer();
    await expect(
      core.readNamespace({ name: 'default' }),
    ).resolves.toMatchObject({ metadata: { name: 'default' } });
  });

  // Last: it stops the cluster.
  it('stops the new process with the rest of the cluster', async () => {
    const pids = cluster.processes.map(p => p.pid);
    expect(pids.every(isAlive)).toBe(true);

    await cluster.stop();

    expect(pids.filter(isAlive)).toEqual([]);
  });
});
