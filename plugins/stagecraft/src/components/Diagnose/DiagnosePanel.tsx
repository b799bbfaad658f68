import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { Section } from '../Runtime/Section';
import { usePolling } from '../Runtime/usePolling';
import { DiagnosisView } from './DiagnosisView';

const MIN_REFRESH_MS = 15_000;

/** The Runtime tab's Diagnose section: what is wrong with the deployment, kept fresh. */
export function DiagnosePanel(props: {
  componentRef: string;
  environment: string;
  refreshIntervalMs: number;
}) {
  const { componentRef, environment } = props;
  const api = useApi(stagecraftApiRef);
  const diagnosis = usePolling(
    useCallback(
      () => api.getDiagnosis(componentRef, environment),
      [api, componentRef, environment],
    ),
    // A diagnosis reads logs and asks the traffic service too: not more often than every 15 s.
    Math.max(props.refreshIntervalMs, MIN_REFRESH_MS),
  );
  return (
    <Section title="Diagnose">
      <DiagnosisView
        diagnosis={diagnosis}
        componentRef={componentRef}
        environment={environment}
      />
    </Section>
  );
}
