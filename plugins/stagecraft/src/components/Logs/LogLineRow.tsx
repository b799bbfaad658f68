import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import Box from '@mui/material/Box';
import { memo } from 'react';
import { HighlightedText } from './HighlightedText';

function LogLineRowView(props: {
  line: LogLine;
  filter: string;
  showTimestamp: boolean;
  showSource: boolean;
}) {
  const { line, filter, showTimestamp, showSource } = props;
  return (
    <div>
      {showTimestamp && line.timestamp && (
        <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
          {line.timestamp}
        </Box>
      )}
      {showSource && (
        <Box
          component="span"
          // info.main is too light on the log's background (WCAG AA needs 4.5:1).
          sx={{
            color: theme =>
              theme.palette.mode === 'dark'
                ? theme.palette.info.light
                : theme.palette.info.dark,
            mr: 1,
          }}
        >
          {line.pod}/{line.container}
        </Box>
      )}
      <HighlightedText text={line.text} query={filter} />
    </div>
  );
}

/**
 * One log line. Memoized: when new lines arrive only they render, not the thousands before.
 */
export const LogLineRow = memo(LogLineRowView);
