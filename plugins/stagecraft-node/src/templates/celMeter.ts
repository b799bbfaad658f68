import { performance } from 'node:perf_hooks';
import { CelBudget } from './celBudget';

/** How many charges pass between two looks at the clock: reading it costs ~50 ns. */
const CLOCK_EVERY = 256;

/** Thrown when a template's expressions exceed their budget; the message names the limit. */
export class CelBudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelBudgetExceeded';
  }
}

/**
 * Spending of one template application against its budget, shared by all its expressions.
 * Once a limit is exceeded the meter stays exceeded: every later charge throws again, so an
 * evaluator that swallows an error (CEL's `||`, `exists`) cannot carry on, and `failure` tells
 * the caller what happened whatever the evaluator finally throws or returns.
 */
export class CelMeter {
  private cost = 0;
  private output = 0;
  private spentMillis = 0;
  private startedAt = 0;
  private deadline = Infinity;
  private ticks = 0;
  private exceeded: CelBudgetExceeded | undefined;

  constructor(readonly budget: Readonly<CelBudget>) {}

  get failure(): CelBudgetExceeded | undefined {
    return this.exceeded;
  }

  /** Starts the clock for one expression; the time limit is for all of them together. */
  begin() {
    this.startedAt = performance.now();
    this.deadline = this.startedAt + this.budget.maxMillis - this.spentMillis;
  }

  /** Stops the clock; an expression that ran past the time limit between two checks fails here. */
  end() {
    const now = performance.now();
    this.spentMillis += now - this.startedAt;
    if (!this.exceeded && now > this.deadline) this.exceed(this.timeMessage());
    this.deadline = Infinity;
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
      this.checkClock(performance.now());
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

  private checkClock(now: number) {
    if (now > this.deadline) throw this.exceed(this.timeMessage());
  }

  private timeMessage() {
    return `evaluation over the time budget of ${this.budget.maxMillis} ms per template`;
  }

  private exceed(message: string) {
    this.exceeded ??= new CelBudgetExceeded(message);
    return this.exceeded;
  }
}
