import { createHash } from 'node:crypto';
import { EntityHashes } from './EntityHashes';
import { RecentResults } from './RecentResults';

/**
 * The most results kept; the least recently used goes first. More than the components of a
 * large catalog (each result is a list of problems, mostly empty): the catalog processes its
 * entities in turn, so a memo smaller than that would evict every result before its entity
 * came round again — at 5,000 components, with 2,000 results, every pass compiled everything.
 */
const MAX_RESULTS = 20_000;

/**
 * Results of compiling a component, by their input. Each processing pass compiles every
 * deployable component with the rest of its project — about 90 ms a component in a project of
 * 100 components with three traits each, on the catalog's event loop — though between two
 * passes nothing has usually changed: an identical input gets the result it got before.
 * The catalog's entities are fingerprinted object by object ({@link EntityHashes}); the entity
 * processed is hashed every time.
 */
export class CompileMemo<T> {
  private readonly results: RecentResults<Promise<T>>;

  private readonly hashes: EntityHashes;

  constructor(
    o: {
      maxResults?: number;
      /** Shared with the processor's other memo, so an entity is hashed once. */
      hashes?: EntityHashes;
    } = {},
  ) {
    this.results = new RecentResults(o.maxResults ?? MAX_RESULTS);
    this.hashes = o.hashes ?? new EntityHashes();
  }

  get(
    fresh: unknown,
    catalog: object[],
    compute: () => Promise<T>,
    keep: (result: T) => boolean = () => true,
  ): Promise<T> {
    const key = this.fingerprint(fresh, catalog);
    let result = this.results.get(key);
    if (!result) {
      const computed = compute();
      // Not kept: a failure, and a result that depends on the machine (`keep` says no).
      computed.then(
        value => {
          if (!keep(value)) this.results.forget(key, computed);
        },
        () => this.results.forget(key, computed),
      );
      result = computed;
      this.results.set(key, result);
    }
    return result;
  }

  private fingerprint(fresh: unknown, catalog: object[]): string {
    const whole = createHash('sha256').update(JSON.stringify(fresh));
    for (const part of catalog) whole.update(this.hashes.of(part));
    return whole.digest('hex');
  }
}
