import { KubeApiError } from './KubeApiError';
import { KubeResponse, readLines } from './kubeRequest';
import type { RawWatchEvent } from './ResourceClient';

/**
 * The events of a watch; the stream ends only after its connection has closed. A watch that
 * delivers nothing (not even a bookmark) for `idleMs` fails: the server was asked to end it
 * sooner, so its connection died without a reset (a NAT timeout, a host gone) and would
 * otherwise be taken for a quiet cluster for ever — while the live state cache it feeds answers
 * the resync and status reads in its place.
 */
export async function* watchEvents(
  response: KubeResponse,
  path: string,
  idleMs: number,
): AsyncGenerator<RawWatchEvent> {
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        response.body.destroy(
          new KubeApiError(
            path,
            0,
            `watch delivered nothing for ${Math.round(
              idleMs / 1000,
            )} s: its connection is taken for dead`,
          ),
        ),
      idleMs,
    );
    idle.unref?.();
  };
  arm();
  try {
    for await (const line of readLines(response.body)) {
      arm();
      yield JSON.parse(line) as RawWatchEvent;
    }
  } finally {
    clearTimeout(idle);
    response.body.destroy();
    await response.closed;
  }
}
