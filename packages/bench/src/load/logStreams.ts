import { KubeConfig } from '@kubernetes/client-node';
import { podLogLines } from '@stagecraft/plugin-stagecraft-backend/src/runtime/podLogLines';
import { ClientRequest, request } from 'node:http';
import { assertLoopback } from './loopbackHttp';

/** What a log-stream load needs: where the streams are, and how to write a line to every pod's log. */
export interface LogStreamLoadOptions {
  /** The logs URL of stream `i` (streams are spread over the deployments). */
  streamUrl(i: number): string;
  streams: number;
  marks: number;
  markIntervalMs: number;
  appendPodLog(lines: string[]): Promise<void>;
  /** One pod to follow straight from the API server, as the floor the cluster itself sets. */
  direct: {
    kubeConfig: KubeConfig;
    namespace: string;
    pod: string;
    container: string;
  };
}

/** Latencies from a line written to the pod log file to its arrival, and what got lost. */
export interface LogStreamFigures {
  /** Written → received through the backend, one sample per stream, pod and mark (ms). */
  latencies: number[];
  /** The same, for the direct API-server follow. */
  directLatencies: number[];
  expected: number;
  missing: number;
  /** Upstream log connections behind the streams (their containers, counted at warm-up). */
  sources: number;
  opened: number;
  failed: number;
  problems: Map<string, number>;
}

const MARK = /^load-mark (\d+)$/;
const WARM_UP_TIMEOUT_MS = 60_000;
const DRAIN_MS = 10_000;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A server-sent-event stream of log lines, calling `onMark` for every bench mark it carries. */
function openStream(
  url: string,
  onMark: (seq: number, source: string) => void,
  onProblem: (event: string) => void,
): Promise<ClientRequest | undefined> {
  const target = new URL(url);
  assertLoopback(target);
  return new Promise(resolve => {
    const req = request(target, { agent: false }, res => {
      if (res.statusCode !== 200) {
        onProblem(`HTTP ${res.statusCode}`);
        res.resume();
        resolve(undefined);
        return;
      }
      res.setEncoding('utf8');
      let pending = '';
      res.on('data', (chunk: string) => {
        const events = (pending + chunk).split('\n\n');
        pending = events.pop() ?? '';
        for (const event of events) {
          if (
            event.startsWith('event: error\n') ||
            event.startsWith('event: end\n')
          )
            onProblem(event.replace(/\n/g, ' '));
          if (!event.startsWith('event: line\n')) continue;
          const data = event.slice(event.indexOf('data: ') + 6);
          const line = JSON.parse(data) as {
            pod: string;
            container: string;
            text: string;
          };
          const match = MARK.exec(line.text);
          if (match) onMark(Number(match[1]), `${line.pod}/${line.container}`);
        }
      });
      res.on('error', () => undefined);
      resolve(req);
    });
    req.on('error', error => {
      onProblem(error.message);
      resolve(undefined);
    });
    req.end();
  });
}

/**
 * Opens `streams` live log streams through the backend (tailLines=0, follow), plus one direct
 * follow from the API server, waits until every stream receives a warm-up line, then writes
 * `marks` lines to every pod's log, `markIntervalMs` apart, and times each one's arrival.
 */
export async function measureLogStreams(
  o: LogStreamLoadOptions,
): Promise<LogStreamFigures> {
  const written = new Map<number, number>();
  const latencies: number[] = [];
  const directLatencies: number[] = [];
  /** `error` and `end` events, refusals and connection failures, by text. */
  const problems = new Map<string, number>();
  // The containers each stream follows, learnt from the warm-up line.
  const warmUp = Array.from({ length: o.streams }, () => new Set<string>());
  const record =
    (into: number[], i?: number) =>
    (seq: number, source = '') => {
      if (seq === 0 && i !== undefined) warmUp[i].add(source);
      const at = written.get(seq);
      if (seq > 0 && at !== undefined) into.push(performance.now() - at);
    };
  const requests = await Promise.all(
    Array.from({ length: o.streams }, (_, i) =>
      openStream(o.streamUrl(i), record(latencies, i), problem =>
        problems.set(problem, (problems.get(problem) ?? 0) + 1),
      ),
    ),
  );
  const direct = new AbortController();
  const directDone = (async () => {
    const lines = podLogLines(
      o.direct.kubeConfig,
      { ...o.direct, tailLines: 0, follow: true, timestamps: false },
      direct.signal,
    );
    for await (const line of lines) {
      const match = MARK.exec(line.text);
      if (match) record(directLatencies)(Number(match[1]));
    }
  })().catch((error: Error) => {
    if (!direct.signal.aborted)
      problems.set(`direct follow: ${error.message}`, 1);
  });
  try {
    const opened = requests.filter(Boolean).length;
    // Warm-up: the backend opens its upstream requests after the stream's headers, so a line
    // written at once could go unseen; marks start once every open stream got one.
    const warmUpStarted = Date.now();
    while (Date.now() - warmUpStarted < WARM_UP_TIMEOUT_MS) {
      await o.appendPodLog(['load-mark 0']);
      await sleep(1000);
      if (requests.every((r, i) => !r || warmUp[i].size > 0)) break;
    }
    const sources = warmUp.reduce((sum, seen) => sum + seen.size, 0);
    for (let seq = 1; seq <= o.marks; seq++) {
      written.set(seq, performance.now());
      await o.appendPodLog([`load-mark ${seq}`]);
      await sleep(o.markIntervalMs);
    }
    await sleep(DRAIN_MS);
    const expected = sources * o.marks;
    return {
      latencies,
      directLatencies,
      expected,
      missing: expected - latencies.length,
      sources,
      opened,
      failed: o.streams - opened,
      problems,
    };
  } finally {
    for (const req of requests) req?.destroy();
    direct.abort();
    await directDone;
  }
}
