import { Entity } from '@backstage/catalog-model';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's example catalog (catalog-info/), as the demo's catalog holds it. */
const EXAMPLE_FILES = [
  'org.yaml',
  'platform/environments.yaml',
  'platform/component-types.yaml',
  'platform/traits.yaml',
  'systems/storefront.yaml',
  'systems/payments.yaml',
  'systems/fulfilment.yaml',
  'systems/identity.yaml',
];

/** The example organisation's entities: its platform, teams and systems. */
export function exampleCatalog(): Entity[] {
  const root = join(__dirname, '../../../../catalog-info');
  return EXAMPLE_FILES.flatMap(file => {
    const { documents, problems } = parseEntityDocuments(
      readFileSync(join(root, file), 'utf8'),
      file,
    );
    if (problems.length > 0) throw new Error(`${file}: ${problems[0].message}`);
    return documents.map(d => {
      const entity = d.value as unknown as Entity;
      return {
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      };
    });
  });
}
