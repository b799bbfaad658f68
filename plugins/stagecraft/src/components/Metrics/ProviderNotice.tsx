import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ProviderState } from '@stagecraft/plugin-stagecraft-common';

/** Where the repository explains the providers and their configuration. */
export const OBSERVABILITY_DOCS = 'docs/observability.md';

const EXAMPLES = {
  metrics:
    'stagecraft:\n  observability:\n    metrics:\n      type: prometheus\n      url: http://prometheus.example:9090',
  traces:
    'stagecraft:\n  observability:\n    traces:\n      type: jaeger\n      url: http://jaeger-query.example:16686',
};

/**
 * Why there are no metrics or traces to show: no provider is configured for the environment
 * (and what to write in app-config), or the configured one failed (with the server's reason,
 * which never carries a provider's error body or a credential). Nothing for `ok`.
 */
export function ProviderNotice(props: {
  kind: 'metrics' | 'traces';
  state: ProviderState;
  environment: string;
  reason?: string;
}) {
  const { kind, state, environment, reason } = props;
  if (state === 'ok') return null;
  const what = kind === 'metrics' ? 'Metrics' : 'Traces';
  if (state === 'unavailable') {
    return (
      <Alert severity="warning" role="status">
        <AlertTitle>
          {what} are unavailable for {environment}
        </AlertTitle>
        {reason ?? 'The provider did not answer.'} The rest of the page works;
        try again in a moment.
      </Alert>
    );
  }
  return (
    <Alert severity="info" role="status">
      <AlertTitle>
        {what} are not configured for {environment}
      </AlertTitle>
      {reason && <Typography variant="body2">{reason}</Typography>}
      <Typography variant="body2" sx={{ mt: 1 }}>
        A platform engineer adds a {kind} provider to app-config, for every
        environment or under{' '}
        <code>
          stagecraft.observability.environments.{environment}.{kind}
        </code>
        :
      </Typography>
      <Box
        component="pre"
        aria-label={`Example ${kind} configuration`}
        sx={{ my: 1, p: 1, bgcolor: 'action.hover', overflowX: 'auto' }}
      >
        {EXAMPLES[kind]}
      </Box>
      <Typography variant="body2">
        See <code>{OBSERVABILITY_DOCS}</code> in the Stagecraft repository for
        every option and for adding your own provider.
      </Typography>
    </Alert>
  );
}
