/**
 * The value of another field of the same template form. The scaffolder passes the whole form's
 * data (every step so far, updated as the user types) as `formContext.formData`; a picker
 * names the field it follows in its `ui:options` (`projectField: project`).
 */
export function otherFieldValue(
  formContext: unknown,
  field: string | undefined,
): string | undefined {
  if (!field) return undefined;
  const formData = (formContext as { formData?: Record<string, unknown> })
    ?.formData;
  const value = formData?.[field];
  return typeof value === 'string' && value ? value : undefined;
}
