import { Entity, parseEntityRef } from '@backstage/catalog-model';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ReactNode, useMemo, useState } from 'react';
import { LoadingState } from '../shared/LoadingState';
import { isEmptyGraph } from './buildGraph';
import { EnvironmentSelect } from './EnvironmentSelect';
import { GraphCanvas } from './GraphCanvas';
import { GraphLegend } from './GraphLegend';
import { EDGE_STYLES } from './edges/edgeStyles';
import { EdgeVariant } from './describeEdge';
import { toFlowElements } from './toFlowElements';
import { DeploymentLoadError, LoadedGraph, useGraph } from './useGraph';

const EDGE_VARIANTS = Object.keys(EDGE_STYLES) as EdgeVariant[];

/**
 * The dependency graph of a Component or the cell of a System, with its loading, error and
 * empty states, the environment selector and the legend.
 */
export function GraphPanel(props: {
  entity: Entity;
  /** Names the drawing for assistive technology. */
  ariaLabel: string;
  /** What to say when there is nothing to draw. */
  emptyMessage: ReactNode;
}) {
  const { value, loading, error } = useGraph(props.entity);

  if (loading) return <LoadingState label="Loading the dependency graph" />;
  if (error || !value) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">
          Could not load the dependency graph: {error?.message ?? 'no result'}
        </Alert>
      </Box>
    );
  }
  if (isEmptyGraph(value.graph, value.scope)) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="info">{props.emptyMessage}</Alert>
      </Box>
    );
  }
  return <LoadedGraphView loaded={value} ariaLabel={props.ariaLabel} />;
}

function LoadedGraphView(props: { loaded: LoadedGraph; ariaLabel: string }) {
  const { graph, layout, deploymentErrors } = props.loaded;
  const [chosen, setChosen] = useState<string>();
  const environment = chosen ?? graph.environments[0];
  const { nodes, edges } = useMemo(
    () => toFlowElements(graph, layout, environment),
    [graph, layout, environment],
  );
  const shown = new Set(edges.map(e => e.data!.variant));
  const variants = EDGE_VARIANTS.filter(variant => shown.has(variant));

  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Stack direction="row" spacing={2} alignItems="center">
        {environment ? (
          <>
            <Typography variant="body2" color="text.secondary">
              Health and pending connections in
            </Typography>
            <EnvironmentSelect
              environments={graph.environments}
              value={environment}
              onChange={setChosen}
            />
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            None of these components is deployed yet, so there is no health to
            show.
          </Typography>
        )}
      </Stack>
      {deploymentErrors.length > 0 && (
        <DeploymentErrors errors={deploymentErrors} />
      )}
      <GraphCanvas nodes={nodes} edges={edges} ariaLabel={props.ariaLabel} />
      <GraphLegend variants={variants} showHealth={Boolean(environment)} />
    </Stack>
  );
}

function DeploymentErrors(props: { errors: DeploymentLoadError[] }) {
  return (
    <Alert severity="warning">
      The deployments of some components could not be loaded, so their health is
      unknown:
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {props.errors.map(({ componentRef, message }) => (
          <li key={componentRef}>
            {parseEntityRef(componentRef).name}: {message}
          </li>
        ))}
      </Box>
    </Alert>
  );
}
