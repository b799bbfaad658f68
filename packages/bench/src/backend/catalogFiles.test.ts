import { benchCatalog } from '../reconcile/benchCatalog';
import { catalogFiles, catalogLayout } from './catalogFiles';

describe('catalogFiles', () => {
  const entities = benchCatalog({ components: 120, perProject: 50 });

  it('writes every entity into one file by default', () => {
    expect(catalogLayout({})).toBe('one');
    expect(catalogFiles(entities, 'one')).toEqual([
      { name: 'catalog', entities },
    ]);
  });

  it('keeps each project in a file of its own, every entity exactly once', () => {
    const files = catalogFiles(entities, 'per-project');
    expect(files.map(f => f.name).sort()).toEqual([
      'platform',
      'project-p0',
      'project-p1',
      'project-p2',
    ]);
    expect(files.flatMap(f => f.entities)).toHaveLength(entities.length);
    expect(new Set(files.flatMap(f => f.entities))).toEqual(new Set(entities));
    const p1 = files.find(f => f.name === 'project-p1')!.entities;
    expect(p1.filter(e => e.kind === 'Component')).toHaveLength(50);
    // An Endpoint sits with the component that serves it.
    const names = new Set(
      p1.filter(e => e.kind === 'Component').map(e => e.metadata.name),
    );
    for (const endpoint of p1.filter(e => e.kind === 'Endpoint'))
      expect(names.has(String(endpoint.spec?.component))).toBe(true);
    expect(
      files.find(f => f.name === 'platform')!.entities.map(e => e.kind),
    ).toEqual(['Environment', 'Environment']);
  });

  it('refuses a layout it does not know, before anything starts', () => {
    expect(() => catalogLayout({ BENCH_CATALOG_FILES: 'many' })).toThrow(
      'BENCH_CATALOG_FILES must be "one" or "per-project", not "many"',
    );
  });
});
