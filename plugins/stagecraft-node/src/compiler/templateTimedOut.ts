/**
 * The code of a component type's or trait's template that ran out of its CEL time budget
 * (`stagecraft.templates.celBudget.maxMillis`). Every other verdict of the compiler is a
 * function of its input; this one also of how busy the machine was.
 *
 * @public
 */
export const TEMPLATE_TIMED_OUT = 'template-timed-out';

/**
 * Whether a compile's problems depend on the machine as well as the input (a template that
 * timed out): a memo of results by input must not keep them, or one busy moment would stand
 * for every later compile of that input.
 *
 * @public
 */
export function dependsOnTheMachine(
  problems: readonly { code?: string }[],
): boolean {
  return problems.some(p => p.code === TEMPLATE_TIMED_OUT);
}
