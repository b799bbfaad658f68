import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';

/** Label–value pairs as a description list, labels in a narrow first column. */
export function FactList(props: {
  facts: [label: string, value: ReactNode][];
}) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        // minmax(0, …): a long image name wraps instead of widening the card.
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {props.facts.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {label}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, overflowWrap: 'break-word' }}
          >
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
