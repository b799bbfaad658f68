import { KubernetesObject } from '@kubernetes/client-node';
import type { BackoffOptions } from './backoff';
import { KindWatcher } from './KindWatcher';
import { KubeApiError } from '../kube/KubeApiError';
import { ManagedObjectEvent } from './ManagedObjectEvent';
import {
  ListResult,
  RawWatchEvent,
  ResourceClient,
} from '../kube/ResourceClient';
import { WarningThrottle } from './WarningThrottle';

const configMaps = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
};
const cm = (name: string, resourceVersion: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns', resourceVersion },
});
const listOf = (
  resourceVersion: string,
  ...items: KubernetesObject[]
): ListResult => ({ resourceVersion, items });
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
    code: 'ECONNREFUSED',
  });
const notFound = () =>
  new KubeApiError('/apis/x/v1/things', 404, 'the server could not find it');

/**
 * A watch the server keeps open for `lastsMs` of the test clock (`Date.now`, which the test that
 * uses one replaces with `testClock`) before ending it.
 */
interface LastingWatch {
  events: RawWatchEvent[];
  lastsMs: number;
}
const testClock = { ms: 0 };

/**
 * A client that answers from scripts, one entry per call, and stops the watcher when a script
 * runs out, so each test ends exactly when its scenario has played.
 */
function scriptedClient(script: {
  lists: (ListResult | Error)[];
  watches: (RawWatchEvent[] | LastingWatch | Error)[];
}) {
  const controller = new AbortController();
  const watchedFrom: string[] = [];
  const next = <T>(queue: (T | Error)[]): T => {
    const answer = queue.shift();
    if (answer === undefined) {
      controller.abort();
      throw new Error('script finished');
    }
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const client: ResourceClient = {
    list: async () => next(script.lists),
    watch: async (_kind, resourceVersion) => {
      watchedFrom.push(resourceVersion);
      const answer = next(script.watches);
      const { events, lastsMs } = Array.isArray(answer)
        ? { events: answer, lastsMs: 0 }
        : answer;
      return (async function* stream() {
        yield* events;
        testClock.ms += lastsMs;
      })();
    },
  };
  return {
    client,
    signal: controller.signal,
    stop: () => controller.abort(),
    watchedFrom,
  };
}

async function play(
  script: Parameters<typeof scriptedClient>[0],
  options: { backoff?: BackoffOptions; stopAfterMs?: number } = {},
) {
  const { client, signal, stop, watchedFrom } = scriptedClient(script);
  const timer = options.stopAfterMs
    ? setTimeout(stop, options.stopAfterMs)
    : undefined;
  const events: string[] = [];
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const watcher = new KindWatcher(configMaps, {
    client,
    emit: (e: ManagedObjectEvent) =>
      events.push(
        `${e.type} ${e.object.metadata?.name}@${e.object.metadata?.resourceVersion}`,
      ),
    logger,
    throttle: new WarningThrottle(logger.warn, 60_000),
    backoff: options.backoff ?? { initialMs: 1, maxMs: 4 },
    server: 'https://127.0.0.1:6443',
  });
  const settled = jest.fn();
  await watcher.run(signal, settled);
  clearTimeout(timer);
  return { events, watchedFrom, logger, settled, watcher };
}

describe('KindWatcher', () => {
  it('lists, watches from the list version and resumes from the last version seen', async () => {
    const { events, watchedFrom, settled } = await play({
      lists: [listOf('10', cm('a', '5'))],
      watches: [
        [
          { type: 'MODIFIED', object: cm('a', '11') },
          { type: 'ADDED', object: cm('b', '12') },
        ],
        [
          { type: 'BOOKMARK', object: { metadata: { resourceVersion: '30' } } },
          { type: 'DELETED', object: cm('b', '31') },
        ],
        [],
      ],
    });
    expect(events).toEqual([
      'ADDED a@5',
      'MODIFIED a@11',
      'ADDED b@12',
      'DELETED b@31',
    ]);
    expect(watchedFrom).toEqual(['10', '12', '31', '31']);
    expect(settled).toHaveBeenCalled();
  });

  it('relists after 410 Gone and emits only what changed while the version was lost', async () => {
    const { events, watchedFrom } = await play({
      lists: [
        listOf('10', cm('a', '1'), cm('b', '2'), cm('c', '3')),
        listOf('40', cm('a', '1'), cm('b', '22'), cm('d', '33')),
      ],
      watches: [
        [
          {
            type: 'ERROR',
            object: { code: 410, message: 'too old resource version' },
          },
        ],
      ],
    });
    expect(events).toEqual([
      'ADDED a@1',
      'ADDED b@2',
      'ADDED c@3',
      'MODIFIED b@22',
      'ADDED d@33',
      'DELETED c@3',
    ]);
    expect(watchedFrom).toEqual(['10', '40']);
  });

  it('warns once about a kind that is not served, keeps checking and reports when it appears', async () => {
    const { events, logger, watcher } = await play({
      lists: [notFound(), notFound(), notFound(), listOf('7', cm('late', '6'))],
      watches: [],
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^ConfigMap \(v1\) is not served by https:\/\/127\.0\.0\.1:6443/,
    );
    expect(logger.info).toHaveBeenCalledWith(
      'ConfigMap (v1) is served now; watching it',
    );
    expect(events).toEqual(['ADDED late@6']);
    expect(watcher.synced).toBe(true);
  });

  it('keeps retrying an unreachable server with one warning, then resumes from the version it had', async () => {
    const { events, watchedFrom, logger } = await play({
      lists: [listOf('10', cm('a', '1'))],
      watches: [
        refused(),
        refused(),
        refused(),
        refused(),
        [{ type: 'MODIFIED', object: cm('a', '50') }],
      ],
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^Kubernetes API https:\/\/127\.0\.0\.1:6443 is unreachable \(ECONNREFUSED/,
    );
    expect(logger.info).toHaveBeenCalledWith(
      'ConfigMap (v1): watching again after 4 failed attempt(s)',
    );
    expect(watchedFrom).toEqual(['10', '10', '10', '10', '10', '50']);
    expect(events).toEqual(['ADDED a@1', 'MODIFIED a@50']);
  });

  // A minute's backoff, and the watcher stopped after 200 ms: a wait taken shows as a watch
  // never asked for.
  const slowBackoff = {
    backoff: { initialMs: 60_000, maxMs: 60_000 },
    stopAfterMs: 200,
  };

  it('resumes at once after a watch the server ended, so a server gone is found out at once', async () => {
    const { watchedFrom, watcher } = await play(
      {
        lists: [listOf('10', cm('a', '1'))],
        watches: [
          [
            {
              type: 'BOOKMARK',
              object: { metadata: { resourceVersion: '20' } },
            },
          ],
          refused(),
        ],
      },
      slowBackoff,
    );
    expect(watchedFrom).toEqual(['10', '20']);
    expect(watcher.current).toBe(false);
  });

  it('does not resume in a loop when the server ends every watch at once', async () => {
    const { watchedFrom } = await play(
      { lists: [listOf('10', cm('a', '1'))], watches: [[], [], []] },
      slowBackoff,
    );
    // Once at once, then the wait.
    expect(watchedFrom).toEqual(['10', '10']);
  });

  it('resumes at once after every watch that lasted, however many end in a row', async () => {
    // Each watch lasts a minute of the test clock, which stands still otherwise: the watches'
    // routine timeouts, none of them a server closing watches as soon as they open.
    const now = jest.spyOn(Date, 'now').mockImplementation(() => testClock.ms);
    const aMinute = { events: [], lastsMs: 60_000 };
    try {
      const { watchedFrom } = await play(
        {
          lists: [listOf('10', cm('a', '1'))],
          watches: [aMinute, aMinute, aMinute],
        },
        slowBackoff,
      );
      // Three watches resumed without a wait, and the fourth call ends the script.
      expect(watchedFrom).toEqual(['10', '10', '10', '10']);
    } finally {
      now.mockRestore();
    }
  });

  it('settles and stays unsynced when the first list fails', async () => {
    const { settled, watcher } = await play({
      lists: [refused()],
      watches: [],
    });
    expect(settled).toHaveBeenCalled();
    expect(watcher.synced).toBe(false);
  });
});
