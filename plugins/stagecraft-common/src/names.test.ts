import { joinDnsLabel, toDnsLabel } from './names';

describe('toDnsLabel', () => {
  it('keeps names that are already valid labels', () => {
    expect(toDnsLabel('payments-api')).toBe('payments-api');
  });

  it('rewrites invalid characters and marks the rewrite with a hash', () => {
    const name = toDnsLabel('Payments_API');
    expect(name).toMatch(/^payments-api-[a-z0-9]{8}$/);
    expect(name).not.toBe(toDnsLabel('payments-api'));
  });

  it('truncates long names with a hash suffix within the limit', () => {
    const long = `${'a'.repeat(50)}-${'b'.repeat(50)}`;
    const name = toDnsLabel(long);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('gives distinct names to long inputs that share a prefix', () => {
    const prefix = 'x'.repeat(70);
    expect(toDnsLabel(`${prefix}-one`)).not.toBe(toDnsLabel(`${prefix}-two`));
  });

  it('is deterministic', () => {
    const input =
      'Some Very Long Project Name That Needs Truncating Because It Is Long';
    expect(toDnsLabel(input)).toBe(toDnsLabel(input));
  });

  it('honours a shorter limit', () => {
    expect(toDnsLabel('a'.repeat(40), 20)).toHaveLength(20);
  });

  it('rejects input with nothing usable', () => {
    expect(() => toDnsLabel('___')).toThrow('no characters usable');
  });

  it('rejects a limit that leaves no room for the hash', () => {
    expect(() => toDnsLabel('abc', 5)).toThrow('maxLength');
  });
});

describe('joinDnsLabel', () => {
  it('joins parts with dashes', () => {
    expect(joinDnsLabel(['shop', 'staging'])).toBe('shop-staging');
  });
});
