/**
 * A failure that running the same work again cannot fix: its input has to change first (an
 * invalid intent, an empty set, a release that cannot be read). {@link WorkQueue} reports it
 * and does not retry the key with backoff; whatever changes the input adds the key again.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}
