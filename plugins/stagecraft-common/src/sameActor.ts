import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Whether two recorded actors are the same principal. Backstage compares entity refs without
 * regard to case and fills in a missing kind and namespace, so `user:default/ann`,
 * `user:default/Ann` and `ann` are one person: comparing the strings as written would let ann
 * approve her own request by signing in as `Ann`.
 *
 * @public
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
