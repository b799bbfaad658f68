import { useApi } from '@backstage/frontend-plugin-api';
import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { useCallback, useEffect, useState } from 'react';
import { LogStreamOptions, stagecraftApiRef } from '../../api/StagecraftApi';
import { appendBounded, BufferedLine, MAX_BUFFERED_LINES } from './logBuffer';

/** Where a log stream stands, in the words the toolbar shows. */
export type LogConnection =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'ended' }
  | { state: 'error'; error: Error };

/** The lines of a log stream so far and its connection. */
export interface LogStreamState {
  /** The newest lines, at most `MAX_BUFFERED_LINES`. */
  lines: BufferedLine[];
  /** Lines received since the stream opened, including those dropped from the buffer. */
  received: number;
  connection: LogConnection;
}

const opening: LogStreamState = {
  lines: [],
  received: 0,
  connection: { state: 'connecting' },
};

/**
 * Streams a deployment's logs while mounted; reopens (with a fresh buffer, since the server
 * replays `tailLines` of history) when the options change or on `retry()`, and closes the
 * stream on unmount.
 *
 * Lines are collected and rendered at most once per animation frame, so a burst of thousands
 * of lines costs one render, not thousands.
 */
export function useLogStream(
  componentRef: string,
  environment: string,
  options: LogStreamOptions,
): LogStreamState & { retry(): void } {
  const api = useApi(stagecraftApiRef);
  const [state, setState] = useState<LogStreamState>(opening);
  const [attempt, setAttempt] = useState(0);
  const { pod, container, tailLines } = options;

  useEffect(() => {
    let open = true;
    let pending: BufferedLine[] = [];
    let received = 0;
    let frame: number | undefined;
    setState(opening);

    const flush = () => {
      frame = undefined;
      const batch = pending;
      pending = [];
      setState(prev => ({
        lines: appendBounded(prev.lines, batch, MAX_BUFFERED_LINES),
        received: batch[batch.length - 1].seq + 1,
        connection:
          prev.connection.state === 'connecting'
            ? { state: 'live' }
            : prev.connection,
      }));
    };
    const onLine = (line: LogLine) => {
      if (!open) return;
      pending.push({ seq: received++, line });
      // Frames stop in a background tab; keep what waits for one bounded too.
      if (pending.length > 2 * MAX_BUFFERED_LINES) {
        pending = pending.slice(-MAX_BUFFERED_LINES);
      }
      frame ??= requestAnimationFrame(flush);
    };
    const onError = (error: Error) => {
      if (open)
        setState(prev => ({ ...prev, connection: { state: 'error', error } }));
    };
    const onOpen = () => {
      if (!open) return;
      setState(prev =>
        prev.connection.state === 'connecting'
          ? { ...prev, connection: { state: 'live' } }
          : prev,
      );
    };
    const onEnd = () => {
      if (!open) return;
      setState(prev =>
        prev.connection.state === 'error'
          ? prev
          : { ...prev, connection: { state: 'ended' } },
      );
    };

    const stream = api.streamLogs(
      componentRef,
      environment,
      // Timestamps are always asked for; the view decides whether to show them.
      { pod, container, tailLines, timestamps: true },
      { onOpen, onLine, onError, onEnd },
    );
    return () => {
      open = false;
      if (frame !== undefined) cancelAnimationFrame(frame);
      stream.close();
    };
  }, [api, componentRef, environment, pod, container, tailLines, attempt]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { ...state, retry };
}
