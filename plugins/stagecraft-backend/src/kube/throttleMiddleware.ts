import {
  Configuration,
  createConfiguration,
  KubeConfig,
  Middleware,
  ServerConfiguration,
} from '@kubernetes/client-node';
import { keepAliveAuthentication } from './keepAliveAuthentication';
import { RateLimiter } from './RateLimiter';
import { RequestCounter } from './RequestCounter';
import { requestVerb } from './requestVerb';

/** What every request of a client goes through. Both are optional and meant to be shared. */
export interface ThrottleOptions {
  /** Waited on before each request is sent; none means no limit. */
  limiter?: RateLimiter;
  /** Told about each request as it is sent. */
  counter?: RequestCounter;
}

/**
 * A client-node middleware that takes a token from the limiter and counts the request, for
 * every request of the client: the typed calls and the discovery requests client-node makes
 * on its own (KubernetesObjectApi looks up whether a kind is namespaced).
 */
export function throttleMiddleware(options: ThrottleOptions): Middleware {
  return {
    async pre(context) {
      await options.limiter?.acquire();
      options.counter?.record(
        requestVerb(context.getHttpMethod(), context.getUrl()),
      );
      return context;
    },
    post: async context => context,
  };
}

/** The configuration `KubeConfig.makeApiClient` builds, plus {@link throttleMiddleware}. */
export function throttledConfiguration(
  kubeConfig: KubeConfig,
  options: ThrottleOptions,
): Configuration {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  return createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: keepAliveAuthentication(kubeConfig) },
    promiseMiddleware: [throttleMiddleware(options)],
  });
}
