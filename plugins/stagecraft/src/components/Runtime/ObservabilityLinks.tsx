import type { ObservabilityLink } from '@stagecraft/plugin-stagecraft-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';

/** Buttons to the component's dashboards, traces and so on; nothing when none are configured. */
export function ObservabilityLinks(props: {
  links?: ObservabilityLink[];
  error?: Error;
}) {
  if (props.error) {
    return (
      <Alert severity="warning">
        Could not load observability links: {props.error.message}
      </Alert>
    );
  }
  if (!props.links?.length) return null;
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
      {props.links.map(link => (
        <Button
          key={link.url}
          size="small"
          variant="outlined"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          endIcon={<OpenInNewIcon fontSize="small" />}
        >
          {link.title}
        </Button>
      ))}
    </Stack>
  );
}
