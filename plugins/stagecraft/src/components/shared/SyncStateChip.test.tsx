import { render, screen } from '@testing-library/react';
import { SyncStateChip } from './SyncStateChip';

describe('SyncStateChip', () => {
  it('names the state in words, with the reason as its label', () => {
    render(<SyncStateChip state="degraded" reason="1 of 3 replicas ready" />);
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(screen.getByLabelText('1 of 3 replicas ready')).toHaveTextContent(
      'Degraded',
    );
  });
});
