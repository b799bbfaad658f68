import TextField from '@mui/material/TextField';

/** A labelled native select of environment names. */
export function EnvironmentSelect(props: {
  environments: string[];
  value: string;
  onChange(environment: string): void;
}) {
  return (
    <TextField
      select
      size="small"
      label="Environment"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      sx={{ minWidth: 180 }}
    >
      {props.environments.map(environment => (
        <option key={environment} value={environment}>
          {environment}
        </option>
      ))}
    </TextField>
  );
}
