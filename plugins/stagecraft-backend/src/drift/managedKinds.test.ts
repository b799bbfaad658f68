import { KubeConfig } from '@kubernetes/client-node';
import { MANAGED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { WatcherLogger } from '../watch/KindWatcher';
import { ManagedObjectWatcher } from './ManagedObjectWatcher';
import { collectionPath } from '../kube/watchedKinds';

describe('the kinds the drift watch lists', () => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const logger: WatcherLogger = { info() {}, warn() {}, error() {} };

  it('are the rows of the table of managed kinds marked watched', () => {
    const watcher = new ManagedObjectWatcher({
      kubeConfig,
      logger,
      onEvent: () => {},
    });
    expect(watcher.watchedKinds.map(k => k.kind)).toEqual(
      MANAGED_KINDS.filter(k => k.watched).map(k => k.kind),
    );
  });

  it('are found under their group, version and plural', () => {
    const path = (kind: string) =>
      collectionPath(MANAGED_KINDS.find(k => k.kind === kind)!);
    expect(path('ConfigMap')).toBe('/api/v1/configmaps');
    expect(path('HTTPRoute')).toBe(
      '/apis/gateway.networking.k8s.io/v1/httproutes',
    );
  });
});
