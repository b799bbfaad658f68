import { createHash } from 'node:crypto';
import {
  CompileEnvironmentInput,
  compileSafely,
  dependsOnTheMachine,
  Diagnostic,
  EnvironmentCompiler,
  isCompileProblem,
} from '@stagecraft/plugin-stagecraft-node';
import { EntityHashes } from './EntityHashes';
import { RecentResults } from './RecentResults';

/**
 * The most environment compiles kept. A pass needs one per project and environment (a catalog
 * of 5,000 components in projects of 50 has 200 over two environments; in projects of 10,
 * 1,000); the rest are inputs an ingestion went through, never met again.
 */
const MAX_RESULTS = 2_000;

/**
 * The diagnostics of compiling one environment of a project, by input. The processor checks a
 * component by compiling it with its whole project (`compileEveryStage`), so checking the 50
 * components of a project compiled the same project 50 times: after a catalog is ingested, the
 * pass that finds every component's context changed took a core for minutes at 1,000
 * components (docs/benchmarks.md, profile B3). Each component of the project, processed with
 * an unchanged catalog, brings the same input: the catalog in the same order, with the
 * component processed in the place of its catalog copy (`validateDocuments`), equal to that
 * copy while the component has not changed.
 *
 * A compile with `extensions` (not part of the key) is not remembered, nor one whose verdict
 * depends on how busy the machine was (`dependsOnTheMachine`).
 */
export class EnvironmentCompileMemo {
  private readonly results: RecentResults<readonly Diagnostic[]>;

  constructor(private readonly hashes: EntityHashes, maxResults = MAX_RESULTS) {
    this.results = new RecentResults(maxResults);
  }

  readonly compile: EnvironmentCompiler = input => {
    // Extensions are not part of the key: a caller with some compiles without the memo.
    if (input.extensions) return compileSafely(input);
    const key = this.fingerprint(input);
    let diagnostics = this.results.get(key);
    if (!diagnostics) {
      // Only what compileEveryStage can report (no pending connections): the memo keeps less.
      diagnostics = compileSafely(input).diagnostics.filter(isCompileProblem);
      if (!dependsOnTheMachine(diagnostics)) this.results.set(key, diagnostics);
    }
    return { diagnostics: [...diagnostics] };
  };

  private fingerprint(input: CompileEnvironmentInput): string {
    const whole = createHash('sha256').update(
      JSON.stringify([
        input.environment,
        input.deployed ?? null,
        input.releases ?? null,
      ]),
    );
    for (const entity of input.entities) whole.update(this.hashes.of(entity));
    return whole.digest('hex');
  }
}
