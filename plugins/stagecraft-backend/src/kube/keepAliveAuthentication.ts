import { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { SharedHttpsAgent } from './sharedHttpsAgent';

/** How long certificate files read for the TLS connection are reused (see below). */
const TLS_FILES_TTL_MS = 10_000;

/** The subset of client-node's SecurityAuthentication a Configuration needs. */
export interface SecurityAuthentication {
  getName(): string;
  applySecurityAuthentication(context: RequestContext): Promise<void>;
}

/**
 * The kubeconfig's authentication, with one keep-alive HTTPS agent reused across requests
 * ({@link SharedHttpsAgent}). Headers (tokens, which may rotate) are still applied per request
 * by the kubeconfig. Proxied and plain-HTTP clusters keep client-node's behaviour. The
 * kubeconfig reads its certificate files again for every request (three synchronous reads);
 * they are read at most every `tlsFilesTtlMs` instead, so a rotated file is used within that
 * time.
 */
export function keepAliveAuthentication(
  kubeConfig: KubeConfig,
  o: { maxSockets?: number; tlsFilesTtlMs?: number } = {},
): SecurityAuthentication {
  const agents = new SharedHttpsAgent(o.maxSockets);
  const source = filesReadAtMostEvery(
    kubeConfig,
    o.tlsFilesTtlMs ?? TLS_FILES_TTL_MS,
  );
  return {
    getName: () => 'stagecraft-keep-alive',
    async applySecurityAuthentication(context) {
      await source().applySecurityAuthentication(context);
      const fresh = context.getAgent();
      if (!(fresh instanceof Agent) || kubeConfig.getCurrentCluster()?.proxyUrl)
        return;
      fresh.destroy();
      context.setAgent(agents.for(fresh.options));
    },
  };
}

/**
 * `kubeConfig`, or, when its current cluster or user names certificate files, a view of it
 * whose cluster and user carry those files' contents instead, read again once `ttlMs` has
 * passed. The view inherits everything else (authenticators, token caches) from `kubeConfig`.
 */
function filesReadAtMostEvery(
  kubeConfig: KubeConfig,
  ttlMs: number,
): () => KubeConfig {
  let cached: { readAt: number; view: KubeConfig } | undefined;
  const inline = (file: string | undefined, data: string | undefined) =>
    file ? readFileSync(file).toString('base64') : data;
  return () => {
    const cluster = kubeConfig.getCurrentCluster();
    const user = kubeConfig.getCurrentUser();
    if (!cluster?.caFile && !user?.certFile && !user?.keyFile)
      return kubeConfig;
    if (cached && Date.now() - cached.readAt < ttlMs) return cached.view;
    const view: KubeConfig = Object.create(kubeConfig);
    const inlinedCluster = cluster && {
      ...cluster,
      caFile: undefined,
      caData: inline(cluster.caFile, cluster.caData),
    };
    const inlinedUser = user && {
      ...user,
      certFile: undefined,
      keyFile: undefined,
      certData: inline(user.certFile, user.certData),
      keyData: inline(user.keyFile, user.keyData),
    };
    view.getCurrentCluster = () => inlinedCluster;
    view.getCurrentUser = () => inlinedUser;
    cached = { readAt: Date.now(), view };
    return view;
  };
}
