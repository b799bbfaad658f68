import Tooltip from '@mui/material/Tooltip';
import { formatAbsoluteTime, formatRelativeTime } from './formatRelativeTime';

/** An ISO 8601 time shown as "5 minutes ago", with the absolute time as its tooltip. */
export function RelativeTime(props: { value: string }) {
  const date = new Date(props.value);
  if (Number.isNaN(date.getTime())) return <span>{props.value}</span>;
  return (
    <Tooltip title={formatAbsoluteTime(date)}>
      <time dateTime={props.value}>{formatRelativeTime(date)}</time>
    </Tooltip>
  );
}
