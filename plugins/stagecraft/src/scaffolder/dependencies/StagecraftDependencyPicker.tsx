import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useId, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FieldError, FieldHint, FieldLoading } from '../FieldStates';
import { otherFieldValue } from '../formContext';
import { EndpointChoice, HiddenEndpoint } from './dependencyChoices';
import { loadDependencyChoices } from './loadDependencyChoices';

/** `ui:options` of the dependency picker: which field names the consumer. */
export interface DependencyPickerOptions {
  /** The field holding the new component's project (a System ref). */
  projectField?: string;
  /** The field holding an existing component (its project is read from the catalog). */
  componentField?: string;
}

const nameOf = (ref: string | undefined) => ref?.slice(ref.indexOf('/') + 1);

const refsOf = (value: string[] | string | undefined): string[] => {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
};

/**
 * The endpoints a component may depend on, as checkboxes, by the visibility rule the compiler
 * enforces; the ones it may not are listed apart with the reason, so a developer cannot pick a
 * dependency that would fail to compile. The value is the chosen endpoints' refs (one ref for
 * a `type: string` field).
 */
export function StagecraftDependencyPicker(
  props: FieldExtensionComponentProps<
    string[] | string | undefined,
    DependencyPickerOptions
  >,
) {
  const { formData, onChange, schema, uiSchema, formContext, rawErrors } =
    props;
  const options = uiSchema?.['ui:options'] ?? {};
  const catalogApi = useApi(catalogApiRef);
  const hiddenListId = useId();
  const consumerValue = options.componentField
    ? otherFieldValue(formContext, options.componentField)
    : otherFieldValue(formContext, options.projectField);
  const consumerField = options.componentField ? 'component' : 'project';
  const choices = useAsync(
    () =>
      loadDependencyChoices(
        catalogApi,
        options.componentField
          ? { component: consumerValue }
          : { project: consumerValue },
      ),
    [catalogApi, consumerValue, options.componentField],
  );
  // A `type: string` field holds one endpoint (radio buttons), an array several (checkboxes).
  const single = schema.type === 'string';
  const selected = useMemo(() => refsOf(formData), [formData]);
  const emit = useCallback(
    (refs: string[]) => onChange(single ? refs[0] : refs),
    [onChange, single],
  );
  const available = choices.value?.available;

  // A choice the new project no longer admits is dropped, not kept invisibly.
  useEffect(() => {
    if (!available) return;
    const allowed = new Set(available.map(c => c.ref));
    const kept = selected.filter(ref => allowed.has(ref));
    if (kept.length !== selected.length) emit(kept);
  }, [available, selected, emit]);

  const toggle = (ref: string, checked: boolean) =>
    emit(
      checked ? [...selected, ref] : selected.filter(other => other !== ref),
    );

  const title = schema.title ?? 'Dependencies';
  return (
    <FormControl
      component="fieldset"
      error={!!rawErrors?.length}
      required={props.required}
      fullWidth
      margin="normal"
    >
      <FormLabel component="legend">{title}</FormLabel>
      {schema.description && <FieldHint>{schema.description}</FieldHint>}
      {choices.loading && <FieldLoading label="Loading endpoints" />}
      {choices.error && (
        <FieldError what="the endpoints" error={choices.error} />
      )}
      {choices.value && !consumerValue && (
        <FieldHint>
          Choose the {consumerField} first: endpoints visible only inside a
          project are offered to components of that project.
        </FieldHint>
      )}
      {available && (
        <EndpointChoices
          title={title}
          available={available}
          selected={selected}
          single={single}
          consumerProject={choices.value?.consumerProject}
          onSelect={emit}
          onToggle={toggle}
        />
      )}
      {!!choices.value?.hidden.length && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }} id={hiddenListId}>
            Not available to this component ({choices.value.hidden.length})
          </Typography>
          <List dense aria-labelledby={hiddenListId}>
            {choices.value.hidden.map(endpoint => (
              <HiddenItem key={endpoint.ref} endpoint={endpoint} />
            ))}
          </List>
        </>
      )}
      {rawErrors?.map(error => (
        <FormHelperText key={error}>{error}</FormHelperText>
      ))}
    </FormControl>
  );
}

/** The endpoints that may be chosen: radio buttons for one, checkboxes for several. */
function EndpointChoices(props: {
  title: string;
  available: EndpointChoice[];
  selected: string[];
  single: boolean;
  consumerProject: string | undefined;
  onSelect: (refs: string[]) => void;
  onToggle: (ref: string, checked: boolean) => void;
}) {
  const { available, selected } = props;
  if (!available.length)
    return (
      <FieldHint>
        No endpoint in the catalog that a component of{' '}
        {nameOf(props.consumerProject) ?? 'no project'} may call.
      </FieldHint>
    );
  if (props.single)
    return (
      <RadioGroup
        aria-label={props.title}
        value={selected[0] ?? ''}
        onChange={e => props.onSelect([e.target.value])}
      >
        {available.map(choice => (
          <FormControlLabel
            key={choice.ref}
            value={choice.ref}
            control={<Radio />}
            label={<ChoiceLabel choice={choice} />}
          />
        ))}
      </RadioGroup>
    );
  return (
    <FormGroup>
      {available.map(choice => (
        <FormControlLabel
          key={choice.ref}
          control={
            <Checkbox
              checked={selected.includes(choice.ref)}
              onChange={e => props.onToggle(choice.ref, e.target.checked)}
            />
          }
          label={<ChoiceLabel choice={choice} />}
        />
      ))}
    </FormGroup>
  );
}

function ChoiceLabel(props: { choice: EndpointChoice }) {
  const { choice } = props;
  const where =
    choice.visibility === 'project'
      ? `project ${nameOf(choice.providerProject)}`
      : choice.visibility;
  return (
    <span>
      {choice.title}{' '}
      <Typography component="span" variant="body2" color="text.secondary">
        ({where})
      </Typography>
    </span>
  );
}

function HiddenItem(props: { endpoint: HiddenEndpoint }) {
  return (
    <ListItem disableGutters>
      <ListItemText
        // The Backstage theme cuts dense list items to one line; the reason must be read whole.
        sx={{ whiteSpace: 'normal' }}
        primary={props.endpoint.title}
        secondary={props.endpoint.reason}
      />
    </ListItem>
  );
}
