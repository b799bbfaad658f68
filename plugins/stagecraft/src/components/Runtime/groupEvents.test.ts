import type { RuntimeEvent } from '@stagecraft/plugin-stagecraft-common';
import { groupEvents, STALE_EVENT_MS } from './groupEvents';

const now = Date.parse('2026-11-30T12:00:00Z');
const at = (msAgo: number) => new Date(now - msAgo).toISOString();
const event = (overrides: Partial<RuntimeEvent>): RuntimeEvent => ({
  type: 'Warning',
  reason: 'FailedGetResourceMetric',
  message: 'unable to get metrics',
  object: 'HorizontalPodAutoscaler checkout-api',
  count: 1,
  lastSeen: at(60_000),
  ...overrides,
});

describe('groupEvents', () => {
  it('adds up the counts of one reason about one object and keeps the newest message', () => {
    const { current } = groupEvents(
      [
        event({ count: 4, message: 'older', lastSeen: at(120_000) }),
        event({ count: 2, message: 'newer', lastSeen: at(30_000) }),
      ],
      now,
    );
    expect(current).toEqual([
      expect.objectContaining({
        count: 6,
        message: 'newer',
        lastSeen: at(30_000),
      }),
    ]);
  });

  it('keeps different reasons, types and objects apart', () => {
    const { current } = groupEvents(
      [
        event({}),
        event({ reason: 'FailedComputeMetricsReplicas' }),
        event({ type: 'Normal' }),
        event({ object: 'Pod checkout-api-1' }),
      ],
      now,
    );
    expect(current).toHaveLength(4);
  });

  it('splits off events not seen for the stale period, and those without a time', () => {
    const { current, stale } = groupEvents(
      [
        event({ reason: 'Recent', lastSeen: at(STALE_EVENT_MS - 1000) }),
        event({ reason: 'Old', lastSeen: at(STALE_EVENT_MS + 1000) }),
        event({ reason: 'Timeless', lastSeen: undefined }),
      ],
      now,
    );
    expect(current.map(e => e.reason)).toEqual(['Recent']);
    expect(stale.map(e => e.reason)).toEqual(['Old', 'Timeless']);
  });
});
