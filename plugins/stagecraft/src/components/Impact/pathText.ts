import { parseEntityRef } from '@backstage/catalog-model';
import type {
  ImpactPath,
  PromotionPreview,
} from '@stagecraft/plugin-stagecraft-common';

/** A component's name from its ref: what the portal shows everywhere else. */
export const nameOf = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

/** `checkout-api → payment-ledger on 8080`. */
export const pathText = (p: ImpactPath) =>
  `${nameOf(p.fromRef)} → ${nameOf(p.toRef)} on ${p.port}`;

const keyOf = (p: ImpactPath) =>
  `${p.fromRef}|${p.toRef}|${p.port}`.toLocaleLowerCase('en-US');

/** A path that closes, and whether its policy had closed already (a catalog change did it). */
export interface ClosingPath {
  path: ImpactPath;
  alreadyClosed: boolean;
}

/**
 * What a promotion opens and closes, in one list each: the paths whose policy verdict
 * changes, and the connections the promoted release adds (when they open) or drops.
 */
export function promotionSummary(preview: PromotionPreview): {
  opens: ImpactPath[];
  closes: ClosingPath[];
} {
  const opens = new Map<string, ImpactPath>();
  for (const p of preview.changes.opens) opens.set(keyOf(p), p);
  for (const c of preview.connections.added)
    if (c.allowedAfter && !c.allowedBefore) opens.set(keyOf(c), c);
  const closes = new Map<string, ClosingPath>();
  for (const p of preview.changes.closes)
    closes.set(keyOf(p), { path: p, alreadyClosed: false });
  for (const c of preview.connections.dropped)
    if (!closes.has(keyOf(c)))
      closes.set(keyOf(c), { path: c, alreadyClosed: !c.allowedBefore });
  return { opens: [...opens.values()], closes: [...closes.values()] };
}
