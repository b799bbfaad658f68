import { performance } from 'node:perf_hooks';
import { CelBudget } from './celBudget';

/**
 * How many charges pass between two looks at the clock. Reading it costs more than a step, so
 * an application of fewer steps (nearly all of them) never reads it.
 */
const CLOCK_EVERY = 256;

/** Thrown when a template's expressions exceed their budget; the message names the limit. */
export class CelBudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelBudgetExceeded';
  }
}

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

  constructor(readonly budget: Readonly<CelBudget>) {
    this.deadline = performance.now() + budget.maxMillis;
  }

  get failure(): CelBudgetExceeded | undefined {
    return this.exceeded;
  }

  /** One evaluation step that built `built` elements or characters. */
  charge(built: number) {
    if (this.exceeded) throw this.exceeded;
    this.cost += 1 + built;
    if (this.cost > this.budget.maxCost)
      throw this.exceed(
        `over the CEL cost budget of ${this.budget.maxCost} per template (evaluation steps plus elements and characters built)`,
      );
    if (++this.ticks >= CLOCK_EVERY) {
      this.ticks = 0;
      if (performance.now() > this.deadline)
        throw this.exceed(
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
        `output over the budget of ${this.budget.maxOutputSize} elements and characters per template`,
      );
  }

  private exceed(message: string) {
    this.exceeded ??= new CelBudgetExceeded(message);
    return this.exceeded;
  }
}
