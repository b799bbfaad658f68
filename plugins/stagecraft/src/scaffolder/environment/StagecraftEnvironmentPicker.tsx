import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useEffect, useId, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FieldError, FieldHint, FieldLoading } from '../FieldStates';
import { otherFieldValue } from '../formContext';
import {
  EnvironmentChoice,
  loadEnvironmentChoices,
  PipelineOwner,
} from './loadEnvironmentChoices';

/** `ui:options` of the environment picker. */
export interface EnvironmentPickerOptions {
  /** The field holding an existing component, whose pipeline is followed. */
  componentField?: string;
  /** The field holding a new component's project (System ref). */
  projectField?: string;
  /** Offer the stages a release can be promoted from (`dev → staging`). */
  promotable?: boolean;
}

function labelOf(choice: EnvironmentChoice, position: number) {
  const gate = choice.requiresApproval ? ' (needs approval)' : '';
  return choice.next
    ? `${choice.environment} → ${choice.next}${gate}`
    : `${position}. ${choice.environment}${gate}`;
}

/**
 * An environment of the pipeline a component follows, in promotion order, with the stages
 * that wait for an approval marked. The value is the environment's name.
 */
export function StagecraftEnvironmentPicker(
  props: FieldExtensionComponentProps<string, EnvironmentPickerOptions>,
) {
  const { formData, onChange, schema, uiSchema, formContext, rawErrors } =
    props;
  const options = uiSchema?.['ui:options'] ?? {};
  const catalogApi = useApi(catalogApiRef);
  const labelId = useId();
  const component = otherFieldValue(formContext, options.componentField);
  const project = otherFieldValue(formContext, options.projectField);
  const promotable = options.promotable ?? false;
  const owner: PipelineOwner = options.componentField
    ? { component }
    : { project };
  const result = useAsync(
    () => loadEnvironmentChoices(catalogApi, owner, promotable),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogApi, component, project, promotable],
  );
  const choices = useMemo(
    () =>
      result.value && 'choices' in result.value ? result.value.choices : [],
    [result.value],
  );

  // A value the pipeline does not offer (the template's default, another component's stage)
  // becomes the pipeline's first choice.
  useEffect(() => {
    if (choices.length && !choices.some(c => c.environment === formData))
      onChange(choices[0].environment);
  }, [choices, formData, onChange]);

  const title = schema.title ?? 'Environment';
  return (
    <FormControl
      component="fieldset"
      error={!!rawErrors?.length}
      required={props.required}
      margin="normal"
      fullWidth
    >
      <FormLabel component="legend" id={labelId}>
        {title}
      </FormLabel>
      {schema.description && <FieldHint>{schema.description}</FieldHint>}
      {result.loading && <FieldLoading label="Loading the pipeline" />}
      {result.error && <FieldError what="the pipeline" error={result.error} />}
      {result.value && 'missing' in result.value && (
        <FieldHint>
          {result.value.missing === 'component'
            ? 'Choose a component of the catalog first: its pipeline decides the environments.'
            : 'No valid DeploymentPipeline applies here; ask the platform team to add one.'}
        </FieldHint>
      )}
      {result.value && 'choices' in result.value && (
        <>
          <FieldHint>Pipeline {result.value.pipeline}</FieldHint>
          {choices.length === 0 ? (
            <FieldHint>
              Its last stage is the only one: nothing to promote.
            </FieldHint>
          ) : (
            <RadioGroup
              aria-labelledby={labelId}
              value={formData ?? ''}
              onChange={e => onChange(e.target.value)}
            >
              {choices.map((choice, i) => (
                <FormControlLabel
                  key={choice.environment}
                  value={choice.environment}
                  control={<Radio />}
                  label={labelOf(choice, i + 1)}
                />
              ))}
            </RadioGroup>
          )}
        </>
      )}
      {rawErrors?.map(error => (
        <FormHelperText key={error}>{error}</FormHelperText>
      ))}
    </FormControl>
  );
}
