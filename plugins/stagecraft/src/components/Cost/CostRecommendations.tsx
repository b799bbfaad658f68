import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CostRecommendationsReport } from '@stagecraft/plugin-stagecraft-common';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Chip from '@mui/material/Chip';
import { readableChip } from '../shared/chipContrast';
import Typography from '@mui/material/Typography';
import { formatMoney } from './formatMoney';

/** Shown before "and N more". */
const MAX_ITEMS = 5;

/** The recommendations, largest saving first, each with its evidence and saving. */
export function CostRecommendations(props: {
  report: CostRecommendationsReport;
  currency: string;
  /** Whether any deployment in scope has observed usage: without it no rule can apply. */
  usageObserved: boolean;
}) {
  const { report, currency, usageObserved } = props;
  if (report.recommendations.length === 0 && !usageObserved)
    return (
      <Typography variant="body2" color="text.secondary">
        No usage is observed here (no metrics API, or no pods to read), so no
        saving can be computed; the cost above rests on the requests.
      </Typography>
    );
  if (report.recommendations.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        No savings found: every deployment with observed usage uses at least{' '}
        {Math.round(report.thresholds.overProvisionedRatio * 100)} % of its
        requests.
      </Typography>
    );
  const shown = report.recommendations.slice(0, MAX_ITEMS);
  return (
    <>
      <List dense disablePadding aria-label="Cost recommendations">
        {shown.map(r => (
          <ListItem
            key={`${r.kind} ${r.componentRef} ${r.environment}`}
            disableGutters
            alignItems="flex-start"
          >
            <ListItemText
              // A flex item's min-width would keep a long summary from wrapping, and the
              // Backstage theme's dense list items are one line cut off at the card's edge
              // (nowrap, hidden): the evidence after the summary was never seen.
              sx={{ minWidth: 0, whiteSpace: 'normal' }}
              secondaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }}
              primary={
                <>
                  <Chip
                    size="small"
                    label={r.kind === 'idle' ? 'Idle' : 'Over-provisioned'}
                    color={r.kind === 'idle' ? 'warning' : 'info'}
                    // White on MUI's warning/info is below AA contrast (axe, e2e).
                    sx={{
                      mr: 1,
                      ...(readableChip(
                        r.kind === 'idle' ? 'warning' : 'info',
                        'filled',
                      ) as object),
                    }}
                  />
                  <EntityRefLink entityRef={r.componentRef} /> in{' '}
                  {r.environment}: save{' '}
                  <strong>{formatMoney(r.monthlySaving, currency)}</strong> per
                  month
                </>
              }
              secondary={`${r.summary}. ${r.evidence}.`}
            />
          </ListItem>
        ))}
      </List>
      {report.recommendations.length > shown.length && (
        <Typography variant="body2" color="text.secondary">
          and {report.recommendations.length - shown.length} more.
        </Typography>
      )}
    </>
  );
}
