import fc from 'fast-check';
import { toDnsLabel } from './names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('toDnsLabel (properties)', () => {
  const usable = fc
    .string({ minLength: 1, maxLength: 200 })
    .filter(s => /[a-zA-Z0-9]/.test(s));

  it('always returns a valid DNS-1123 label within the limit', () => {
    expect(() =>
      fc.assert(
        fc.property(usable, fc.integer({ min: 10, max: 63 }), (value, max) => {
          const label = toDnsLabel(value, max);
          return DNS_LABEL.test(label) && label.length <= max;
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });

  it('is a pure function of its input', () => {
    expect(() =>
      fc.assert(
        fc.property(usable, value => {
          const first = toDnsLabel(value);
          const second = toDnsLabel(value);
          return first === second;
        }),
      ),
    ).not.toThrow();
  });

  it('keeps distinct inputs distinct', () => {
    expect(() =>
      fc.assert(
        fc.property(
          usable,
          usable,
          (a, b) => a === b || toDnsLabel(a) !== toDnsLabel(b),
        ),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });
});
