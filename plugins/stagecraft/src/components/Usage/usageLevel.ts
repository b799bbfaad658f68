import type { StatusTone } from '../shared/StatusIcon';
import { formatCpu, formatMemory } from '../Runtime/formatRuntime';

/** The two resources Kubernetes requests and limits. */
export type Resource = 'cpu' | 'memory';

/** A value of a resource in kubectl's words: `250m`, `128 MiB`. */
export const formatResource = (resource: Resource, value: number) =>
  resource === 'cpu' ? formatCpu(value) : formatMemory(value);

/** From this share of the limit on, usage is "near limit". */
export const NEAR_LIMIT = 0.9;

/**
 * How usage stands against request and limit, in a word and a tone. Memory at its limit gets
 * the container OOM-killed and CPU at its limit gets it throttled, so both are errors; above
 * the request the pod may be evicted or slowed first when the node is short.
 */
export function usageLevel(
  used: number | undefined,
  request: number | undefined,
  limit: number | undefined,
): { tone: StatusTone; words: string } {
  if (used === undefined) return { tone: 'default', words: 'no sample' };
  if (limit && used >= limit) return { tone: 'error', words: 'at limit' };
  if (limit && used >= NEAR_LIMIT * limit)
    return { tone: 'warning', words: 'near limit' };
  if (request && used > request)
    return { tone: 'warning', words: 'above request' };
  if (request) return { tone: 'success', words: 'within request' };
  if (limit) return { tone: 'success', words: 'below limit' };
  return { tone: 'default', words: 'no request or limit' };
}

/**
 * The top of a meter's scale: the limit when set, else a quarter above the larger of usage
 * and request, so the bar never fills up just because nothing caps it.
 */
export function meterScale(
  used: number | undefined,
  request: number | undefined,
  limit: number | undefined,
): number | undefined {
  if (limit) return Math.max(limit, used ?? 0);
  const top = Math.max(used ?? 0, request ?? 0);
  return top > 0 ? top * 1.25 : undefined;
}

/** `120m of 250m requested, limit 500m`: the figures of a meter in words. */
export function describeUsage(
  resource: Resource,
  used: number | undefined,
  request: number | undefined,
  limit: number | undefined,
): string {
  const format = (v: number) => formatResource(resource, v);
  const parts = [
    used === undefined ? 'no usage sample' : `${format(used)} used`,
  ];
  parts.push(
    request ? `request ${format(request)}` : 'no request',
    limit ? `limit ${format(limit)}` : 'no limit',
  );
  return parts.join(', ');
}
