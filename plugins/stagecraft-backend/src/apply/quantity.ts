/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`), compared by value.
 *
 * The API server stores quantities in a canonical form (`0.5` becomes `500m`, the number `1`
 * becomes `"1"`), so a manifest and the live object it produced can spell the same amount
 * differently. Values are kept exact (a big integer times a power of ten) so that equality
 * never depends on floating-point rounding.
 *
 * `@kubernetes/client-node` exports `quantityToScalar`, but it rejects fractions with binary
 * suffixes (`1.5Gi`), does not parse exponents and mixes `number` with `bigint`, hence this.
 */

/** An exact quantity: `coefficient × 10^exponent`. */
export interface Quantity {
  coefficient: bigint;
  exponent: number;
}

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

// The grammar of k8s.io/apimachinery/pkg/api/resource: a signed decimal, then a binary
// suffix, a decimal suffix or an exponent. `1E` is exa, `1E3` is an exponent.
const QUANTITY =
  /^([+-]?)(\d+\.?\d*|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?\d+))$/;

// Beyond this the value is no real resource amount, and 10n ** exponent would get expensive.
const MAX_EXPONENT = 64;

/** Parses a quantity written as a string or a plain number; `undefined` when it is none. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const match = QUANTITY.exec(
    typeof input === 'number' ? String(input) : input,
  );
  if (!match) return undefined;
  const [, sign, number, binary, decimal, exponent] = match;
  const [whole, fraction = ''] = number.split('.');
  let coefficient = BigInt(`${whole}${fraction}` || '0');
  if (binary) coefficient *= BINARY_SUFFIXES[binary];
  if (sign === '-') coefficient = -coefficient;
  const scale =
    exponent !== undefined ? Number(exponent) : DECIMAL_SUFFIXES[decimal ?? ''];
  if (Math.abs(scale) > MAX_EXPONENT) return undefined;
  return { coefficient, exponent: scale - fraction.length };
}

const isQuantityInput = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Whether two spellings denote the same amount (`"0.5"` and `"500m"`, `1` and `"1"`). */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  if (!isQuantityInput(a) || !isQuantityInput(b)) return false;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (!x || !y) return false;
  const common = Math.min(x.exponent, y.exponent);
  return (
    x.coefficient * 10n ** BigInt(x.exponent - common) ===
    y.coefficient * 10n ** BigInt(y.exponent - common)
  );
}
