import { scheduleChecks } from './checkSchedule';

describe('scheduleChecks', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A lifecycle whose hooks the test fires. */
  function lifecycle() {
    const hooks = {
      startup: [] as (() => void)[],
      shutdown: [] as (() => void)[],
    };
    return {
      hooks,
      service: {
        addStartupHook: (hook: () => void) => hooks.startup.push(hook),
        addShutdownHook: (hook: () => void) => hooks.shutdown.push(hook),
      },
    };
  }

  it('checks often while the backend starts, at the interval after, and not after shutdown', () => {
    const check = jest.fn();
    const { hooks, service } = lifecycle();
    scheduleChecks(check, service, 250, 2_000);

    jest.advanceTimersByTime(1_000);
    expect(check).toHaveBeenCalledTimes(4);

    hooks.startup.forEach(hook => hook());
    jest.advanceTimersByTime(1_999);
    expect(check).toHaveBeenCalledTimes(4);
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(5);

    hooks.shutdown.forEach(hook => hook());
    jest.advanceTimersByTime(10_000);
    expect(check).toHaveBeenCalledTimes(5);
  });
});
