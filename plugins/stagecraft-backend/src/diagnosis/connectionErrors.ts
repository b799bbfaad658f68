import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import type { ContainerLog } from './types';

/** Words runtimes and clients print when a connection cannot be made. */
const CONNECTION_ERROR =
  /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN|connection refused|connection timed out|no such host|could not resolve|i\/o timeout|failed to connect|unknown host/i;

/** A cluster host name (`orders-api`, `orders-api.shop-dev.svc.cluster.local`) and its port. */
const HOST_PORT =
  /\b([a-z0-9]([-a-z0-9]*[a-z0-9])?)((?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.svc(?:\.cluster\.local)?|(?:\.[a-z0-9-]+)?)?:(\d{1,5})\b/g;

/** A connection a container's log says failed: the Service name (a component's) and port. */
export interface FailedConnection {
  service: string;
  port: number;
  line: LogLine;
}

/**
 * The connections the logs say failed, to cluster-local names only (a Service is named after
 * its component): `dial tcp: lookup orders-api on …: no such host`, `connect ECONNREFUSED
 * orders-api.shop-dev.svc:8080`. IP addresses and outside hosts are left alone. One entry per
 * service and port, the newest line.
 */
export function failedConnections(logs: ContainerLog[]): FailedConnection[] {
  const found = new Map<string, FailedConnection>();
  for (const log of logs)
    for (const line of log.lines) {
      if (!CONNECTION_ERROR.test(line.text)) continue;
      for (const match of line.text.matchAll(HOST_PORT)) {
        const [, service, , domain] = match;
        const port = Number(match[match.length - 1]);
        const clusterLocal =
          !domain || /\.svc(\.cluster\.local)?$/.test(domain);
        if (!clusterLocal || /^\d+$/.test(service) || port > 65535) continue;
        found.set(`${service}:${port}`, { service, port, line });
      }
    }
  return [...found.values()];
}
