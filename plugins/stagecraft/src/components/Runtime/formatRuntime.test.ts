import {
  formatAge,
  formatCpu,
  formatMemory,
  formatOwnerChain,
} from './formatRuntime';

const now = Date.parse('2025-01-10T12:00:00Z');

describe('formatAge', () => {
  it.each([
    ['2025-01-10T11:59:15Z', '45s'],
    ['2025-01-10T11:48:00Z', '12m'],
    ['2025-01-10T09:00:00Z', '3h'],
    ['2025-01-05T12:00:00Z', '5d'],
  ])('prints the age of %s as %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });

  it('prints a dash for an unknown or unparsable time', () => {
    expect(formatAge(undefined, now)).toBe('—');
    expect(formatAge('yesterday', now)).toBe('—');
  });

  it('never prints a negative age when clocks disagree', () => {
    expect(formatAge('2025-01-10T12:00:30Z', now)).toBe('0s');
  });
});

describe('units', () => {
  it('prints CPU in millicores and memory in MiB', () => {
    expect(formatCpu(249.6)).toBe('250m');
    expect(formatMemory(128 * 1024 * 1024)).toBe('128 MiB');
    expect(formatMemory(3.25 * 1024 * 1024)).toBe('3.3 MiB');
  });
});

describe('formatOwnerChain', () => {
  it('joins the owners nearest first', () => {
    expect(
      formatOwnerChain([
        { kind: 'ReplicaSet', name: 'web-7d9' },
        { kind: 'Deployment', name: 'web' },
      ]),
    ).toBe('ReplicaSet web-7d9 ← Deployment web');
  });
});
