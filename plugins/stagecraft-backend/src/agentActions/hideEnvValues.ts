import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';

/** What an environment variable's value reads as in a manifest diff. */
export const HIDDEN_VALUE = '<hidden>';

/**
 * Manifests with every container environment variable's `value` replaced by `<hidden>`:
 * diff-environments promises variable names, never values (a value may be a credential set in
 * plain text). Done on the parsed documents, not the text, so no quoting or layout hides one;
 * `valueFrom` stays (it names a Secret or ConfigMap key, not a value). Undefined when the text
 * does not parse, so the caller shows nothing rather than something unmasked.
 */
export function hideEnvValues(yaml: string): string | undefined {
  const documents = parseAllDocuments(yaml);
  if (!Array.isArray(documents)) return undefined;
  if (documents.some(d => d.errors.length > 0)) return undefined;
  for (const document of documents) hideIn(document.contents);
  return documents.map(d => d.toString()).join('');
}

function hideIn(node: unknown): void {
  if (isSeq(node)) {
    for (const item of node.items) hideIn(item);
    return;
  }
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (key === 'env' && isSeq(pair.value)) {
      for (const variable of pair.value.items)
        if (isMap(variable) && variable.has('value'))
          variable.set('value', HIDDEN_VALUE);
    } else hideIn(pair.value);
  }
}
