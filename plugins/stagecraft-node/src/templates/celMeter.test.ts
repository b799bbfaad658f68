import { DEFAULT_CEL_BUDGET } from './celBudget';
import { CLOCK_EVERY, CelMeter } from './celMeter';

describe('CelMeter', () => {
  it('reads the clock once per 256 charges, and stops past the deadline', () => {
    let now = 0;
    let reads = 0;
    const meter = new CelMeter({ ...DEFAULT_CEL_BUDGET, maxMillis: 10 }, () => {
      reads++;
      return now;
    });
    expect(reads).toBe(1);
    now = 11;
    for (let i = 1; i < CLOCK_EVERY; i++) meter.charge(0);
    expect(reads).toBe(1);
    expect(() => meter.charge(0)).toThrow(
      'evaluation over the time budget of 10 ms per template',
    );
    expect(reads).toBe(2);
    expect(meter.failure?.limit).toBe('time');
  });

  it('stays exceeded, so an evaluator that swallows the error cannot carry on', () => {
    const meter = new CelMeter({ ...DEFAULT_CEL_BUDGET, maxCost: 10 });
    meter.charge(9);
    expect(meter.spent).toBe(10);
    expect(() => meter.charge(0)).toThrow(/over the CEL cost budget of 10/);
    const failure = meter.failure;
    expect(failure?.limit).toBe('cost');
    expect(() => meter.chargeOutput(1)).toThrow(failure);
    expect(() => meter.charge(0)).toThrow(failure);
  });

  it('counts output apart from cost', () => {
    const meter = new CelMeter({ ...DEFAULT_CEL_BUDGET, maxOutputSize: 5 });
    meter.chargeOutput(5);
    expect(meter.spent).toBe(0);
    expect(() => meter.chargeOutput(1)).toThrow(
      'output over the budget of 5 elements and characters per template',
    );
    expect(meter.failure?.limit).toBe('output');
  });
});
