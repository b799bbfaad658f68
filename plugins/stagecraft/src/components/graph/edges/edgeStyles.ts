import { Theme } from '@mui/material/styles';
import { EdgeVariant } from '../describeEdge';

/** How each kind of edge looks, and what the legend says about it. */
export const EDGE_STYLES: Record<
  EdgeVariant,
  { legend: string; color: (theme: Theme) => string; dash?: string }
> = {
  permitted: {
    legend: 'Permitted traffic (declared dependency)',
    color: theme => theme.palette.primary.main,
  },
  crossProject: {
    legend: 'Permitted traffic across projects',
    color: theme => theme.palette.secondary.main,
  },
  gateway: {
    legend: 'Gateway route',
    color: theme => theme.palette.success.main,
  },
  serves: {
    legend: 'Endpoint served by component',
    color: theme => theme.palette.grey[500],
  },
  pending: {
    legend:
      'Pending connection: the provider is not deployed in this environment',
    color: theme => theme.palette.error.main,
    dash: '8 6',
  },
  blocked: {
    legend: "Blocked: the endpoint's visibility does not admit the caller",
    color: theme => theme.palette.error.main,
    dash: '2 6',
  },
};

/** `sx` rules colouring edge paths by the class `toFlowElements` gives each variant. */
export function edgeStyleRules(theme: Theme): Record<string, object> {
  return Object.fromEntries(
    Object.entries(EDGE_STYLES).map(([variant, style]) => [
      `& .stagecraft-edge-${variant} .react-flow__edge-path`,
      {
        stroke: style.color(theme),
        strokeWidth: variant === 'serves' ? 1.5 : 2,
        ...(style.dash && { strokeDasharray: style.dash, animation: 'none' }),
      },
    ]),
  );
}
