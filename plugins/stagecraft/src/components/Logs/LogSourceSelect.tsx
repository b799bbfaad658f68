import type { PodSummary } from '@stagecraft/plugin-stagecraft-common';
import TextField from '@mui/material/TextField';
import { containerNames, LogSource, TAIL_LINES_CHOICES } from './logSource';

const ALL = '';

/**
 * Pickers for the pod, the container and how many lines of history to start with. The labels
 * always sit above the field: a native select shows its first option ("All pods") even when its
 * value is empty, which MUI takes for an empty field and draws the label over.
 */
export function LogSourceSelect(props: {
  pods: PodSummary[];
  value: LogSource;
  onChange(source: LogSource): void;
}) {
  const { pods, value, onChange } = props;
  return (
    <>
      <TextField
        select
        size="small"
        label="Pod"
        value={value.pod ?? ALL}
        onChange={e => onChange({ ...value, pod: e.target.value || undefined })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        sx={{ minWidth: 220 }}
      >
        <option value={ALL}>All pods</option>
        {pods.map(pod => (
          <option key={pod.name} value={pod.name}>
            {pod.name}
          </option>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Container"
        value={value.container ?? ALL}
        onChange={e =>
          onChange({ ...value, container: e.target.value || undefined })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        sx={{ minWidth: 160 }}
      >
        <option value={ALL}>All containers</option>
        {containerNames(pods, value.pod).map(name => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="History"
        value={value.tailLines}
        onChange={e =>
          onChange({ ...value, tailLines: Number(e.target.value) })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {TAIL_LINES_CHOICES.map(lines => (
          <option key={lines} value={lines}>
            Last {lines} lines
          </option>
        ))}
      </TextField>
    </>
  );
}
