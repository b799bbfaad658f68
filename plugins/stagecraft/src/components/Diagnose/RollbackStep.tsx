import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import { useState } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { shortReleaseId } from '../shared/shortReleaseId';

/**
 * The rollback a finding proposes, asked for before it runs. The backend checks the caller's
 * permission and the pipeline rule; a refusal is shown as it comes.
 */
export function RollbackStep(props: {
  componentRef: string;
  environment: string;
  releaseId: string;
  onDone(): void;
}) {
  const api = useApi(stagecraftApiRef);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const release = shortReleaseId(props.releaseId);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        sx={{ mt: 1 }}
        onClick={() => setOpen(true)}
      >
        Roll back to {release}
      </Button>
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} sx={{ mt: 1 }}>
          {outcome.text}
        </Alert>
      )}
      <ConfirmDialog
        open={open}
        title={`Roll back ${props.environment}?`}
        confirmLabel="Roll back"
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await api.rollback(
              props.componentRef,
              props.environment,
              props.releaseId,
            );
            setOutcome({
              ok: true,
              text: `Rolling ${props.environment} back to release ${release}.`,
            });
            props.onDone();
          } catch (e) {
            setOutcome({
              ok: false,
              text: `Could not roll back: ${(e as Error).message}`,
            });
          } finally {
            setBusy(false);
            setOpen(false);
          }
        }}
      >
        <DialogContentText>
          {props.environment} will run release {release} again, the last one
          that ran here before the trouble started.
        </DialogContentText>
      </ConfirmDialog>
    </>
  );
}
