import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';

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
 * Whether two recorded actors are the same principal. Backstage compares entity refs without
 * regard to case and fills in a missing kind and namespace, so `user:default/ann`,
 * `user:default/Ann` and `ann` are one person: comparing the strings as written would let ann
 * approve her own request by signing in as `Ann`.
 */
export function sameActor(a: string, b: string): boolean {
  return normalisedActor(a) === normalisedActor(b);
}

function normalisedActor(actor: string): string {
  let ref = actor;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(actor, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    // Not an entity ref (`anonymous`): compared as written, case aside.
  }
  return ref.toLocaleLowerCase('en-US');
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
