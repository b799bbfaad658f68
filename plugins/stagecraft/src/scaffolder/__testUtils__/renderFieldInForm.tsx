import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Form } from '@backstage/plugin-scaffolder-react/alpha';
import validator from '@rjsf/validator-ajv8';
import { configure, type RenderResult } from '@testing-library/react';
import { useState } from 'react';

// The whole form renders and the catalog answers in a few hundred ms, more on a busy machine:
// find* and waitFor wait up to 5 s (they return as soon as the field shows what is awaited).
configure({ asyncUtilTimeout: 5000 });

export interface FieldInFormOptions {
  /** The field's JSON Schema (title, type, description…). */
  schema: object;
  uiOptions?: object;
  /** Values of the form's other fields, as `formContext.formData` carries them. */
  otherFields?: Record<string, unknown>;
  initial?: unknown;
  /** The template lists the field under `required`. */
  required?: boolean;
  entities?: Entity[];
  catalogApi?: CatalogApi;
}

/**
 * Renders a field extension as the scaffolder does: one property of a real template form
 * (the scaffolder's RJSF `Form` with its Material theme and AJV validation), with an
 * in-memory catalog. `values()` returns each value the field reported, the latest last.
 */
export async function renderFieldInForm(
  field: (props: any) => JSX.Element | null,
  options: FieldInFormOptions,
): Promise<RenderResult & { values: () => unknown[] }> {
  const values: unknown[] = [];
  const catalogApi =
    options.catalogApi ?? catalogApiMock({ entities: options.entities ?? [] });

  // Stable, as in the scaffolder's Stepper: a new object would remount the field each render.
  const fields = { Picker: field };

  function Harness() {
    const [formData, setFormData] = useState<Record<string, unknown>>({
      ...options.otherFields,
      ...(options.initial !== undefined ? { picked: options.initial } : {}),
    });
    return (
      <Form
        validator={validator}
        schema={{
          type: 'object',
          required: options.required ? ['picked'] : [],
          properties: { picked: options.schema },
        }}
        uiSchema={{
          picked: { 'ui:field': 'Picker', 'ui:options': options.uiOptions },
        }}
        fields={fields}
        formData={formData}
        formContext={{ formData }}
        onChange={e => {
          values.push(e.formData.picked);
          setFormData(e.formData);
        }}
      >
        <></>
      </Form>
    );
  }

  const rendered = await renderInTestApp(<Harness />, {
    apis: [[catalogApiRef, catalogApi]],
  });
  return {
    ...rendered,
    /** The values the field has reported through onChange. */
    values: () => values,
  };
}
