import { KubeConfig } from '@kubernetes/client-node';
import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { kubeGet } from '../kube/kubeRequest';
import { logTextLines } from './logTextLines';

/** One container's log, and how much of it. */
export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  sinceSeconds?: number;
  follow: boolean;
  /** Hand the kubelet's timestamp on with each line. */
  timestamps: boolean;
}

/** `<RFC 3339 time> <text>`: what the log API writes with `timestamps=true`. */
const TIMESTAMPED = /^(\d{4}-\d\d-\d\dT\S+) ?(.*)$/s;

/**
 * The lines of a container's log as they are written, from the pod log API
 * (`/api/v1/namespaces/{ns}/pods/{pod}/log`), over a raw streamed request: client-node's typed
 * `readNamespacedPodLog` buffers the whole body. Aborting `signal`, or leaving the loop, closes
 * the connection; the iteration ends only after the socket is closed.
 *
 * @remarks
 * The kubelet is always asked for timestamps: they mark where each line starts, so a line is
 * never mistaken for one whose text happens to begin with a date.
 */
export async function* podLogLines(
  kubeConfig: KubeConfig,
  request: PodLogRequest,
  signal: AbortSignal,
): AsyncGenerator<LogLine> {
  yield* await openPodLog(kubeConfig, request, signal);
}

/**
 * {@link podLogLines}, in two steps: resolves once the API server has answered (so a follow is
 * known to be connected: lines written from then on will arrive), with the lines to iterate.
 */
export async function openPodLog(
  kubeConfig: KubeConfig,
  request: PodLogRequest,
  signal: AbortSignal,
): Promise<AsyncGenerator<LogLine>> {
  const { namespace, pod, container } = request;
  const response = await kubeGet(
    kubeConfig,
    `/api/v1/namespaces/${encodeURIComponent(
      namespace,
    )}/pods/${encodeURIComponent(pod)}/log`,
    {
      container,
      follow: String(request.follow),
      tailLines: String(request.tailLines),
      ...(request.sinceSeconds !== undefined
        ? { sinceSeconds: String(request.sinceSeconds) }
        : {}),
      timestamps: 'true',
    },
    signal,
  );
  return (async function* lines() {
    try {
      response.body.setEncoding('utf8');
      for await (const raw of logTextLines(response.body)) {
        yield logLine(raw, { pod, container }, request.timestamps);
      }
    } finally {
      response.body.destroy();
      await response.closed;
    }
  })();
}

/** One line of the log API's output as a {@link LogLine}. */
export function logLine(
  raw: string,
  source: { pod: string; container: string },
  withTimestamp: boolean,
): LogLine {
  const match = TIMESTAMPED.exec(raw);
  const text = match ? match[2] : raw;
  return withTimestamp && match
    ? { ...source, timestamp: match[1], text }
    : { ...source, text };
}
