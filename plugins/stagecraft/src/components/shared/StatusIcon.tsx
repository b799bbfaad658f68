import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import SyncIcon from '@mui/icons-material/Sync';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';

/** How a state reads at a glance, besides its colour and its words. */
export type StatusTone = 'success' | 'info' | 'warning' | 'error' | 'default';

/**
 * An icon per tone, so a state never rests on colour alone (WCAG 1.4.1): a tick, a sync arrow,
 * a warning sign, an error sign, a question mark. Decorative: the chip's text names the state.
 */
export function StatusIcon(props: { tone: StatusTone }) {
  const shared = { fontSize: 'small', 'aria-hidden': true } as const;
  switch (props.tone) {
    case 'success':
      return <CheckCircleOutlineIcon {...shared} />;
    case 'info':
      return <SyncIcon {...shared} />;
    case 'warning':
      return <WarningAmberIcon {...shared} />;
    case 'error':
      return <ErrorOutlineIcon {...shared} />;
    default:
      return <HelpOutlineIcon {...shared} />;
  }
}
