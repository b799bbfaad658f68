/** Kubernetes limits a DNS-1123 label (namespace, Service, label value) to 63 characters. */
export const DNS_LABEL_MAX = 63;
const HASH_LENGTH = 8;

/**
 * Turns any text into a DNS-1123 label: lower case, `[a-z0-9-]`, starting and ending with an
 * alphanumeric character, at most `maxLength` characters.
 *
 * @remarks
 * Names longer than the limit are truncated and suffixed with a hash of the *whole* input, so
 * two long names that share a prefix never collide, and the same input always gives the same
 * name (the compiler's output must be byte-identical for identical input). A name that had to
 * be rewritten in any way also gets the hash suffix, so `a_b` and `a-b` stay distinct.
 *
 * @throws Error when `value` contains nothing usable, or `maxLength` leaves no room for a hash.
 * @public
 */
export function toDnsLabel(
  value: string,
  maxLength: number = DNS_LABEL_MAX,
): string {
  if (maxLength < HASH_LENGTH + 2 || maxLength > DNS_LABEL_MAX) {
    throw new Error(
      `maxLength must be between ${
        HASH_LENGTH + 2
      } and ${DNS_LABEL_MAX}, got ${maxLength}`,
    );
  }
  const cleaned = dnsLabelCharacters(value);
  if (!cleaned) {
    throw new Error(`"${value}" has no characters usable in a DNS-1123 label`);
  }
  if (cleaned === value && cleaned.length <= maxLength) {
    return cleaned;
  }
  const suffix = stableHash(value);
  const head = cleaned.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, '');
  return head ? `${head}-${suffix}` : suffix;
}

/**
 * `value` reduced to what a DNS-1123 label may hold: lower case, runs of anything else turned
 * into one `-`, no `-` at either end. No length limit and no hash: callers decide what a
 * rewrite means (a hash suffix for generated names, a suggestion in an error message).
 */
export function dnsLabelCharacters(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Joins parts with `-` into one DNS-1123 label, e.g. a namespace `<project>-<environment>`.
 *
 * @public
 */
export function joinDnsLabel(
  parts: string[],
  maxLength: number = DNS_LABEL_MAX,
): string {
  return toDnsLabel(parts.join('-'), maxLength);
}

/**
 * An 8-character, base-36 FNV-1a hash. Not cryptographic: it only has to be stable across
 * runtimes (browser and Node) and spread similar names apart.
 */
function stableHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(HASH_LENGTH, '0').slice(-HASH_LENGTH);
}
