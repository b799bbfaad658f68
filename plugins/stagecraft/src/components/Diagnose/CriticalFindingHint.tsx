import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';

/** Only a deployment in one of these states is diagnosed from the Deploy tab. */
const TROUBLED = new Set(['degraded', 'failed', 'progressing']);

/**
 * On the Deploy tab's environment card: the top critical finding, when there is one, pointing
 * to the Runtime tab's Diagnose section. Healthy deployments are not diagnosed from here.
 */
export function CriticalFindingHint(props: { deployment: DeploymentStatus }) {
  const { componentRef, environment, sync } = props.deployment;
  const api = useApi(stagecraftApiRef);
  const troubled = TROUBLED.has(sync.state);
  const diagnosis = useAsync(
    async () =>
      troubled ? api.getDiagnosis(componentRef, environment) : undefined,
    [api, componentRef, environment, troubled, sync.reason],
  );
  const critical = diagnosis.value?.findings.find(
    f => f.severity === 'critical',
  );
  if (!critical) return null;
  return (
    <Alert severity="error" sx={{ my: 1 }} aria-label="Diagnosis">
      {critical.summary} The Runtime tab's Diagnose section has the evidence and
      the next step.
    </Alert>
  );
}
