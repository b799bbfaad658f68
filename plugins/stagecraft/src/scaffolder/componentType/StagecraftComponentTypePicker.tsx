import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import { useCallback, useEffect, useId, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FieldError, FieldHint, FieldLoading } from '../FieldStates';
import {
  ComponentTypeChoice,
  ComponentTypeFilter,
  loadComponentTypes,
} from './loadComponentTypes';

/** The form's machinery, for the type's parameters (a plain object) rather than this value. */
type ParametersRegistry = FieldExtensionComponentProps<
  Record<string, unknown>
>['registry'];

/** The picker's value: the chosen type and the values of its parameters. */
export interface ComponentTypeValue {
  type: string;
  parameters: Record<string, unknown>;
}

/**
 * A component type from the catalog, and below it the type's own parameters form, rendered by
 * the template form itself from the `ComponentType`'s JSON Schema with its defaults filled in:
 * the form and the compiler read one schema, so they cannot disagree.
 */
export function StagecraftComponentTypePicker(
  props: FieldExtensionComponentProps<ComponentTypeValue, ComponentTypeFilter>,
) {
  const { formData, onChange, schema, uiSchema, rawErrors } = props;
  const registry = props.registry as unknown as ParametersRegistry;
  const options = uiSchema?.['ui:options'] ?? {};
  const catalogApi = useApi(catalogApiRef);
  const selectId = useId();
  const filterKey = JSON.stringify([options.types, options.servesEndpoints]);
  const types = useAsync(
    () =>
      loadComponentTypes(catalogApi, {
        types: options.types,
        servesEndpoints: options.servesEndpoints,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogApi, filterKey],
  );
  const chosen = types.value?.find(t => t.name === formData?.type);

  /** The parameters' defaults, as the scaffolder's form computes them from the schema. */
  const choose = useCallback(
    (choice: ComponentTypeChoice) =>
      onChange({
        type: choice.name,
        parameters: (choice.parameters
          ? registry.schemaUtils.getDefaultFormState(choice.parameters, {})
          : {}) as Record<string, unknown>,
      }),
    [onChange, registry.schemaUtils],
  );

  // Start from the type the form holds (the template's default fills in only its name), else
  // the first one, with the defaults of its parameters.
  const hasParameters = formData?.parameters !== undefined;
  useEffect(() => {
    if (!types.value?.length || (chosen && hasParameters)) return;
    choose(chosen ?? types.value[0]);
  }, [types.value, chosen, hasParameters, choose]);

  const title = schema.title ?? 'Component type';
  if (types.loading) return <FieldLoading label="Loading component types" />;
  if (types.error)
    return <FieldError what="the component types" error={types.error} />;
  if (!types.value?.length)
    return (
      <FieldHint>
        No component type in the catalog fits this template. Ask the platform
        team to add one (the New component type template).
      </FieldHint>
    );
  return (
    <Box sx={{ my: 1 }}>
      <TextField
        id={selectId}
        select
        fullWidth
        required={props.required}
        label={title}
        value={chosen?.name ?? ''}
        error={!!rawErrors?.length}
        helperText={chosen?.description ?? schema.description}
        SelectProps={{ native: true }}
        onChange={e => {
          const next = types.value?.find(t => t.name === e.target.value);
          if (next) choose(next);
        }}
      >
        {types.value.map(t => (
          <option key={t.name} value={t.name}>
            {t.name}
          </option>
        ))}
      </TextField>
      {chosen && formData && (
        <TypeParameters
          {...props}
          choice={chosen}
          value={formData}
          idPrefix={selectId}
        />
      )}
      {rawErrors?.map(error => (
        <FormHelperText key={error} error>
          {error}
        </FormHelperText>
      ))}
    </Box>
  );
}

/** The type's parameters, drawn by the form's own SchemaField (every JSON Schema feature). */
function TypeParameters(
  props: FieldExtensionComponentProps<
    ComponentTypeValue,
    ComponentTypeFilter
  > & {
    choice: ComponentTypeChoice;
    value: ComponentTypeValue;
    idPrefix: string;
  },
) {
  const { choice, value, onChange, disabled, readonly } = props;
  const registry = props.registry as unknown as ParametersRegistry;
  const schema = useMemo(
    () => ({ title: `${choice.name} settings`, ...choice.parameters }),
    [choice],
  );
  if (!choice.parameters)
    return <FieldHint>A built-in type: its defaults apply.</FieldHint>;
  const properties = (choice.parameters.properties ?? {}) as object;
  if (Object.keys(properties).length === 0)
    return <FieldHint>The {choice.name} type has no settings.</FieldHint>;
  const { SchemaField } = registry.fields;
  const idSchema = registry.schemaUtils.toIdSchema(
    schema,
    `${props.idSchema.$id}_parameters`,
  );
  return (
    <SchemaField
      name="parameters"
      schema={schema}
      uiSchema={{}}
      idSchema={idSchema}
      formData={value.parameters}
      errorSchema={{}}
      registry={registry}
      required={false}
      disabled={disabled}
      readonly={readonly}
      onBlur={props.onBlur}
      onFocus={props.onFocus}
      onChange={(parameters: Record<string, unknown> | undefined) =>
        onChange({ type: value.type, parameters: parameters ?? {} })
      }
    />
  );
}
