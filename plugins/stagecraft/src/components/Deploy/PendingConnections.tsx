import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/**
 * The endpoints a deployment waits for, one chip each: the endpoint and its provider as links
 * that show the entities' titles (not refs), the backend's explanation in the tooltip.
 */
export function PendingConnections(props: {
  connections: DeploymentStatus['pendingConnections'];
}) {
  return (
    <Box
      component="ul"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, m: 0, p: 0 }}
    >
      {props.connections.map(p => (
        <Box component="li" key={p.endpointRef} sx={{ listStyle: 'none' }}>
          <Chip
            size="small"
            variant="outlined"
            icon={<HourglassEmptyIcon />}
            title={p.message}
            sx={{
              height: 'auto',
              '& .MuiChip-label': { whiteSpace: 'normal' },
            }}
            label={
              <>
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
              </>
            }
          />
        </Box>
      ))}
    </Box>
  );
}
