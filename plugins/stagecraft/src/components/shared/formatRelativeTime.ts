const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "just now": how long before `now` a moment was. */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size)
      return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** The absolute time, for tooltips next to a relative one. */
export function formatAbsoluteTime(date: Date): string {
  return date.toLocaleString('en', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}
