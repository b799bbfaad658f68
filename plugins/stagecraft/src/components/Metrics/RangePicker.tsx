import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { ObservabilityRange } from '@stagecraft/plugin-stagecraft-common';

/** The ranges offered; the API accepts more (30m, 3h, 12h) for other clients. */
export const PICKABLE_RANGES: { value: ObservabilityRange; label: string }[] = [
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 hour' },
  { value: '6h', label: '6 hours' },
  { value: '24h', label: '24 hours' },
];

/** Which span of time the charts cover, as pressed toggle buttons (exclusive), labelled. */
export function RangePicker(props: {
  value: ObservabilityRange;
  onChange(range: ObservabilityRange): void;
  label?: string;
}) {
  const label = props.label ?? 'Time range';
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Typography variant="body2" color="text.secondary" aria-hidden>
        {label}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={props.value}
        aria-label={label}
        onChange={(_, range: ObservabilityRange | null) => {
          // A click on the pressed button would clear the choice; keep it.
          if (range) props.onChange(range);
        }}
      >
        {PICKABLE_RANGES.map(range => (
          <ToggleButton
            key={range.value}
            value={range.value}
            // "15 min", not the API's "15m": upper case would read as months, and the
            // button's name must hold its visible text (axe: label-content-name-mismatch).
            sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}
            aria-label={`Last ${range.label}`}
          >
            {range.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
}
