import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { useDeployPermissions } from '../Deploy/actions/useDeployPermissions';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { shortReleaseId } from '../shared/shortReleaseId';

/**
 * The rollback a finding proposes, asked for before it runs. Disabled, saying why, for a user
 * without the rollback permission, as on the Deploy tab. The panel does not know whether the
 * stage is production, so that extra permission (and the pipeline rule) is left to the
 * backend, whose refusal is shown as it comes.
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
  const allowance = useDeployPermissions(props.componentRef)('rollback', {
    environment: props.environment,
    production: false,
  });
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        // Release ids are lower-case hex; the theme's upper-case buttons would show another id.
        sx={{ mt: 1, textTransform: 'none' }}
        disabled={!allowance.allowed}
        onClick={() => setOpen(true)}
      >
        Roll back to {release}
      </Button>
      {!allowance.allowed && (
        <Typography variant="caption" color="text.secondary" component="p">
          {allowance.reason}
        </Typography>
      )}
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
