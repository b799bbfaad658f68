import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { ExitCode } from '../../ExitCode';
import {
  integerArgument,
  RemoteContext,
  usageError,
} from '../../remote/RemoteCommand';
import { logLineText } from '../../remote/logLineText';
import { RemoteError } from '../../remote/RemoteError';
import { printable } from '../../remote/table';
import type { LogsOptions } from './logs';

/** The backend's bound on history lines before following. */
const MAX_TAIL_LINES = 10_000;

/**
 * `logs -f`: reads the REST log stream (an action cannot stream) until the backend ends it or
 * the user interrupts. Ctrl-C is the normal way to stop, so it exits 0. With --json, each
 * event is one JSON line (`{"event":"line","pod":…}`), for scripts reading as it comes.
 */
export async function followLogs(
  { client, io, json }: RemoteContext,
  component: string,
  options: LogsOptions,
): Promise<number> {
  const target = { ...deploymentPathOf(component), environment: options.env };
  const tailLines =
    options.lines === undefined
      ? 100
      : integerArgument('--lines', options.lines, 0, MAX_TAIL_LINES);
  const sigint = io.interrupt ? undefined : interruptedBySigint();
  const signal = io.interrupt ?? sigint!.signal;
  let unreadable = false;
  let ended = false;
  try {
    const events = client.streamLogs(
      target,
      {
        follow: true,
        tailLines,
        pod: options.pod,
        container: options.container,
      },
      signal,
    );
    for await (const { event, data } of events) {
      const payload = payloadOf(data, client.url);
      if (json) io.out(`${JSON.stringify({ event, ...payload })}\n`);
      else if (event === 'line')
        io.out(logLineText(payload as unknown as LogLine));
      else if (event === 'error')
        io.err(
          `stagecraft: ${printable(String(payload.message), {
            oneLine: true,
          })}\n`,
        );
      if (event === 'error') unreadable = true;
      if (event === 'end') {
        ended = true;
        break;
      }
    }
  } finally {
    sigint?.dispose();
  }
  // A stream closed without its end event was cut (the backend restarted, a proxy timed out):
  // saying nothing would pass for "the pods stopped".
  if (!ended && !signal.aborted)
    throw new RemoteError(
      `the log stream from ${client.url} closed before its end: the backend may have restarted; run the command again`,
      ExitCode.Unreachable,
    );
  return unreadable ? ExitCode.Failed : ExitCode.Ok;
}

/** An event's JSON data; anything else means the stream is not the backend's. */
function payloadOf(data: string, url: string): Record<string, unknown> {
  try {
    const payload = JSON.parse(data);
    if (payload && typeof payload === 'object') return payload;
  } catch {
    // handled below
  }
  throw new RemoteError(
    `the log stream from ${url} sent an event that is not Stagecraft's: set --url to the backend`,
    ExitCode.Unreachable,
  );
}

/** `checkout-api` or `component:default/checkout-api` as the REST path's namespace and name. */
function deploymentPathOf(component: string) {
  let ref;
  try {
    ref = parseEntityRef(component, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw usageError(
      `${JSON.stringify(
        component,
      )} is not a component: use e.g. checkout-api or component:default/checkout-api`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'component')
    throw usageError(`${component} is not a component`);
  return { namespace: ref.namespace, name: ref.name };
}

/** An abort signal for Ctrl-C while following; the handler is removed afterwards. */
function interruptedBySigint() {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => process.off('SIGINT', onSigint),
  };
}
