import { MANAGED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { entryId, inventoryOf, sameInventory, staleEntries } from './inventory';

const object = (
  kind: string,
  name: string,
  namespace?: string,
  apiVersion = 'v1',
) => ({ apiVersion, kind, metadata: { name, namespace } });

describe('inventory', () => {
  it('identifies objects by namespace, name, group and kind, not version', () => {
    expect(
      entryId({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop-dev',
        name: 'api',
      }),
    ).toBe('shop-dev_api_apps_Deployment');
    expect(
      entryId({ apiVersion: 'v1', kind: 'Namespace', name: 'shop-dev' }),
    ).toBe('_shop-dev__Namespace');
  });

  it('sorts the inventory by ID', () => {
    expect(
      inventoryOf([
        object('Service', 'b', 'ns'),
        object('ConfigMap', 'a', 'ns'),
      ]).map(e => e.name),
    ).toEqual(['a', 'b']);
  });

  it('finds what the next set no longer has, Namespaces last', () => {
    const previous = inventoryOf([
      object('Namespace', 'old-ns'),
      object('Service', 'api', 'old-ns'),
      object('ConfigMap', 'keep', 'ns'),
    ]);
    const next = inventoryOf([object('ConfigMap', 'keep', 'ns')]);
    expect(
      staleEntries(previous, next).map(e => `${e.kind}/${e.name}`),
    ).toEqual(['Service/api', 'Namespace/old-ns']);
  });

  it('prunes in the reverse of the table of managed kinds, unknown kinds first', () => {
    const previous = inventoryOf([
      ...MANAGED_KINDS.map(k => object(k.kind, 'x', 'ns', k.apiVersion)),
      object('Widget', 'x', 'ns', 'example.com/v1'),
    ]);
    expect(staleEntries(previous, []).map(e => e.kind)).toEqual([
      'Widget',
      ...MANAGED_KINDS.map(k => k.kind).reverse(),
    ]);
  });

  it('is empty when nothing was removed, and safe with no previous inventory', () => {
    const inv = inventoryOf([object('ConfigMap', 'a', 'ns')]);
    expect(staleEntries(inv, inv)).toEqual([]);
    expect(staleEntries([], inv)).toEqual([]);
  });

  it('tells an inventory read back from the database from a changed one', () => {
    const inv = inventoryOf([
      object('ConfigMap', 'a', 'ns'),
      object('Namespace', 'ns'),
    ]);
    // Stored as JSON: a cluster-scoped entry comes back without its namespace key.
    expect(sameInventory(JSON.parse(JSON.stringify(inv)), inv)).toBe(true);
    expect(sameInventory(inv, inv.slice(1))).toBe(false);
    expect(
      sameInventory(
        inv,
        inventoryOf([
          object('ConfigMap', 'b', 'ns'),
          object('Namespace', 'ns'),
        ]),
      ),
    ).toBe(false);
    expect(
      sameInventory(
        inv,
        inventoryOf([
          object('ConfigMap', 'a', 'ns', 'v2'),
          object('Namespace', 'ns'),
        ]),
      ),
    ).toBe(false);
  });
});
