import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { BufferedLine } from './logBuffer';
import { LogLineRow } from './LogLineRow';

/**
 * How many lines are in the page at once. The buffer holds more; rendering only the newest
 * keeps the DOM small without virtualisation, and the download has them all.
 */
export const MAX_RENDERED_LINES = 1000;

/** Within this many pixels of the bottom counts as "at the bottom": keep following. */
const FOLLOW_SLACK_PX = 24;

/** The log output: filtered, newest at the bottom, following new lines unless scrolled up. */
export function LogLines(props: {
  lines: BufferedLine[];
  filter: string;
  showTimestamps: boolean;
  showSource: boolean;
  /** What to say when there are no lines at all. */
  emptyText: string;
}) {
  const { lines, filter, showTimestamps, showSource } = props;
  const matching = useMemo(() => {
    const needle = filter.toLowerCase();
    return needle
      ? lines.filter(l => l.line.text.toLowerCase().includes(needle))
      : lines;
  }, [lines, filter]);
  const shown = matching.slice(-MAX_RENDERED_LINES);
  const omitted = matching.length - shown.length;

  const output = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  useLayoutEffect(() => {
    const el = output.current;
    if (following && el) el.scrollTop = el.scrollHeight;
  });
  const onScroll = () => {
    const el = output.current!;
    setFollowing(
      el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX,
    );
  };

  let message: string | undefined;
  if (lines.length === 0) message = props.emptyText;
  else if (matching.length === 0) message = `No lines match “${filter}”.`;
  else if (omitted > 0)
    message = `${omitted} earlier lines are not shown here; download the log to read them.`;

  return (
    <Box sx={{ position: 'relative' }}>
      <Box
        ref={output}
        role="log"
        aria-label="Log output"
        // Announcing every line would drown a screen reader; the lines are there to read.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        sx={{
          fontFamily: 'monospace',
          fontSize: 12,
          lineHeight: 1.5,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          height: '60vh',
          overflow: 'auto',
          p: 1,
          bgcolor: 'background.default',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
        }}
      >
        {message && <Box sx={{ color: 'text.secondary' }}>{message}</Box>}
        {shown.map(({ seq, line }) => (
          <LogLineRow
            key={seq}
            line={line}
            filter={filter}
            showTimestamp={showTimestamps}
            showSource={showSource}
          />
        ))}
      </Box>
      {!following && (
        <Button
          size="small"
          variant="contained"
          onClick={() => setFollowing(true)}
          sx={{ position: 'absolute', right: 16, bottom: 16 }}
        >
          Jump to latest
        </Button>
      )}
    </Box>
  );
}
