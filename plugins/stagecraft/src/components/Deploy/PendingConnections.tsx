import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/**
 * The endpoints a deployment waits for, one chip each: the endpoint and its provider as links
 * that show the entities' titles (not refs), the backend's explanation in the tooltip. The
 * chips wrap their text (MUI's Chip is one line and clips), so a long title stays readable.
 */
export function PendingConnections(props: {
  connections: DeploymentStatus['pendingConnections'];
}) {
  return (
    <Box
      component="ul"
      sx={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        gap: 0.5,
        m: 0,
        p: 0,
      }}
    >
      {props.connections.map(p => (
        <Box
          component="li"
          key={p.endpointRef}
          title={p.message}
          sx={{
            listStyle: 'none',
            display: 'flex',
            alignItems: 'flex-start',
            gap: 0.5,
            border: 1,
            borderColor: 'divider',
            borderRadius: 2,
            px: 1,
            py: 0.25,
          }}
        >
          <HourglassEmptyIcon
            aria-hidden
            sx={{ fontSize: 16, mt: 0.25, color: 'text.secondary' }}
          />
          <span>
            <EntityRefLink
              entityRef={p.endpointRef}
              defaultKind="endpoint"
              hideIcon
              disableTooltip
            />{' '}
            (served by{' '}
            <EntityRefLink
              entityRef={p.providerRef}
              defaultKind="component"
              hideIcon
              disableTooltip
            />
            , not deployed here yet)
          </span>
        </Box>
      ))}
    </Box>
  );
}
