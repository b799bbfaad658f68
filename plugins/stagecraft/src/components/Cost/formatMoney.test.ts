import { formatAmounts, formatMoney } from './formatMoney';

describe('formatMoney', () => {
  it('shows two decimals rounded half up from the exact micros', () => {
    expect(formatMoney({ micros: 1_688_490, amount: '1.688490' }, 'USD')).toBe(
      '$1.69',
    );
    expect(formatMoney({ micros: 5_000, amount: '0.005000' }, 'USD')).toBe(
      '$0.01',
    );
    expect(formatMoney({ micros: 4_999, amount: '0.004999' }, 'USD')).toBe(
      '$0.00',
    );
    expect(
      formatMoney({ micros: 40_515_000, amount: '40.515000' }, 'EUR'),
    ).toBe('€40.52');
  });

  it('writes amounts in the units people read', () => {
    expect(
      formatAmounts({ cpuMillicores: 390, memoryBytes: 1.5 * 1024 ** 3 }),
    ).toBe('390m CPU · 1.50 GiB');
    expect(formatAmounts({ memoryBytes: 64 * 1024 ** 2 })).toBe('64 MiB');
    expect(formatAmounts({})).toBe('none');
  });
});
