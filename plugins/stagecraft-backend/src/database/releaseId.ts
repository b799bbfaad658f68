import { createHash } from 'node:crypto';
import { canonical } from './records';

/**
 * A release's id: the digest of its component and its snapshot (canonical JSON, or the value
 * to serialise). Content-addressed, so the same intent always names the same release, and a
 * caller can tell whether a snapshot is already its component's head without writing it.
 */
export function releaseIdOf(
  componentRef: string,
  snapshot: string | Record<string, unknown>,
): string {
  const json = typeof snapshot === 'string' ? snapshot : canonical(snapshot);
  return createHash('sha256').update(`${componentRef}\n${json}`).digest('hex');
}
