import { render, screen } from '@testing-library/react';
import { formatAbsoluteTime } from './formatRelativeTime';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  it('shows how long ago, labelled with the absolute time', () => {
    const at = new Date(Date.now() - 3 * 3600_000);
    render(<RelativeTime value={at.toISOString()} />);
    const time = screen.getByText('3 hours ago');
    expect(time).toHaveAttribute('dateTime', at.toISOString());
    expect(time).toHaveAccessibleName(formatAbsoluteTime(at));
  });

  it('shows an unparsable value as it is rather than "Invalid Date"', () => {
    render(<RelativeTime value="yesterday-ish" />);
    expect(screen.getByText('yesterday-ish')).toBeInTheDocument();
  });
});
