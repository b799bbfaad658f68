import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';

/** Picks the environment whose health and pending connections the graph shows. */
export function EnvironmentSelect(props: {
  environments: string[];
  value: string;
  onChange(environment: string): void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      aria-label="Environment"
      value={props.value}
      onChange={(_event, environment: string | null) => {
        // Clicking the selected button again would clear the choice; keep it.
        if (environment) props.onChange(environment);
      }}
    >
      {props.environments.map(environment => (
        <ToggleButton key={environment} value={environment}>
          {environment}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
