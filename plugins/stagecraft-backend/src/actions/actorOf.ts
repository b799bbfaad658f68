import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

// The four-eyes comparison is shared with the portal, which must not offer Approve to the
// requester under any spelling of their ref.
export { sameActor } from '@stagecraft/plugin-stagecraft-common';

/** `user:default/ann`, or `service:<subject>` for agent tools and other backends. */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
  if (p.type === 'service' && p.subject) return `service:${p.subject}`;
  return 'anonymous';
}

/**
 * The caller, who must be a signed-in person for `what` (approving a promotion, breaking
 * glass): these are one person's judgement, and Backstage's permission client allows every
 * permission, break-glass included, to a service principal without access restrictions — the
 * policy never sees the request — so a permission check alone would let any backend or CI
 * token through.
 */
export function personOf(
  credentials: BackstageCredentials,
  what: string,
): string {
  const actor = actorOf(credentials);
  const { type } = credentials.principal as { type: string };
  if (type !== 'user')
    throw new NotAllowedError(
      `only a signed-in person may ${what}, and ${actor} is a ${type} principal`,
    );
  return actor;
}
