import { parseQuantity, quantitiesEqual } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['1', { coefficient: 1n, exponent: 0 }],
    ['500m', { coefficient: 500n, exponent: -3 }],
    ['0.5', { coefficient: 5n, exponent: -1 }],
    ['.5', { coefficient: 5n, exponent: -1 }],
    ['1.', { coefficient: 1n, exponent: 0 }],
    ['1Ki', { coefficient: 1024n, exponent: 0 }],
    ['1.5Gi', { coefficient: 15n * 1024n ** 3n, exponent: -1 }],
    ['2k', { coefficient: 2n, exponent: 3 }],
    ['3E', { coefficient: 3n, exponent: 18 }],
    ['1e3', { coefficient: 1n, exponent: 3 }],
    ['1E-3', { coefficient: 1n, exponent: -3 }],
    ['+12.5e3', { coefficient: 125n, exponent: 2 }],
    ['-100u', { coefficient: -100n, exponent: -6 }],
    [1, { coefficient: 1n, exponent: 0 }],
    [0.25, { coefficient: 25n, exponent: -2 }],
    [1e21, { coefficient: 1n, exponent: 21 }],
  ])('reads %p exactly', (input, expected) => {
    expect(parseQuantity(input)).toEqual(expected);
  });

  it.each(['', 'abc', '1e', '1 Gi', '1gi', '1KiB', '--1', '1.2.3', '1e999'])(
    'rejects %p',
    input => {
      expect(parseQuantity(input)).toBeUndefined();
    },
  );

  it('rejects numbers that are no quantity', () => {
    expect(parseQuantity(NaN)).toBeUndefined();
    expect(parseQuantity(Infinity)).toBeUndefined();
  });
});

describe('quantitiesEqual', () => {
  it.each([
    ['0.5', '500m'],
    [0.5, '500m'],
    [1, '1'],
    ['1', '1000m'],
    ['1Gi', '1073741824'],
    ['1Gi', 1073741824],
    ['1024Mi', '1Gi'],
    ['1k', '1e3'],
    ['0.1', '100m'],
    ['1.1', '1100m'],
    ['0', '0m'],
    ['129M', '129e6'],
    ['123Mi', '128974848'],
  ])('treats %p and %p as the same amount', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(true);
    expect(quantitiesEqual(b, a)).toBe(true);
  });

  it.each([
    ['1', '2'],
    ['1Gi', '1G'],
    ['500m', '0.05'],
    ['1Mi', '1M'],
    ['1', 'one'],
    ['1', true],
    [null, '0'],
    [undefined, undefined],
  ])('tells %p and %p apart', (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(false);
  });
});
