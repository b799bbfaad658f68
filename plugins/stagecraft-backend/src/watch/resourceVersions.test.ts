import { KubernetesObject } from '@kubernetes/client-node';
import { relistEvents } from './resourceVersions';

const configMaps = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
};
const item = (name: string, resourceVersion: string, namespace = 'ns') =>
  ({ metadata: { name, namespace, resourceVersion } } as KubernetesObject);
const typed = (name: string, resourceVersion: string, namespace = 'ns') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, resourceVersion },
});

describe('relistEvents', () => {
  it('reports every object of a first list as ADDED, with apiVersion and kind filled in', () => {
    const { events, versions } = relistEvents(configMaps, new Map(), [
      item('a', '1'),
      item('b', '2'),
    ]);
    expect(events).toEqual([
      { type: 'ADDED', object: typed('a', '1') },
      { type: 'ADDED', object: typed('b', '2') },
    ]);
    expect([...versions]).toEqual([
      ['ns/a', '1'],
      ['ns/b', '2'],
    ]);
  });

  it('reports changed versions as MODIFIED, new objects as ADDED and vanished ones as DELETED', () => {
    const known = new Map([
      ['ns/same', '1'],
      ['ns/changed', '2'],
      ['ns/gone', '3'],
    ]);
    const { events } = relistEvents(configMaps, known, [
      item('same', '1'),
      item('changed', '7'),
      item('new', '8'),
    ]);
    expect(events).toEqual([
      { type: 'MODIFIED', object: typed('changed', '7') },
      { type: 'ADDED', object: typed('new', '8') },
      { type: 'DELETED', object: typed('gone', '3') },
    ]);
  });

  it('names vanished cluster-scoped objects without a namespace', () => {
    const { events } = relistEvents(
      configMaps,
      new Map([['/global', '4']]),
      [],
    );
    expect(events).toEqual([
      {
        type: 'DELETED',
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'global', resourceVersion: '4' },
        },
      },
    ]);
  });
});
