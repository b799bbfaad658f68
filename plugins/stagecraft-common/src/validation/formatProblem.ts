import { EntityProblem } from './EntityProblem';

/**
 * One problem as one line, the same for `stagecraft validate`, `stagecraft render` and the
 * scaffolder: `<file>: [warning: ]<entity> <field> in <environment>: <reason>`.
 *
 * @public
 */
export function formatProblem(p: EntityProblem): string {
  return `${p.source}: ${describeProblem(p)}`;
}

/**
 * {@link formatProblem} without the file, as the catalog shows a processing error on the
 * entity itself (which leaves out `entityRef`). A message is cut at its first line break (CEL
 * adds a caret diagram under the expression, which the message already quotes), so that every
 * problem stays one line for `grep` and CI logs.
 *
 * @public
 */
export function describeProblem(p: EntityProblem): string {
  const severity =
    p.severity && p.severity !== 'error' ? `${p.severity}: ` : '';
  const where = [p.entityRef, p.path].filter(Boolean).join(' ');
  const environment = p.environment ? ` in ${p.environment}` : '';
  const at = where || environment ? `${where}${environment}: `.trimStart() : '';
  const message = p.message.split('\n', 1)[0].trimEnd();
  return `${severity}${at}${message}`;
}
