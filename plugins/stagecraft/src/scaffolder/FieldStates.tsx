import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';

/** A small spinner named for what it waits for, inside a form. */
export function FieldLoading(props: { label: string }) {
  return (
    <Box sx={{ py: 1 }}>
      <CircularProgress size={24} aria-label={props.label} />
    </Box>
  );
}

/** What went wrong loading a field's choices, and what to do about it. */
export function FieldError(props: { what: string; error: Error }) {
  return (
    <Alert severity="error" sx={{ my: 1 }}>
      Could not load {props.what}: {props.error.message}. Reload the page to try
      again.
    </Alert>
  );
}

/** A line of help under a field. */
export function FieldHint(props: { children: React.ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
      {props.children}
    </Typography>
  );
}
