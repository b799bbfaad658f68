import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { LogStreamOptions } from '../../api/StagecraftApi';
import { ConnectionStatus } from './ConnectionStatus';
import { BufferedLine } from './logBuffer';
import { downloadLogFile, logFileName } from './logFile';
import { LogLines } from './LogLines';
import { LogToolbar } from './LogToolbar';
import { LogConnection, useLogStream } from './useLogStream';

/** What is on screen while paused: the lines up to the pause, and how many had arrived. */
interface PausedView {
  lines: BufferedLine[];
  received: number;
}

const emptyText = (connection: LogConnection) =>
  connection.state === 'ended'
    ? 'The stream ended without any log lines.'
    : 'Waiting for log lines…';

/**
 * One live log stream and the controls to read it. Mount it with a `key` per stream source:
 * a new source is a new stream with its own buffer, pause and scroll position.
 */
export function LogStreamView(props: {
  componentRef: string;
  environment: string;
  options: LogStreamOptions;
  /** Prefix lines with `pod/container`, for when several sources interleave. */
  showSource: boolean;
}) {
  const { componentRef, environment, options } = props;
  const stream = useLogStream(componentRef, environment, options);
  // Paused, the stream keeps filling the buffer; only the screen stands still.
  const [paused, setPaused] = useState<PausedView>();
  const [filter, setFilter] = useState('');
  const [showTimestamps, setShowTimestamps] = useState(false);

  return (
    <Stack spacing={1}>
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
      >
        <ConnectionStatus
          connection={stream.connection}
          onRetry={() => {
            // A new stream starts a new buffer; a pause of the old one means nothing there.
            setPaused(undefined);
            stream.retry();
          }}
        />
        <LogToolbar
          paused={paused !== undefined}
          newLines={paused ? stream.received - paused.received : 0}
          onPauseChange={pause =>
            setPaused(
              pause
                ? { lines: stream.lines, received: stream.received }
                : undefined,
            )
          }
          filter={filter}
          onFilterChange={setFilter}
          showTimestamps={showTimestamps}
          onShowTimestampsChange={setShowTimestamps}
          canDownload={stream.lines.length > 0}
          onDownload={() =>
            downloadLogFile(
              logFileName(componentRef, environment, options.pod),
              stream.lines.map(l => l.line),
            )
          }
        />
      </Stack>
      <LogLines
        lines={paused?.lines ?? stream.lines}
        filter={filter}
        showTimestamps={showTimestamps}
        showSource={props.showSource}
        emptyText={emptyText(stream.connection)}
      />
    </Stack>
  );
}
