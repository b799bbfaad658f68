import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import type { DeploymentHistoryState } from '../useDeploymentHistory';
import { DeploymentHistory } from './DeploymentHistory';
import { ManifestViewer } from './ManifestViewer';
import { ReleaseDiff } from './ReleaseDiff';

type View = 'history' | 'compare' | 'manifests';

/**
 * History, environment comparison and rendered manifests, below the environment cards. The
 * history is the tab's (the rollback actions need it too); of the other views only the chosen
 * one mounts, so they fetch nothing until asked for.
 */
export function DeployDetails(props: {
  componentRef: string;
  deployments: DeploymentStatus[];
  history: DeploymentHistoryState;
}) {
  const [view, setView] = useState<View>('history');
  return (
    <Box sx={{ mt: 3 }}>
      <Tabs
        value={view}
        onChange={(_, value) => setView(value)}
        aria-label="Deployment details"
        sx={{ mb: 2 }}
      >
        <Tab value="history" label="History" />
        <Tab value="compare" label="Compare environments" />
        <Tab value="manifests" label="Manifests" />
      </Tabs>
      {view === 'history' && <DeploymentHistory history={props.history} />}
      {view === 'compare' && (
        <ReleaseDiff
          componentRef={props.componentRef}
          deployments={props.deployments}
        />
      )}
      {view === 'manifests' && (
        <ManifestViewer
          componentRef={props.componentRef}
          environments={props.deployments
            .filter(d => d.desiredState === 'deployed')
            .map(d => d.environment)}
        />
      )}
    </Box>
  );
}
