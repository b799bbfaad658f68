import fc from 'fast-check';
import { toDnsLabel } from './names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('toDnsLabel (properties)', () => {
  const usable = fc
    .string({ minLength: 1, maxLength: 200 })
    .filter(s => /[a-zA-Z0-9]/.test(s));

  it('always returns a valid DNS-1123 label within the limit', () => {
    fc.assert(
      fc.property(usable, fc.integer({ min: 10, max: 63 }), (value, max) => {
        const label = toDnsLabel(value, max);
        return DNS_LABEL.test(label) && label.length <= max;
      }),
      { numRuns: 2000 },
    );
  });

  it('is a pure function of its input', () => {
    fc.assert(
      fc.property(usable, value => toDnsLabel(value) === toDnsLabel(value)),
    );
  });

  it('keeps distinct inputs distinct', () => {
    fc.assert(
      fc.property(
        usable,
        usable,
        (a, b) => a === b || toDnsLabel(a) !== toDnsLabel(b),
      ),
      { numRuns: 2000 },
    );
  });
});
