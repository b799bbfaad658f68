import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { ReactNode, useId } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** The confirm button's label: the action, e.g. "Undeploy". */
  confirmLabel: string;
  /** Colours the confirm button as dangerous (removals, overwrites). */
  destructive?: boolean;
  /** The action is running: both buttons are disabled and the confirm button spins. */
  busy?: boolean;
  /** Confirmation needs more input first, e.g. a choice in the dialog's body. */
  confirmDisabled?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** What will happen, and any inputs the action takes. */
  children?: ReactNode;
}

/**
 * Asks before an action runs. It only presents; the caller runs the action and closes it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const titleId = useId();
  return (
    <Dialog
      open={props.open}
      onClose={props.busy ? undefined : props.onCancel}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>{props.children}</DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={props.destructive ? 'error' : 'primary'}
          onClick={props.onConfirm}
          disabled={props.busy || props.confirmDisabled}
          startIcon={
            props.busy ? (
              <CircularProgress size={16} aria-label="Working" />
            ) : undefined
          }
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
