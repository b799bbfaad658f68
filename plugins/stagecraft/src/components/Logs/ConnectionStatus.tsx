import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { LogConnection } from './useLogStream';

const chips = {
  connecting: { label: 'Connecting…', color: 'default' },
  live: { label: 'Live', color: 'success' },
  ended: { label: 'Stream ended', color: 'default' },
} as const;

/** Where the stream stands; a way to reconnect once it has ended or failed. */
export function ConnectionStatus(props: {
  connection: LogConnection;
  onRetry(): void;
}) {
  const { connection, onRetry } = props;
  if (connection.state === 'error') {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        }
      >
        The log stream failed: {connection.error.message}
      </Alert>
    );
  }
  const chip = chips[connection.state];
  return (
    <>
      <span role="status" aria-label="Log stream">
        <Chip size="small" label={chip.label} color={chip.color} />
      </span>
      {connection.state === 'ended' && (
        <Button size="small" onClick={onRetry}>
          Reconnect
        </Button>
      )}
    </>
  );
}
