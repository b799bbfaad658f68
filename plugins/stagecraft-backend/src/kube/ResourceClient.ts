import { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { KubeApiError } from './KubeApiError';
import { kubeGet, readText } from './kubeRequest';
import { watchEvents } from './watchEvents';
import { collectionPath, MANAGED_SELECTOR, WatchedKind } from './watchedKinds';

/** One consistent snapshot of a kind's managed objects. */
export interface ListResult {
  items: KubernetesObject[];
  /** Watch from here to see every change after the snapshot. */
  resourceVersion: string;
}

/** One line of a watch stream. */
export type RawWatchEvent =
  | {
      type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
      object: KubernetesObject;
    }
  | { type: 'ERROR'; object: { code?: number; message?: string } };

/**
 * Lists and watches the managed objects of one kind across all namespaces. The seam between
 * the retry logic ({@link KindWatcher}) and HTTP, so the former can be tested without a server.
 */
export interface ResourceClient {
  list(kind: WatchedKind, signal: AbortSignal): Promise<ListResult>;
  /** Resolves once the server accepted the watch; the iterable ends when the server closes it. */
  watch(
    kind: WatchedKind,
    resourceVersion: string,
    signal: AbortSignal,
  ): Promise<AsyncIterable<RawWatchEvent>>;
}

/**
 * Which objects of a kind a {@link HttpResourceClient} lists and watches.
 *
 * @remarks
 * The drift watches use the default, every managed object in every namespace. The runtime
 * cache also watches objects without labels (Events) in the namespaces it cares about.
 */
export interface WatchScope {
  /** One namespace; every namespace when absent. */
  namespace?: string;
  /** A label selector; every object of the kind when absent. */
  labelSelector?: string;
}

/** Every object Stagecraft manages, in every namespace. */
export const MANAGED_SCOPE: WatchScope = { labelSelector: MANAGED_SELECTOR };

/** Pages keep each list response small; the continue token pins them to one snapshot. */
const PAGE_SIZE = 500;

/**
 * The server ends each watch after this long even when nothing happens. A connection that died
 * without a TCP reset (a NAT timeout, a host gone) never ends on its own: the client gives up on
 * a watch silent for 30 s longer (WATCH_IDLE_MS), and the watcher lists and watches again.
 */
const WATCH_TIMEOUT_SECONDS = 300;
/** Silence after which a watch's connection is taken for dead (watchEvents). */
const WATCH_IDLE_MS = (WATCH_TIMEOUT_SECONDS + 30) * 1000;

/** {@link ResourceClient} for the current cluster of a KubeConfig, within one {@link WatchScope}. */
export class HttpResourceClient implements ResourceClient {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly scope: WatchScope = MANAGED_SCOPE,
  ) {}

  async list(kind: WatchedKind, signal: AbortSignal): Promise<ListResult> {
    const items: KubernetesObject[] = [];
    let continueToken: string | undefined;
    for (;;) {
      const page = await this.listPage(kind, continueToken, signal);
      items.push(...(page.items ?? []));
      continueToken = page.metadata?.continue || undefined;
      if (!continueToken) {
        return { items, resourceVersion: page.metadata?.resourceVersion ?? '' };
      }
    }
  }

  async watch(
    kind: WatchedKind,
    resourceVersion: string,
    signal: AbortSignal,
  ): Promise<AsyncIterable<RawWatchEvent>> {
    const response = await kubeGet(
      this.kubeConfig,
      this.pathOf(kind),
      {
        ...this.selector(),
        watch: 'true',
        resourceVersion,
        // Bookmarks move our resourceVersion forward while nothing of ours changes, so a
        // reconnect after a quiet hour does not start from a version the server has forgotten.
        allowWatchBookmarks: 'true',
        timeoutSeconds: String(WATCH_TIMEOUT_SECONDS),
      },
      signal,
    );
    return watchEvents(response, this.pathOf(kind), WATCH_IDLE_MS);
  }

  private pathOf(kind: WatchedKind): string {
    return collectionPath(kind, this.scope.namespace);
  }

  private selector(): Record<string, string> {
    const { labelSelector } = this.scope;
    return labelSelector ? { labelSelector } : {};
  }

  private async listPage(
    kind: WatchedKind,
    continueToken: string | undefined,
    signal: AbortSignal,
  ) {
    const path = this.pathOf(kind);
    const response = await kubeGet(
      this.kubeConfig,
      path,
      {
        ...this.selector(),
        limit: String(PAGE_SIZE),
        ...(continueToken ? { continue: continueToken } : {}),
      },
      signal,
    );
    const body = await readText(response.body);
    await response.closed;
    try {
      return JSON.parse(body) as {
        items?: KubernetesObject[];
        metadata?: { resourceVersion?: string; continue?: string };
      };
    } catch (error) {
      throw new KubeApiError(
        path,
        response.body.statusCode ?? 0,
        `unreadable list: ${String(error)}`,
      );
    }
  }
}
