import {
  KubernetesObjectApi,
  PatchStrategy,
  V1ConfigMap,
} from '@kubernetes/client-node';
import { describeWithCluster, testCluster, useTestNamespace } from '../jest';

describeWithCluster('server-side apply on the local cluster', () => {
  const namespace = useTestNamespace('ssa');
  const api = () =>
    KubernetesObjectApi.makeApiClient(testCluster().kubeConfig());

  const configMap = (data: Record<string, string>): V1ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: namespace() },
    data,
  });
  const apply = (object: V1ConfigMap, fieldManager: string, force = false) =>
    api().patch(
      object,
      undefined,
      undefined,
      fieldManager,
      force,
      PatchStrategy.ServerSideApply,
    );

  it('creates an object and records the field manager', async () => {
    const created = await apply(configMap({ color: 'blue' }), 'stagecraft');
    expect(created.data).toEqual({ color: 'blue' });
    expect(
      created.metadata?.managedFields?.map(f => [f.manager, f.operation]),
    ).toEqual([['stagecraft', 'Apply']]);
  });

  it('updates fields it owns and removes fields it stops applying', async () => {
    await apply(configMap({ color: 'blue', size: 'large' }), 'stagecraft');
    const updated = await apply(configMap({ color: 'green' }), 'stagecraft');
    expect(updated.data).toEqual({ color: 'green' });
  });

  it('reports a conflict when another manager owns the field, and takes it over when forced', async () => {
    await apply(configMap({ color: 'blue' }), 'stagecraft');
    await apply(configMap({ color: 'red' }), 'someone-else', true);

    await expect(
      apply(configMap({ color: 'blue' }), 'stagecraft'),
    ).rejects.toMatchObject({ code: 409 });

    const forced = await apply(
      configMap({ color: 'blue' }),
      'stagecraft',
      true,
    );
    expect(forced.data).toEqual({ color: 'blue' });
    const owners = forced.metadata?.managedFields?.filter(f =>
      JSON.stringify(f.fieldsV1).includes('f:color'),
    );
    expect(owners?.map(f => f.manager)).toEqual(['stagecraft']);
  });

  it('validates objects on the server', async () => {
    await expect(
      apply(configMap({ 'not a valid key!': 'x' }), 'stagecraft'),
    ).rejects.toMatchObject({ code: 422 });
  });
});
