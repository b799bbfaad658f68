import {
  KubernetesObject,
  V1ManagedFieldsEntry,
} from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { appliedFields, fieldsNoLongerSet } from './managedFields';

const apply = (fieldsV1: object): V1ManagedFieldsEntry => ({
  manager: 'stagecraft',
  operation: 'Apply',
  apiVersion: 'v1',
  fieldsV1,
});

const configMap = (
  fields: Record<string, unknown>,
  managedFields: V1ManagedFieldsEntry[] = [],
): KubernetesObject & Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'env',
    namespace: 'shop-dev',
    labels: { app: 'api', old: 'x' },
    managedFields,
  } as Manifest['metadata'],
  ...fields,
});

const ownedConfigMap = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:old': {} } },
  'f:data': { '.': {}, 'f:a': {}, 'f:b': {} },
};

describe('fieldsNoLongerSet', () => {
  it('finds nothing when desired still sets every field we own', () => {
    const live = configMap({ data: { a: '1', b: '2' } }, [
      apply(ownedConfigMap),
    ]);
    const desired: Manifest = {
      ...configMap({ data: { a: '1', b: '2' } }),
      metadata: { name: 'env', labels: { app: 'api', old: 'x' } },
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([]);
  });

  it('reports map keys and fields we own but no longer set, with their live values', () => {
    const live = configMap({ data: { a: '1', b: '2' } }, [
      apply(ownedConfigMap),
    ]);
    const desired: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'env', labels: { app: 'api' } },
      data: { a: '1' },
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([
      { path: 'metadata.labels.old', live: 'x' },
      { path: 'data.b', live: '2' },
    ]);
  });

  it('finds list elements by their keys and names them by their live index', () => {
    const owned = {
      'f:spec': {
        'f:containers': {
          'k:{"name":"sidecar"}': { '.': {}, 'f:name': {}, 'f:image': {} },
          'k:{"name":"main"}': {
            '.': {},
            'f:name': {},
            'f:command': {},
            'f:ports': {
              // The key has the defaulted protocol; the fields only what was applied.
              'k:{"containerPort":8080,"protocol":"TCP"}': {
                '.': {},
                'f:containerPort': {},
              },
            },
          },
        },
      },
    };
    const live = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', managedFields: [apply(owned)] },
      spec: {
        containers: [
          {
            name: 'main',
            command: ['serve'],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
          },
          { name: 'sidecar', image: 'proxy:1' },
        ],
      },
    };
    const desired: Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'main', ports: [{ containerPort: 8080 }] }],
      },
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([
      {
        path: 'spec.containers[1]',
        live: { name: 'sidecar', image: 'proxy:1' },
      },
      { path: 'spec.containers[0].command', live: ['serve'] },
    ]);
  });

  it('finds set elements by value', () => {
    const owned = {
      'f:metadata': { 'f:finalizers': { '.': {}, 'v:"a"': {}, 'v:"b"': {} } },
    };
    const live = {
      ...configMap({}),
      metadata: {
        name: 'env',
        finalizers: ['a', 'b'],
        managedFields: [apply(owned)],
      },
    };
    const desired: Manifest = {
      ...configMap({}),
      metadata: { name: 'env', finalizers: ['a'] } as Manifest['metadata'],
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([
      { path: 'metadata.finalizers[1]', live: 'b' },
    ]);
  });

  it('only reads what our manager applied to the object itself', () => {
    const live = configMap({ data: { a: '1', b: '2' } }, [
      { ...apply(ownedConfigMap), manager: 'kubectl' },
      { ...apply(ownedConfigMap), operation: 'Update' },
      { ...apply(ownedConfigMap), subresource: 'status' },
    ]);
    const desired: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'env' },
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([]);
  });

  it('skips owned fields the live object no longer has', () => {
    const live = configMap({ data: { a: '1' } }, [apply(ownedConfigMap)]);
    const desired: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'env', labels: { app: 'api', old: 'x' } },
      data: { a: '1' },
    };
    expect(fieldsNoLongerSet(desired, live, 'stagecraft')).toEqual([]);
  });
});

describe('appliedFields', () => {
  it('is empty for an object our manager never applied', () => {
    expect(appliedFields(configMap({}), 'stagecraft')).toEqual([]);
    expect(
      appliedFields(
        configMap({}, [{ ...apply(ownedConfigMap), manager: 'kubectl' }]),
        'stagecraft',
      ),
    ).toEqual([]);
  });

  it('returns the field sets of our applies', () => {
    expect(
      appliedFields(configMap({}, [apply(ownedConfigMap)]), 'stagecraft'),
    ).toEqual([ownedConfigMap]);
  });
});
