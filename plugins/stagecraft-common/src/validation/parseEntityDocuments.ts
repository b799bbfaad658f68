import { parseAllDocuments } from 'yaml';
import { EntityProblem } from './EntityProblem';

/**
 * A YAML document that parsed into an object, with where it came from.
 *
 * @public
 */
export interface EntityDocument {
  source: string;
  /** Zero-based position of the document in its multi-document YAML file. */
  index: number;
  value: Record<string, unknown>;
}

/**
 * Splits multi-document YAML into entity documents. Syntax errors and documents that are not
 * objects become problems with a line number instead of throwing, so a caller can report every
 * problem of every file in one run.
 *
 * @public
 */
export function parseEntityDocuments(
  text: string,
  source: string,
): { documents: EntityDocument[]; problems: EntityProblem[] } {
  const documents: EntityDocument[] = [];
  const problems: EntityProblem[] = [];
  parseAllDocuments(text, { prettyErrors: true }).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({
          source,
          path: '',
          message: `YAML document ${index + 1}: ${error.message}`,
        });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      // E.g. an alias bomb: `yaml` refuses to expand more than 100 aliases (a ReferenceError).
      problems.push({
        source,
        path: '',
        message: `YAML document ${index + 1}: ${(error as Error).message}`,
      });
      return;
    }
    if (value === null || value === undefined) {
      return; // an empty document, e.g. a trailing `---`
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({
        source,
        path: '',
        message: `YAML document ${index + 1} is not a mapping`,
      });
      return;
    }
    documents.push({ source, index, value: value as Record<string, unknown> });
  });
  return { documents, problems };
}
