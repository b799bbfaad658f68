import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import { EDGE_STYLES } from './edges/edgeStyles';
import { HEALTH_LEGEND } from './healthWords';
import { toneColor } from './nodes/toneColor';
import { EdgeVariant } from './describeEdge';
import { VISIBILITY } from './visibility';

/**
 * What the colours, lines and icons of the graph mean: the edge kinds shown, component health
 * (when an environment is chosen) and endpoint visibility.
 */
export function GraphLegend(props: {
  variants: EdgeVariant[];
  showHealth: boolean;
}) {
  const theme = useTheme();
  return (
    <Box
      component="ul"
      aria-label="Legend"
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 3,
        rowGap: 0.5,
      }}
    >
      {props.variants.map(variant => (
        <LegendItem key={variant} label={EDGE_STYLES[variant].legend}>
          <svg width="28" height="10" aria-hidden>
            <line
              x1="0"
              y1="5"
              x2="28"
              y2="5"
              stroke={EDGE_STYLES[variant].color(theme)}
              strokeWidth="2"
              strokeDasharray={EDGE_STYLES[variant].dash}
            />
          </svg>
        </LegendItem>
      ))}
      {props.showHealth &&
        HEALTH_LEGEND.map(({ label, tone }) => (
          <LegendItem key={label} label={label}>
            <Box
              aria-hidden
              sx={{
                width: 14,
                height: 10,
                border: 2,
                borderRadius: 0.5,
                borderColor: toneColor(tone),
              }}
            />
          </LegendItem>
        ))}
      {Object.entries(VISIBILITY).map(([name, visibility]) => (
        <LegendItem
          key={name}
          label={`${visibility.label} endpoint: ${visibility.description}`}
        >
          <visibility.Icon fontSize="small" color="action" aria-hidden />
        </LegendItem>
      ))}
    </Box>
  );
}

function LegendItem(props: { label: string; children: ReactNode }) {
  return (
    <Box component="li" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      {props.children}
      <Typography variant="caption">{props.label}</Typography>
    </Box>
  );
}
