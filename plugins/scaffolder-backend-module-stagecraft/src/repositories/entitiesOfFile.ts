import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';

/** The entities of a catalog file's content; a file that does not parse is refused. */
export function entitiesOfFile(content: Buffer, path: string): Entity[] {
  const { documents, problems } = parseEntityDocuments(
    content.toString('utf8'),
    path,
  );
  if (problems.length > 0)
    throw new InputError(
      `${path} does not parse: ${problems.map(p => p.message).join('; ')}`,
    );
  const entities = documents.map(d => d.value as unknown as Entity);
  if (
    entities.some(
      e => typeof e.kind !== 'string' || typeof e.metadata?.name !== 'string',
    )
  )
    throw new InputError(
      `${path}: every document needs a kind and metadata.name`,
    );
  return entities;
}
