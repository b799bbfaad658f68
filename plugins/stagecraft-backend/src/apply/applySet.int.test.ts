import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import {
  describeWithCluster,
  testCluster,
  useTestNamespace,
} from '@stagecraft/test-cluster';
import { inventoryOf } from '../inventory/inventory';
import { RequestCounter } from '../kube/RequestCounter';
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
  const deployment = (name: string, replicas = 2): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: namespace(), labels: managed },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'main',
              image: 'registry.example/api:1',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              envFrom: [],
              // Spelled the way the server does not store them.
              resources: {
                requests: { cpu: 0.1, memory: '16777216' },
                limits: { memory: '0.0625Gi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  });
  // `from` is a field client-node's models rename; it must survive the apply and the diff.
  const networkPolicy = (name: string): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: namespace(), labels: managed },
    spec: {
      podSelector: { matchLabels: { app: name } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: 'client' } } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    },
  });
  const counted = () => {
    const counter = new RequestCounter();
    return {
      counter,
      countingApplier: new ServerSideApplier(testCluster().kubeConfig(), {
        counter,
      }),
    };
  };
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
      {
        ref: `ConfigMap ${namespace()}/two`,
        action: 'configured',
        fields: [{ path: 'data.a', desired: '2', live: '1' }],
      },
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

  it('writes nothing of a stage when the object it applies without a dry run is the one rejected', async () => {
    const { countingApplier, counter } = counted();
    const invalid = configMap('first-bad');
    (invalid as any).data = { 'not a key!': 'x' };
    const attempt = countingApplier.applyAll([invalid, configMap('after')]);
    await expect(attempt).rejects.toThrow(DryRunError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`ConfigMap ${namespace()}/first-bad: `),
    );
    // The other object was only dry-run; the rejected one was the stage's only write attempt.
    expect(counter.counts()).toMatchObject({ 'patch-dry-run': 1, patch: 1 });
    await expect(exists('after')).resolves.toBe(false);
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

  it('sends no write at all when the set is applied again unchanged', async () => {
    const { countingApplier, counter } = counted();
    const manifests = () => [
      configMap('env'),
      deployment('api'),
      networkPolicy('api'),
    ];
    const first = await applySet({
      applier: countingApplier,
      manifests: manifests(),
      previous: [],
    });
    expect(first.changes.map(c => c.action)).toEqual([
      'created',
      'created',
      'created',
    ]);

    counter.reset();
    const again = await applySet({
      applier: countingApplier,
      manifests: manifests(),
      previous: first.inventory,
    });
    // In apply order (the table of managed kinds): the policy first.
    expect(again.changes).toEqual([
      { ref: `NetworkPolicy ${namespace()}/api`, action: 'unchanged' },
      { ref: `ConfigMap ${namespace()}/env`, action: 'unchanged' },
      { ref: `Deployment ${namespace()}/api`, action: 'unchanged' },
    ]);
    // One read per object; not even a dry run.
    expect(counter.counts()).toEqual({ get: 3 });
  });

  it('writes only the object whose field someone edited by hand', async () => {
    const { countingApplier, counter } = counted();
    const manifests = [configMap('env'), deployment('api', 2)];
    const first = await applySet({
      applier: countingApplier,
      manifests,
      previous: [],
    });
    const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
    // What `kubectl scale` does: a JSON patch of the scale subresource.
    await apps.patchNamespacedDeploymentScale({
      name: 'api',
      namespace: namespace(),
      body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
    });

    counter.reset();
    const again = await applySet({
      applier: countingApplier,
      manifests,
      previous: first.inventory,
    });
    expect(again.changes).toEqual([
      { ref: `ConfigMap ${namespace()}/env`, action: 'unchanged' },
      {
        ref: `Deployment ${namespace()}/api`,
        action: 'configured',
        fields: [{ path: 'spec.replicas', desired: 2, live: 5 }],
      },
    ]);
    // One object to write: its apply is its own dry run (a rejection writes nothing).
    expect(counter.counts()).toEqual({ get: 2, patch: 1 });
    const healed = await apps.readNamespacedDeployment({
      name: 'api',
      namespace: namespace(),
    });
    expect(healed.spec?.replicas).toBe(2);
  });

  it('applies an object again to remove a field it no longer sets', async () => {
    const { countingApplier, counter } = counted();
    const first = await applySet({
      applier: countingApplier,
      manifests: [configMap('env', { a: '1', b: '2' })],
      previous: [],
    });
    counter.reset();
    const again = await applySet({
      applier: countingApplier,
      manifests: [configMap('env', { a: '1' })],
      previous: first.inventory,
    });
    expect(again.changes).toEqual([
      {
        ref: `ConfigMap ${namespace()}/env`,
        action: 'configured',
        fields: [{ path: 'data.b', live: '2' }],
      },
    ]);
    expect(counter.writes()).toBe(1);
    const live = await core().readNamespacedConfigMap({
      name: 'env',
      namespace: namespace(),
    });
    expect(live.data).toEqual({ a: '1' });
  });

  it('applies matching objects anyway when forced', async () => {
    const { countingApplier, counter } = counted();
    await countingApplier.applyAll([configMap('env')]);
    counter.reset();
    const changes = await countingApplier.applyAll([configMap('env')], {
      force: true,
    });
    expect(changes.map(c => c.action)).toEqual(['unchanged']);
    expect(counter.counts()).toEqual({ get: 1, patch: 1 });
  });

  it('still dry-runs every changed object of a stage before writing any', async () => {
    const { countingApplier, counter } = counted();
    await countingApplier.applyAll([configMap('same'), configMap('changed')]);
    const invalid = configMap('bad');
    (invalid as any).data = { 'not a key!': 'x' };
    counter.reset();
    await expect(
      countingApplier.applyAll([
        configMap('same'),
        configMap('changed', { a: '2' }),
        invalid,
      ]),
    ).rejects.toThrow(DryRunError);
    expect(counter.counts()).toEqual({ get: 3, 'patch-dry-run': 2 });
    const changed = await core().readNamespacedConfigMap({
      name: 'changed',
      namespace: namespace(),
    });
    expect(changed.data).toEqual({ a: '1' });
  });
});
