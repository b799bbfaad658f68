import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';

/** A centred spinner whose label says what is loading. */
export function LoadingState(props: { label: string }) {
  return (
    <Box sx={{ p: 3, display: 'flex', justifyContent: 'center' }}>
      <CircularProgress aria-label={props.label} />
    </Box>
  );
}
