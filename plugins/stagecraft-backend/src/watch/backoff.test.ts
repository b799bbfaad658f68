import { abortableDelay, backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stays at 30 s by default', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 50, 5000].map(failures =>
      backoffDelay(failures, DEFAULT_BACKOFF),
    );
    expect(delays).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
  });
});

describe('abortableDelay', () => {
  it('resolves as soon as its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = abortableDelay(24 * 3600_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('resolves at once for a signal that is already aborted', async () => {
    await expect(
      abortableDelay(24 * 3600_000, AbortSignal.abort()),
    ).resolves.toBeUndefined();
  });
});
