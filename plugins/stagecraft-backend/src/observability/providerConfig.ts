import type { Config } from '@backstage/config';
import type {
  MetricsProvider,
  ObservabilityExtensions,
  ObservabilityProviderFactory,
  TracesProvider,
} from '@stagecraft/plugin-stagecraft-node';

/** A provider for one environment, or why there is none. */
export type ResolvedProvider<P> =
  | { state: 'ok'; type: string; provider: P }
  | { state: 'not-configured'; reason: string };

/** The headers a provider block sends (`headers`, a secret map). */
export function headersOf(config: Config): Record<string, string> | undefined {
  const headers = config.getOptionalConfig('headers');
  return headers
    ? Object.fromEntries(headers.keys().map(k => [k, headers.getString(k)]))
    : undefined;
}

/** A provider block's `url`: http or https, nothing else. */
export function checkedUrl(config: Config, key = 'url'): string {
  const raw = config.getString(key);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${key} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${key} must be an http or https URL`);
  if (url.username || url.password)
    throw new Error(`${key} must not carry credentials; use headers`);
  return raw;
}

type Kind = 'metrics' | 'traces';

interface KindProviders<P> {
  fallback: ResolvedProvider<P>;
  byEnvironment: Map<string, ResolvedProvider<P>>;
  byTarget: Map<string, ResolvedProvider<P>>;
}

/**
 * The metrics and traces providers of every environment, created once at start-up from
 * `stagecraft.observability` so a misconfigured provider stops the backend with a clear
 * message rather than failing a page. An environment's block wins over its target's, which
 * wins over the default; `type: none` turns a kind off there.
 */
export class ObservabilityProviders {
  private constructor(
    private readonly metrics: KindProviders<MetricsProvider>,
    private readonly traces: KindProviders<TracesProvider>,
  ) {}

  static fromConfig(
    config: Config,
    extensions: ObservabilityExtensions,
  ): ObservabilityProviders {
    const root = config.getOptionalConfig('stagecraft.observability');
    return new ObservabilityProviders(
      kindProviders(root, 'metrics', 'prometheus', extensions.metrics),
      kindProviders(root, 'traces', 'jaeger', extensions.traces),
    );
  }

  metricsFor(environment: string, target?: string) {
    return pick(this.metrics, environment, target);
  }

  tracesFor(environment: string, target?: string) {
    return pick(this.traces, environment, target);
  }
}

function pick<P>(
  providers: KindProviders<P>,
  environment: string,
  target: string | undefined,
): ResolvedProvider<P> {
  return (
    providers.byEnvironment.get(environment) ??
    (target ? providers.byTarget.get(target) : undefined) ??
    providers.fallback
  );
}

function kindProviders<P>(
  root: Config | undefined,
  kind: Kind,
  defaultType: string,
  factories: ReadonlyMap<string, ObservabilityProviderFactory<P>>,
): KindProviders<P> {
  const create = (block: Config | undefined, path: string) =>
    resolve(block, `${path}.${kind}`, defaultType, factories);
  const overrides = (section: 'environments' | 'targets') => {
    const entries = root?.getOptionalConfig(section);
    return new Map(
      (entries?.keys() ?? []).flatMap(name => {
        const block = entries!.getConfig(name).getOptionalConfig(kind);
        return block
          ? [
              [
                name,
                create(block, `stagecraft.observability.${section}.${name}`),
              ],
            ]
          : [];
      }),
    );
  };
  return {
    fallback: create(root?.getOptionalConfig(kind), 'stagecraft.observability'),
    byEnvironment: overrides('environments'),
    byTarget: overrides('targets'),
  };
}

function resolve<P>(
  block: Config | undefined,
  path: string,
  defaultType: string,
  factories: ReadonlyMap<string, ObservabilityProviderFactory<P>>,
): ResolvedProvider<P> {
  if (!block)
    return {
      state: 'not-configured',
      reason: `no ${path.split('.').pop()} provider is configured (${path})`,
    };
  const type = block.getOptionalString('type') ?? defaultType;
  if (type === 'none')
    return { state: 'not-configured', reason: `turned off by ${path}` };
  const factory = factories.get(type);
  if (!factory)
    throw new Error(
      `${path}.type "${type}" is not a known provider (known: ${[
        ...factories.keys(),
      ].join(', ')}, none)`,
    );
  try {
    return { state: 'ok', type, provider: factory(block) };
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
