import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findRepoRoot } from '../control-plane/binaries';
import { EXAMPLE_CALLS } from './demoTraces';

interface Entity {
  kind: string;
  metadata: { name: string };
  spec?: { system?: string; component?: string; dependsOn?: string[] };
}

/** The example organisation's entities, as `yarn start` reads them. */
function exampleCatalog(): Entity[] {
  const dir = join(findRepoRoot(), 'catalog-info', 'systems');
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
        doc => doc.toJS() as Entity,
      ),
    )
    .filter(Boolean);
}

describe('the demo trace generator', () => {
  it('emits only calls the example catalog declares, each component in its own project', () => {
    const entities = exampleCatalog();
    const component = (name: string) =>
      entities.find(e => e.kind === 'Component' && e.metadata.name === name);
    const endpointsOf = (name: string) =>
      entities
        .filter(e => e.kind === 'Endpoint' && e.spec?.component === name)
        .map(e => `endpoint:${e.metadata.name}`);

    expect(EXAMPLE_CALLS.length).toBeGreaterThan(0);
    for (const [caller, project, callee, calleeProject] of EXAMPLE_CALLS) {
      expect({ caller, system: component(caller)?.spec?.system }).toEqual({
        caller,
        system: project,
      });
      expect({ callee, system: component(callee)?.spec?.system }).toEqual({
        callee,
        system: calleeProject,
      });
      // The caller depends on one of the callee's Endpoints: NetworkPolicy lets it through.
      const declared = component(caller)?.spec?.dependsOn ?? [];
      expect({
        call: `${caller} → ${callee}`,
        declared: endpointsOf(callee).some(e => declared.includes(e)),
      }).toEqual({ call: `${caller} → ${callee}`, declared: true });
    }
  });
});
