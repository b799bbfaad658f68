import { clusterObjects, settledClusterObjects } from './clusterObjects';
import type { Caller, HostileBackend } from './hostileBackend';

/** One hostile request and how it must be refused. */
export interface HostileCase {
  name: string;
  /** Legitimate steps that set the scene (not part of the attempt). */
  prepare?: () => Promise<void>;
  caller: Caller;
  path: () => string;
  body?: () => object;
  status: 403 | 409;
  error: 'NotAllowedError' | 'ConflictError';
  message: string | (() => string);
  eventId: string;
}

/** The actor an audit event names for a caller. */
export const actorOf = (caller: Caller) => {
  if (typeof caller === 'string') return `user:default/${caller}`;
  if ('service' in caller) return `service:${caller.service}`;
  throw new Error('a raw token names no actor these cases know');
};

/**
 * Sends the hostile request and checks that it was refused with a clear message, that it
 * changed nothing — neither the deployments nor any object on the cluster — and that it was
 * audited as one failed event naming the caller.
 */
export async function expectRefused(
  b: HostileBackend,
  hostile: HostileCase,
): Promise<void> {
  await hostile.prepare?.();
  await b.settled();
  const clusterBefore = await settledClusterObjects(b.namespaces);
  const deploymentsBefore = await b.deployments();
  const audited = b.auditor.events.length;

  const response = await b.post(
    hostile.caller,
    hostile.path(),
    hostile.body?.() ?? {},
  );

  const message =
    typeof hostile.message === 'function' ? hostile.message() : hostile.message;
  expect({ status: response.status, error: response.body.error }).toEqual({
    status: hostile.status,
    error: expect.objectContaining({
      name: hostile.error,
      message: expect.stringContaining(message),
    }),
  });
  await b.settled();
  expect(await b.deployments()).toEqual(deploymentsBefore);
  expect(await clusterObjects(b.namespaces)).toEqual(clusterBefore);
  expect(b.auditor.events.slice(audited)).toEqual([
    expect.objectContaining({
      eventId: hostile.eventId,
      outcome: 'fail',
      error: expect.stringContaining(message),
      meta: expect.objectContaining({ actor: actorOf(hostile.caller) }),
    }),
  ]);
}
