import { CoreV1Api } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import {
  describeWithCluster,
  testCluster,
  useTestNamespace,
} from '@stagecraft/test-cluster';
import { inventoryOf } from '../inventory/inventory';
import { applySet } from './applySet';
import { DryRunError, EmptySetError } from './errors';
import { ServerSideApplier } from './ServerSideApplier';

const managed = { 'app.kubernetes.io/managed-by': 'stagecraft' };

describeWithCluster('applySet on the local cluster', () => {
  const namespace = useTestNamespace('apply');
  const applier = () => new ServerSideApplier(testCluster().kubeConfig());
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);
  const configMap = (
    name: string,
    data: Record<string, string> = { a: '1' },
  ): Manifest => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: namespace(), labels: managed },
    data,
  });
  const exists = (name: string) =>
    core()
      .readNamespacedConfigMap({ name, namespace: namespace() })
      .then(
        () => true,
        () => false,
      );

  it('creates, then reports unchanged and configured objects', async () => {
    const first = await applySet({
      applier: applier(),
      manifests: [configMap('one'), configMap('two')],
      previous: [],
    });
    expect(first.changes.map(c => c.action)).toEqual(['created', 'created']);

    const again = await applySet({
      applier: applier(),
      manifests: [configMap('one'), configMap('two', { a: '2' })],
      previous: first.inventory,
    });
    expect(again.changes).toEqual([
      { ref: `ConfigMap ${namespace()}/one`, action: 'unchanged' },
      { ref: `ConfigMap ${namespace()}/two`, action: 'configured' },
    ]);
  });

  it('prunes what the previous inventory had and the new set lacks', async () => {
    const first = await applySet({
      applier: applier(),
      manifests: [configMap('keep'), configMap('drop')],
      previous: [],
    });
    const second = await applySet({
      applier: applier(),
      manifests: [configMap('keep')],
      previous: first.inventory,
    });
    expect(second.changes).toContainEqual({
      ref: `ConfigMap ${namespace()}/drop`,
      action: 'deleted',
    });
    await expect(exists('drop')).resolves.toBe(false);
    await expect(exists('keep')).resolves.toBe(true);
  });

  it('never deletes an object that carries our labels but is not in our inventory', async () => {
    await core().createNamespacedConfigMap({
      namespace: namespace(),
      body: { metadata: { name: 'someone-elses', labels: managed } },
    });
    const first = await applySet({
      applier: applier(),
      manifests: [configMap('ours')],
      previous: [],
    });
    await applySet({
      applier: applier(),
      manifests: [configMap('ours', { a: '3' })],
      previous: first.inventory,
    });
    await expect(exists('someone-elses')).resolves.toBe(true);
  });

  it('never deletes an unlabelled object, even one listed in the previous inventory', async () => {
    await core().createNamespacedConfigMap({
      namespace: namespace(),
      body: { metadata: { name: 'handmade' } },
    });
    const previous = inventoryOf([configMap('handmade'), configMap('ours')]);
    const result = await applySet({
      applier: applier(),
      manifests: [configMap('ours')],
      previous,
    });
    expect(result.changes).toContainEqual({
      ref: `ConfigMap ${namespace()}/handmade`,
      action: 'skipped',
      reason: 'not labelled as managed by Stagecraft',
    });
    await expect(exists('handmade')).resolves.toBe(true);
  });

  it('applies nothing of a set the server rejects, and names every rejected object', async () => {
    const invalid = configMap('bad');
    (invalid as any).data = { 'not a key!': 'x' };
    const attempt = applySet({
      applier: applier(),
      manifests: [configMap('fine'), invalid],
      previous: [],
    });
    await expect(attempt).rejects.toThrow(DryRunError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`ConfigMap ${namespace()}/bad: `),
    );
    await expect(exists('fine')).resolves.toBe(false);
  });

  it('refuses to prune everything unless it is an explicit undeploy', async () => {
    const first = await applySet({
      applier: applier(),
      manifests: [configMap('only')],
      previous: [],
    });
    await expect(
      applySet({
        applier: applier(),
        manifests: [],
        previous: first.inventory,
      }),
    ).rejects.toThrow(EmptySetError);
    await expect(exists('only')).resolves.toBe(true);

    const undeploy = await applySet({
      applier: applier(),
      manifests: [],
      previous: first.inventory,
      undeploy: true,
    });
    expect(undeploy.changes).toEqual([
      { ref: `ConfigMap ${namespace()}/only`, action: 'deleted' },
    ]);
    await expect(exists('only')).resolves.toBe(false);
  });

  it('reverts a hand edit of a field it owns on the next apply', async () => {
    const first = await applySet({
      applier: applier(),
      manifests: [configMap('owned', { a: '1' })],
      previous: [],
    });
    const live = await core().readNamespacedConfigMap({
      name: 'owned',
      namespace: namespace(),
    });
    await core().replaceNamespacedConfigMap({
      name: 'owned',
      namespace: namespace(),
      body: { ...live, data: { a: 'edited by hand' } },
    });

    const again = await applySet({
      applier: applier(),
      manifests: [configMap('owned', { a: '1' })],
      previous: first.inventory,
    });
    expect(again.changes.map(c => c.action)).toEqual(['configured']);
    const healed = await core().readNamespacedConfigMap({
      name: 'owned',
      namespace: namespace(),
    });
    expect(healed.data).toEqual({ a: '1' });
  });
});
