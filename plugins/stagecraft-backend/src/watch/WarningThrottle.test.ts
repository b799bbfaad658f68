import { WarningThrottle } from './WarningThrottle';

describe('WarningThrottle', () => {
  const setup = () => {
    const warnings: string[] = [];
    let now = 0;
    const throttle = new WarningThrottle(
      message => warnings.push(message),
      60_000,
      () => now,
    );
    return { warnings, throttle, advance: (ms: number) => (now += ms) };
  };

  it('logs a repeated failure once per interval and counts what it held back', () => {
    const { warnings, throttle, advance } = setup();
    for (let i = 0; i < 20; i++) {
      throttle.report('unreachable', 'API unreachable');
      advance(5_000);
    }
    expect(warnings).toEqual([
      'API unreachable',
      'API unreachable (11 similar failure(s) since the last warning)',
    ]);
  });

  it('keeps different keys apart', () => {
    const { warnings, throttle } = setup();
    throttle.report('a', 'first');
    throttle.report('b', 'second');
    throttle.report('a', 'first again');
    expect(warnings).toEqual(['first', 'second']);
  });

  it('reports a key again at once after it was reset', () => {
    const { warnings, throttle } = setup();
    throttle.report('unreachable', 'outage one');
    throttle.reset('unreachable');
    throttle.report('unreachable', 'outage two');
    expect(warnings).toEqual(['outage one', 'outage two']);
  });
});
