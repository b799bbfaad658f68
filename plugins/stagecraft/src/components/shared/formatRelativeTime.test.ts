import { formatRelativeTime } from './formatRelativeTime';

const now = new Date('2025-06-15T12:00:00Z');
const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it.each([
    [10, 'just now'],
    [90, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [3 * 24 * 3600, '3 days ago'],
    [15 * 24 * 3600, '2 weeks ago'],
    [400 * 24 * 3600, 'last year'],
  ])('describes %i seconds ago as "%s"', (seconds, expected) => {
    expect(formatRelativeTime(before(seconds), now)).toBe(expected);
  });

  it('describes future times too, for clocks that disagree', () => {
    expect(formatRelativeTime(before(-120), now)).toBe('in 2 minutes');
  });
});
