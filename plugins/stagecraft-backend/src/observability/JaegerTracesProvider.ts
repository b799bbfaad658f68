import type { Config } from '@backstage/config';
import {
  ObservabilityScope,
  ObservabilityUnavailableError,
  TraceSummary,
  TracesProvider,
  TracesQuery,
} from '@stagecraft/plugin-stagecraft-node';
import { endpoint, getJson } from './httpJson';
import { JaegerTrace, summarizeTrace } from './jaegerTraces';
import { checkedUrl, headersOf } from './providerConfig';

/** Settings of {@link JaegerTracesProvider}. */
export interface JaegerOptions {
  url: string;
  /** The UI as browsers reach it; default `url`. */
  publicUrl?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Tags a trace must carry to be the scope's; values may use scope placeholders. */
  scopeTags?: Record<string, string>;
}

const SERVER = 'the tracing server';
const DEFAULT_SCOPE_TAGS = { 'k8s.namespace.name': '{namespace}' };
/** Error traces are found among this many recent traces per wanted one, at most 1000. */
const ERROR_SEARCH_FACTOR = 20;
const MAX_SEARCHED = 1000;
const PLACEHOLDER = /\{(namespace|component|project|environment)\}/g;

/**
 * Traces from the Jaeger query API (`/api/traces`): the component is Jaeger's service
 * (`service.name`), and the deployment's namespace (a resource attribute, so a process tag of
 * each span) tells its environment and project apart from same-named components elsewhere.
 */
export class JaegerTracesProvider implements TracesProvider {
  constructor(private readonly options: JaegerOptions) {}

  static fromConfig(config: Config): JaegerTracesProvider {
    const tags = config.getOptionalConfig('scopeTags');
    return new JaegerTracesProvider({
      url: checkedUrl(config),
      publicUrl: config.has('publicUrl')
        ? checkedUrl(config, 'publicUrl')
        : undefined,
      headers: headersOf(config),
      timeoutMs: config.getOptionalNumber('timeoutMs'),
      scopeTags: tags
        ? Object.fromEntries(tags.keys().map(k => [k, tags.getString(k)]))
        : undefined,
    });
  }

  /** The tags of a search: the scope's, with their placeholders filled. */
  tagsOf(scope: ObservabilityScope) {
    const tags: Record<string, string> = Object.fromEntries(
      Object.entries(this.options.scopeTags ?? DEFAULT_SCOPE_TAGS).map(
        ([key, value]) => [
          key,
          value.replace(
            PLACEHOLDER,
            (_m, name: keyof ObservabilityScope) => scope[name] ?? '',
          ),
        ],
      ),
    );
    return tags;
  }

  async findTraces(
    scope: ObservabilityScope,
    query: TracesQuery,
    signal?: AbortSignal,
  ): Promise<TraceSummary[]> {
    const url = endpoint(this.options.url, '/api/traces', {
      service: scope.component,
      // JSON-encoded, so a value can never add a tag of its own.
      tags: JSON.stringify(this.tagsOf(scope)),
      // Failed traces are picked here rather than by an `error` tag in the search: Jaeger's
      // in-memory store reads the tag value "true" as false and returns the others.
      limit: String(
        query.errorsOnly
          ? Math.min(MAX_SEARCHED, query.limit * ERROR_SEARCH_FACTOR)
          : query.limit,
      ),
      start: String((query.endMs - query.lookbackMs) * 1000),
      end: String(query.endMs * 1000),
    });
    const body = (await getJson(url, {
      headers: this.options.headers,
      timeoutMs: this.options.timeoutMs ?? 5000,
      server: SERVER,
      signal,
    })) as { data?: JaegerTrace[] | null };
    if (body.data !== null && !Array.isArray(body.data))
      throw new ObservabilityUnavailableError(
        `unavailable: ${SERVER} did not answer with traces`,
      );
    return (body.data ?? [])
      .flatMap(trace => summarizeTrace(trace, id => this.traceUrl(id)) ?? [])
      .filter(trace => !query.errorsOnly || trace.errorCount > 0)
      .sort((a, b) => b.startMs - a.startMs)
      .slice(0, query.limit);
  }

  searchUrl(scope: ObservabilityScope, query: TracesQuery): string {
    return endpoint(this.uiBase(), '/search', {
      service: scope.component,
      tags: JSON.stringify(this.tagsOf(scope)),
      lookback: lookbackOf(query.lookbackMs),
      limit: String(query.limit),
    }).toString();
  }

  private traceUrl(traceId: string): string {
    return endpoint(
      this.uiBase(),
      `/trace/${encodeURIComponent(traceId)}`,
      {},
    ).toString();
  }

  private uiBase(): string {
    return this.options.publicUrl ?? this.options.url;
  }
}

/** Jaeger UI's lookback spelling: whole hours as `3h`, else minutes. */
function lookbackOf(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
