import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { ReactNode, useState } from 'react';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { useDeployActions } from './DeployActionsContext';
import type { Allowance } from './useDeployPermissions';

/** Props of {@link ConfirmedAction}. */
export interface ConfirmedActionProps {
  /** The button's label. */
  label: string;
  allowance: Allowance;
  /** The confirmation question, e.g. "Undeploy from staging?". */
  title: string;
  /** The confirm button's label; the button's label when absent. */
  confirmLabel?: string;
  destructive?: boolean;
  /** The dialog needs more input before the action can run. */
  confirmDisabled?: boolean;
  /** Runs the action; resolves to the sentence that reports its success. */
  perform(): Promise<string>;
  /** Called when the dialog opens, e.g. to reset its inputs. */
  onOpen?(): void;
  /** The dialog's body: what will happen, and any inputs. */
  children?: ReactNode;
}

/**
 * A button that asks for confirmation, runs an action, reports the outcome and refreshes the
 * tab. When the action is not allowed the button is disabled and its tooltip says why.
 */
export function ConfirmedAction(props: ConfirmedActionProps) {
  const { report, refresh } = useDeployActions();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      report({ severity: 'success', message: await props.perform() });
    } catch (error) {
      report({
        severity: 'error',
        message: `${props.label} failed: ${(error as Error).message}`,
      });
    } finally {
      setBusy(false);
      setOpen(false);
      refresh();
    }
  };

  const button = (
    <Button
      size="small"
      color={props.destructive ? 'error' : 'primary'}
      disabled={!props.allowance.allowed}
      onClick={() => {
        props.onOpen?.();
        setOpen(true);
      }}
    >
      {props.label}
    </Button>
  );
  return (
    <>
      {props.allowance.allowed ? (
        button
      ) : (
        // A disabled button fires no events; the span carries the tooltip and its label.
        <Tooltip title={props.allowance.reason}>
          <span>{button}</span>
        </Tooltip>
      )}
      <ConfirmDialog
        open={open}
        title={props.title}
        confirmLabel={props.confirmLabel ?? props.label}
        destructive={props.destructive}
        busy={busy}
        confirmDisabled={props.confirmDisabled}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        {props.children}
      </ConfirmDialog>
    </>
  );
}
