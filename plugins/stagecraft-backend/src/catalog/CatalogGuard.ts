import type { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import type { CatalogSnapshot } from './CatalogSnapshot';

/** `stagecraft.catalogGuard` in app-config. */
export interface CatalogGuardSettings {
  /** More deploy-relevant entities than this vanishing between two reads is held back. */
  maxVanished: number;
  /** The token of one held read (its `token`) that an operator accepts deliberately. */
  accept?: string;
}

export const DEFAULT_MAX_VANISHED = 10;

/** Read on every check, so an edited (watched) app-config applies without a restart. */
export function readCatalogGuardSettings(config: Config): CatalogGuardSettings {
  const guard = config.getOptionalConfig('stagecraft.catalogGuard');
  const maxVanished =
    guard?.getOptionalNumber('maxVanished') ?? DEFAULT_MAX_VANISHED;
  if (!Number.isInteger(maxVanished) || maxVanished < 0)
    throw new Error(
      `stagecraft.catalogGuard.maxVanished must be a whole number ≥ 0, not ${maxVanished}`,
    );
  return { maxVanished, accept: guard?.getOptionalString('accept') };
}

/** A catalog read the guard refused to act on, and what the operator can do. */
export interface CatalogHold {
  /**
   * What `stagecraft.catalogGuard.accept` takes. When every deployed component vanished it
   * names the deployed components (plugin database), the same before and after a restart and on
   * every replica; otherwise it names the vanished set and the read it vanished from.
   */
  token: string;
  /** Refs of the deploy-relevant entities that vanished, sorted. */
  vanished: string[];
  /** When this hold (this token) was first seen. */
  since: Date;
  message: string;
}

export type CatalogJudgement =
  | { held: false; overridden?: CatalogHold }
  | { held: true; hold: CatalogHold };

const SHOWN = 5;

/**
 * Tells a deliberate deletion from a mass disappearance (a catalog restored from an empty
 * database, a location that failed to read). Compared with the last read the control plane
 * acted on (`previous`, when this process has one) and with the components deployed now
 * (`deployed`, from the plugin database, which survives a restart), a fresh read is held back
 * when
 *
 * - more than `maxVanished` deploy-relevant entities vanished at once (since `previous`), or
 * - two or more deployed components vanished and none of the deployed components is left.
 *
 * Deleting one component (its Component and its few Endpoints) stays under the bound and goes
 * through; so does any change the operator accepted by its token. Pure.
 */
export function judgeCatalogRead(o: {
  fresh: CatalogSnapshot;
  previous?: CatalogSnapshot;
  /** Without the deletions accepted earlier (CatalogSource leaves them out). */
  deployed: string[];
  settings: CatalogGuardSettings;
  now?: Date;
  /** The hold already reported for the same token, to keep its `since`. */
  current?: CatalogHold;
}): CatalogJudgement {
  const gone = (ref: string) => o.fresh.get(ref) === undefined;
  const fromPrevious = (o.previous?.entities ?? [])
    .map(e => stringifyEntityRef(e))
    .filter(gone);
  // Without a previous read (just started) every deployed component absent counts; with one,
  // only those it still had: a component deleted earlier and accepted then stays accepted.
  const deployed = [
    ...new Set(o.deployed.map(r => r.toLocaleLowerCase('en-US'))),
  ];
  const vanishedDeployed = deployed.filter(
    ref => gone(ref) && (!o.previous || o.previous.get(ref) !== undefined),
  );
  const remaining = deployed.filter(ref => !gone(ref));
  const vanished = [
    ...new Set([
      ...fromPrevious.map(r => r.toLocaleLowerCase('en-US')),
      ...vanishedDeployed,
    ]),
  ].sort();
  const { maxVanished } = o.settings;
  // The bound counts what vanished between two reads. Just after a start there is no earlier
  // read: components deleted one by one long ago are still deployed and would add up to it,
  // stopping every start (docs/events.md: then only the second rule applies).
  const tooMany = o.previous !== undefined && vanished.length > maxVanished;
  const allDeployedGone =
    vanishedDeployed.length >= 2 && remaining.length === 0;
  if (!tooMany && !allDeployedGone) return { held: false };

  const token = holdToken(
    allDeployedGone
      ? // Every deployed component gone: the token names them as the plugin database lists
        // them, which a restarted process and every replica see alike. A token built from the
        // read before (Endpoints, components deleted earlier) would not match after a restart,
        // and every read would then fail with 503 although the operator had accepted it.
        ['every-deployed-component', ...[...deployed].sort()]
      : // Only while this process has an earlier read (the bound does not apply after a
        // start). Its entities' uids are in the token, so the same refs vanishing again from
        // a later, re-registered catalog are a new hold, not taken by a token left in config.
        [
          ...vanished,
          '--baseline',
          ...(o.previous?.entities ?? []).map(e => e.metadata.uid ?? '').sort(),
        ],
  );
  const shown = vanished.slice(0, SHOWN).join(', ');
  const more =
    vanished.length > SHOWN ? ` and ${vanished.length - SHOWN} more` : '';
  const why = allDeployedGone
    ? `every deployed component vanished from the catalog at once (${vanished.length} entities: ${shown}${more})`
    : `${vanished.length} deploy-relevant entities vanished from the catalog at once (${shown}${more}), more than stagecraft.catalogGuard.maxVanished (${maxVanished})`;
  const hold: CatalogHold = {
    token,
    vanished,
    since: o.current?.token === token ? o.current.since : o.now ?? new Date(),
    message:
      `catalog change held back: ${why}. Nothing is pruned or re-planned for it; the control plane keeps ` +
      `the last complete catalog until the entities return. If they were removed on purpose, set ` +
      `stagecraft.catalogGuard.accept to "${token}" (accepts this change only, and is remembered; remove the setting afterwards) or raise maxVanished`,
  };
  if (o.settings.accept === token) return { held: false, overridden: hold };
  return { held: true, hold };
}

function holdToken(parts: string[]): string {
  return `vanished-${createHash('sha256')
    .update(parts.join('\n'))
    .digest('hex')
    .slice(0, 12)}`;
}
