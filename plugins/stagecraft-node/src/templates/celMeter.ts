import { performance } from 'node:perf_hooks';
import { CelBudget } from './celBudget';

/**
 * How many charges pass between two looks at the clock. Reading it costs more than a step, so
 * an application of fewer steps (nearly all of them) never reads it.
 */
export const CLOCK_EVERY = 256;

/**
 * Which limit a template met: a budget of `CelBudget` (`cost`, `time`, `output`,
 * `expressionLength`), the nesting the parser and evaluator can take (`nesting`), a function
 * no budget can bound, refused or held to a bounded form (`function`), or none at all because
 * this cel-js cannot be metered (`engine`: no template is evaluated).
 */
export type CelLimit =
  | 'cost'
  | 'time'
  | 'output'
  | 'expressionLength'
  | 'nesting'
  | 'function'
  | 'engine';

/**
 * Thrown when a template meets one of Stagecraft's limits. The message is Stagecraft's own: it
 * names the limit and quotes nothing of the template, so it is shown whole.
 */
export class CelBudgetExceeded extends Error {
  constructor(readonly limit: CelLimit, message: string) {
    super(message);
    this.name = 'CelBudgetExceeded';
  }
}

/** Milliseconds from an arbitrary origin; `performance.now` unless a test fakes time. */
export type Clock = () => number;

const realClock: Clock = () => performance.now();

/**
 * Spending of one template application against its budget, shared by all its expressions;
 * its time runs from its creation, and the compiler creates it just before the first
 * expression. Once a limit is exceeded the meter stays exceeded: every later charge throws
 * again, so an evaluator that swallows an error (CEL's `||`, `exists`) cannot carry on, and
 * `failure` tells the caller what happened whatever the evaluator finally throws or returns.
 */
export class CelMeter {
  private cost = 0;
  private output = 0;
  private ticks = 0;
  private readonly deadline: number;
  private exceeded: CelBudgetExceeded | undefined;

  constructor(
    readonly budget: Readonly<CelBudget>,
    private readonly clock: Clock = realClock,
  ) {
    this.deadline = clock() + budget.maxMillis;
  }

  get failure(): CelBudgetExceeded | undefined {
    return this.exceeded;
  }

  /** The cost charged so far. */
  get spent(): number {
    return this.cost;
  }

  /** One evaluation step, plus `extra` for what it built or what its native work walks. */
  charge(extra: number) {
    if (this.exceeded) throw this.exceeded;
    this.cost += 1 + extra;
    if (this.cost > this.budget.maxCost)
      throw this.exceed(
        'cost',
        `over the CEL cost budget of ${this.budget.maxCost} per template (evaluation steps plus elements and characters built or compared)`,
      );
    if (++this.ticks >= CLOCK_EVERY) {
      this.ticks = 0;
      if (this.clock() > this.deadline)
        throw this.exceed(
          'time',
          `evaluation over the time budget of ${this.budget.maxMillis} ms per template`,
        );
    }
  }

  /** Elements or characters about to be written into the template's output. */
  chargeOutput(units: number) {
    if (this.exceeded) throw this.exceeded;
    this.output += units;
    if (this.output > this.budget.maxOutputSize)
      throw this.exceed(
        'output',
        `output over the budget of ${this.budget.maxOutputSize} elements and characters per template`,
      );
  }

  private exceed(limit: CelLimit, message: string) {
    this.exceeded ??= new CelBudgetExceeded(limit, message);
    return this.exceeded;
  }
}
