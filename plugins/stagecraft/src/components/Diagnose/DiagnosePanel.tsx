import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { Section } from '../Runtime/Section';
import { usePolling } from '../Runtime/usePolling';
import { DiagnosisView } from './DiagnosisView';

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
    props.refreshIntervalMs,
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
