import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    // Uncover jsdom's own (always visible) property again.
    delete (document as { visibilityState?: unknown }).visibilityState;
    jest.useRealTimers();
  });

  const tick = (ms: number) =>
    act(async () => {
      jest.advanceTimersByTime(ms);
    });

  it('skips polls while the browser tab is hidden and polls again when it is shown', async () => {
    const load = jest.fn(async () => 'ok');
    renderHook(() => usePolling(load, 5000));
    await tick(0);
    expect(load).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    await tick(15000);
    expect(load).toHaveBeenCalledTimes(1);

    await act(async () => setVisibility('visible'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not start a poll while the previous one is still running', async () => {
    let finish: (value: string) => void = () => {};
    const load = jest.fn(() => new Promise<string>(r => (finish = r)));
    const { result } = renderHook(() => usePolling(load, 5000));

    await tick(10000);
    expect(load).toHaveBeenCalledTimes(1);

    await act(async () => finish('done'));
    expect(result.current.value).toBe('done');
    await tick(5000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops polling when unmounted', async () => {
    const load = jest.fn(async () => 'ok');
    const { unmount } = renderHook(() => usePolling(load, 5000));
    await tick(0);
    unmount();
    await tick(20000);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
