import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Diagnosis } from '@stagecraft/plugin-stagecraft-common';
import { LoadingState } from '../shared/LoadingState';
import type { Polled } from '../Runtime/usePolling';
import { FindingCard } from './FindingCard';

/** A diagnosis with its loading, error, healthy and findings states. */
export function DiagnosisView(props: {
  diagnosis: Polled<Diagnosis>;
  componentRef: string;
  environment: string;
}) {
  const { diagnosis } = props;
  if (diagnosis.loading) return <LoadingState label="Diagnosing" />;
  if (!diagnosis.value)
    return (
      <Alert severity="error">
        Could not diagnose this deployment: {diagnosis.error?.message}
      </Alert>
    );
  const { findings, checked, gaps } = diagnosis.value;
  return (
    <Stack spacing={2}>
      {diagnosis.error && (
        <Alert severity="warning">
          Could not refresh the diagnosis; showing the last one.{' '}
          {diagnosis.error.message}
        </Alert>
      )}
      {findings.length === 0 ? (
        <Alert severity="success">
          <AlertTitle>No problems found</AlertTitle>
          <Typography variant="body2">Checked:</Typography>
          <Box component="ul" aria-label="Checked" sx={{ m: 0, pl: 2 }}>
            {checked.map(check => (
              <Typography key={check} component="li" variant="body2">
                {check}
              </Typography>
            ))}
          </Box>
        </Alert>
      ) : (
        findings.map((finding, i) => (
          <FindingCard
            key={`${finding.rule}-${i}`}
            finding={finding}
            componentRef={props.componentRef}
            environment={props.environment}
            onActed={diagnosis.refresh}
          />
        ))
      )}
      {gaps.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          Not looked at: {gaps.join('; ')}.
        </Typography>
      )}
    </Stack>
  );
}
