import { entry, evidenceOf, ready } from './__testUtils__/evidence';
import { lastGoodRelease, rollbackOr } from './lastGoodRelease';

// Releases of checkout-api in dev, in the order they were deployed.
const G1 = '1'.repeat(64);
const B2 = '2'.repeat(64);
const G3 = '3'.repeat(64);
const B4 = '4'.repeat(64);
const B5 = '5'.repeat(64);

/** Dev runs `current`; `history` newest first; `readyReleases` as status reads recorded them. */
const situation = (
  current: string,
  history: ReturnType<typeof entry>[],
  readyReleases: ReturnType<typeof ready>[],
) => {
  const base = evidenceOf();
  return evidenceOf({
    status: { ...base.status, releaseId: current },
    history,
    readyReleases,
  });
};

const chosen = (evidence: ReturnType<typeof evidenceOf>) =>
  lastGoodRelease(evidence)?.entry.releaseId;

describe('the last good release', () => {
  it('after a bad release, a good one and another bad one: the good one, observed ready', () => {
    // G1 ready; B2 never ready; G3 ready; B4 deployed on top of G3.
    const evidence = situation(
      B4,
      [
        entry(4, 'deploy', B4),
        entry(3, 'deploy', G3),
        entry(2, 'deploy', B2),
        entry(1, 'deploy', G1),
      ],
      [ready(G3, 3), ready(G1, 1)],
    );
    expect(chosen(evidence)).toBe(G3);
  });

  it('passes over a bad release that ran in between and was never ready', () => {
    // G3 ready, then B4 and B5 deployed one after the other, neither ever ready: history
    // alone would say B4 (the newest before B5 that no rollback undid).
    const evidence = situation(
      B5,
      [
        entry(5, 'deploy', B5),
        entry(4, 'deploy', B4),
        entry(3, 'deploy', G3),
        entry(2, 'deploy', B2),
        entry(1, 'deploy', G1),
      ],
      [ready(G3, 3), ready(G1, 1)],
    );
    expect(chosen(evidence)).toBe(G3);
  });

  it('a release that ran before and was rolled back to since counts from its newest run', () => {
    // G1, B2 (bad, rolled back to G1), G3 never observed, B4 now: G1 is the newest observed ready.
    const evidence = situation(
      B4,
      [
        entry(5, 'deploy', B4),
        entry(4, 'deploy', G3),
        entry(3, 'rollback', G1, { from: B2 }),
        entry(2, 'deploy', B2),
        entry(1, 'deploy', G1),
      ],
      [ready(G1, 1)],
    );
    const good = lastGoodRelease(evidence)!;
    expect(good.entry).toMatchObject({ id: 3, releaseId: G1 });
    expect(good.since).toMatchObject({ id: 5, releaseId: B4 });
  });

  it('never proposes the current release, even when it was ready once (it went bad later)', () => {
    const evidence = situation(
      G3,
      [entry(3, 'deploy', G3), entry(2, 'deploy', B2), entry(1, 'deploy', G1)],
      [ready(G3, 3), ready(G1, 1)],
    );
    expect(chosen(evidence)).toBe(G1);
  });

  it('without any observed readiness, falls back to history and says so', () => {
    const evidence = situation(
      B4,
      [
        entry(4, 'deploy', B4),
        entry(3, 'rollback', G1, { from: B2 }),
        entry(2, 'deploy', B2),
        entry(1, 'deploy', G1),
      ],
      [],
    );
    const good = lastGoodRelease(evidence)!;
    expect(good.entry.releaseId).toBe(G1);
    expect(good.ready).toBeUndefined();
    const { nextStep, history } = rollbackOr(evidence, { text: 'fix it' });
    expect(nextStep.text).toMatch(
      /^Roll back to release 111111111111, the last good one, as far as history tells: no release that ran here before the trouble was observed ready/,
    );
    expect(history.map(h => h.text)).toEqual([
      'deploy of release 444444444444 by user:default/jane',
      'rollback of release 111111111111 by user:default/jane',
    ]);
  });

  it('nothing to return to when the current release is the first', () => {
    const evidence = situation(G1, [entry(1, 'deploy', G1)], [ready(G1, 1)]);
    expect(lastGoodRelease(evidence)).toBeUndefined();
    expect(rollbackOr(evidence, { text: 'fix it' }).nextStep).toEqual({
      text: 'fix it',
    });
  });
});

describe('the rollback step', () => {
  it('quotes when the release was observed ready and when the trouble started', () => {
    const evidence = situation(
      B4,
      [entry(4, 'deploy', B4), entry(3, 'deploy', G3), entry(2, 'deploy', B2)],
      [ready(G3, 3)],
    );
    const { nextStep, history } = rollbackOr(evidence, { text: 'fix it' });
    expect(nextStep.text).toBe(
      'Roll back to release 333333333333, the last good one, the newest that ran here before the trouble and was observed ready (Deployment/checkout-api: rolled out: 2 of 2 replicas updated and available, at 2026-11-30T12:03:30.000Z). It ran here until deploy of release 444444444444 by user:default/jane at 2026-11-30T12:04:00.000Z, when the trouble started.',
    );
    expect(nextStep.action).toEqual({
      name: 'rollback',
      input: {
        componentRef: evidence.componentRef,
        environment: 'dev',
        releaseId: G3,
      },
    });
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'history',
        text: expect.stringContaining('444444444444'),
      }),
      expect.objectContaining({
        kind: 'history',
        text: expect.stringContaining('deploy of release 333333333333'),
      }),
      {
        kind: 'history',
        text: 'release 333333333333 observed ready in dev: Deployment/checkout-api: rolled out: 2 of 2 replicas updated and available',
        at: '2026-11-30T12:03:30.000Z',
      },
    ]);
  });
});
