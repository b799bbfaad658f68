import { NotFoundError } from '@backstage/errors';
import type { LogLine, LogSource } from '../actions/types';
import { COMPONENT_REF } from '../service/__testUtils__/fakeActions';
import { logSource } from '../service/__testUtils__/fakeRuntimeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';
import { LOG_TAIL_BOUNDS, readLogTail } from './readLogTail';

const STAGING = { component: 'checkout-api', environment: 'staging' };

/** A source of `n` timestamped lines, one a second from `startSecond`. */
function timedSource(
  pod: string,
  n: number,
  startSecond: number,
  text = (i: number) => `${pod} line ${i}`,
): LogSource {
  return {
    pod,
    container: 'main',
    async *lines(): AsyncIterable<LogLine> {
      for (let i = 0; i < n; i++)
        yield {
          pod,
          container: 'main',
          timestamp: new Date(
            Date.UTC(2026, 0, 1, 0, 0, startSecond + i),
          ).toISOString(),
          text: text(i),
        };
    },
  };
}

describe('get-logs', () => {
  it('reads the last lines as the caller, never following', async () => {
    const { invoke, runtime, credentials } = agentActionsHarness();
    const output = await invoke('get-logs', {
      ...STAGING,
      lines: 20,
      pod: 'checkout-api-7d9f8c6b5-x2x4l',
      container: 'main',
    });
    expect(runtime.openLogs).toHaveBeenCalledWith(
      { componentRef: COMPONENT_REF, environment: 'staging' },
      {
        pod: 'checkout-api-7d9f8c6b5-x2x4l',
        container: 'main',
        tailLines: 20,
        follow: false,
        timestamps: true,
      },
      { credentials },
    );
    expect(output).toEqual({
      lines: [
        {
          pod: 'checkout-api-7d9f8c6b5-x2x4l',
          container: 'main',
          text: 'started',
        },
        {
          pod: 'checkout-api-7d9f8c6b5-x2x4l',
          container: 'main',
          text: 'ready',
        },
      ],
      truncated: false,
      errors: [],
    });
  });

  it('asks for 100 lines by default', async () => {
    const { invoke, runtime } = agentActionsHarness();
    await invoke('get-logs', STAGING);
    expect(runtime.openLogs.mock.calls[0][1].tailLines).toBe(100);
  });

  it.each([
    { lines: 501 },
    { lines: 0 },
    { pod: '../etc' },
    { container: 'Main' },
    { follow: true, lines: 'all' },
  ])('refuses %j before opening a log', async extra => {
    const { invoke, runtime } = agentActionsHarness();
    await expect(
      invoke('get-logs', { ...STAGING, ...extra }),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(runtime.openLogs).not.toHaveBeenCalled();
  });

  it('answers the newest lines over all containers, in time order', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.openLogs.mockResolvedValueOnce([
      timedSource('a', 10, 0),
      timedSource('b', 3, 4),
    ]);
    const output = await invoke('get-logs', { ...STAGING, lines: 5 });
    expect(output.lines.map((l: LogLine) => l.text)).toEqual([
      'a line 6',
      'b line 2',
      'a line 7',
      'a line 8',
      'a line 9',
    ]);
    expect(output.truncated).toBe(true);
    expect(output.truncatedReason).toContain('only the newest 5');
  });

  it('answers at most 64 KiB of text and says so', async () => {
    const { invoke, runtime } = agentActionsHarness();
    const kib = 'x'.repeat(1024);
    runtime.openLogs.mockResolvedValueOnce([
      timedSource('a', 500, 0, () => kib),
    ]);
    const output = await invoke('get-logs', { ...STAGING, lines: 500 });
    const bytes = output.lines.reduce(
      (sum: number, l: LogLine) => sum + Buffer.byteLength(l.text),
      0,
    );
    expect(bytes).toBeLessThanOrEqual(LOG_TAIL_BOUNDS.outputBytes);
    expect(output.lines).toHaveLength(64);
    expect(output.truncatedReason).toContain('fit in 65536 bytes');
  });

  it('cuts very long lines and says so', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.openLogs.mockResolvedValueOnce([
      timedSource('a', 1, 0, () => 'y'.repeat(100_000)),
    ]);
    const output = await invoke('get-logs', STAGING);
    expect(output.lines[0].text).toHaveLength(LOG_TAIL_BOUNDS.lineChars + 1);
    expect(output.truncated).toBe(true);
  });

  it('lists logs that failed beside the lines of the others', async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.openLogs.mockResolvedValueOnce([
      logSource('a', 'main', ['fine']),
      logSource(
        'b',
        'main',
        [],
        new Error('container "main" is waiting to start'),
      ),
    ]);
    const output = await invoke('get-logs', STAGING);
    expect(output.lines).toEqual([
      { pod: 'a', container: 'main', text: 'fine' },
    ]);
    expect(output.errors).toEqual([
      {
        pod: 'b',
        container: 'main',
        message: 'container "main" is waiting to start',
      },
    ]);
  });

  it("passes the refusal of a pod that is not the deployment's on", async () => {
    const { invoke, runtime } = agentActionsHarness();
    runtime.openLogs.mockRejectedValueOnce(
      new NotFoundError('not a pod of it'),
    );
    await expect(
      invoke('get-logs', { ...STAGING, pod: 'someone-else' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('readLogTail', () => {
  it('stops reading a log past the read bound and closes its connection', async () => {
    let signal: AbortSignal | undefined;
    let produced = 0;
    const endless: LogSource = {
      pod: 'a',
      container: 'main',
      async *lines(s) {
        signal = s;
        for (;;) {
          produced++;
          yield { pod: 'a', container: 'main', text: 'z'.repeat(100) };
        }
      },
    };
    const tail = await readLogTail([endless], {
      ...LOG_TAIL_BOUNDS,
      lines: 5,
      readBytesPerSource: 10_000,
    });
    expect(produced).toBe(101);
    expect(signal?.aborted).toBe(true);
    expect(tail.lines).toHaveLength(5);
    expect(tail.truncated).toContain('cut after 10000 bytes');
  });
});
