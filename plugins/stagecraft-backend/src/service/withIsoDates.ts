/** `T` as JSON carries it: its `Date` fields become ISO 8601 strings. */
export type WithIsoDates<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | undefined
    ? string | undefined
    : T[K];
};

/**
 * Turns a stored record's top-level `Date` fields into the ISO strings the OpenAPI spec
 * promises, so the typed router can check the rest of the record against the spec.
 */
export function withIsoDates<T extends object>(record: T): WithIsoDates<T> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : value,
    ]),
  ) as WithIsoDates<T>;
}
