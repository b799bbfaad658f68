import { describeWithCluster } from '@stagecraft/test-cluster';
import { permissionsDenying } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  base,
  HostileBackend,
  promoteToProduction,
  stageNewRelease,
  startHostileBackend,
  succeeds,
} from './__testUtils__/hostileBackend';
import { expectRefused, HostileCase } from './__testUtils__/hostileCase';

/*
 * Every way around an approval the issue and its review found — a decided request, the
 * requester approving (under her own ref or the same ref in another letter case), a request
 * whose release has left the stage it was asked from — sent as REST requests to a real backend
 * on the real cluster: refused clearly, nothing changed, audited. ann and bob are owners with
 * every permission but break-glass.
 */

const { databases } = createTestDatabases();

describeWithCluster(
  'hostile requests: an approval is another person’s decision on a live request (REST, real backend and cluster)',
  () => {
    let b: HostileBackend;
    const releases: Record<string, string> = {};
    const approvals: Record<string, number> = {};
    const approve = (id: string) => () =>
      `/api/stagecraft/approvals/${approvals[id]}/approve`;
    const askForProduction = async () =>
      (
        await succeeds(
          b.post('ann', `${base}/promote`, { from: 'staging' }),
          201,
        )
      ).body.approval.id as number;

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        permissions: permissionsDenying().factory,
      });
      releases.r1 = await promoteToProduction(b);
      releases.r2 = await stageNewRelease(b);
    }, 240_000);

    afterAll(() => b?.cleanUp());

    const cases: HostileCase[] = [
      {
        name: 'approval of a denied request',
        prepare: async () => {
          approvals.denied = await askForProduction();
          await succeeds(
            b.post('bob', `/api/stagecraft/approvals/${approvals.denied}/deny`),
            200,
          );
        },
        caller: 'bob',
        path: approve('denied'),
        status: 409,
        error: 'ConflictError',
        message: () =>
          `approval request ${approvals.denied} was already denied by user:default/bob`,
        eventId: 'deployment-approve',
      },
      {
        name: 'self-approval',
        prepare: async () => {
          approvals.pending = await askForProduction();
        },
        caller: 'ann',
        path: approve('pending'),
        status: 403,
        error: 'NotAllowedError',
        message:
          'pipeline rule: a promotion cannot be approved by the person who requested it (user:default/ann)',
        eventId: 'deployment-approve',
      },
      {
        name: 'self-approval under the same ref in another letter case',
        caller: 'Ann',
        path: approve('pending'),
        status: 403,
        error: 'NotAllowedError',
        message:
          'pipeline rule: a promotion cannot be approved by the person who requested it (user:default/ann)',
        eventId: 'deployment-approve',
      },
      {
        name: 'approval of a stale request (its release has left staging)',
        prepare: async () => {
          await succeeds(
            b.post('ann', `${base}/deployments/staging/rollback`, {
              releaseId: releases.r1,
            }),
            202,
          );
          await b.settled();
        },
        caller: 'bob',
        path: approve('pending'),
        status: 409,
        error: 'ConflictError',
        message: () =>
          `approval request ${
            approvals.pending
          } is stale: staging no longer runs release ${releases.r2.slice(
            0,
            12,
          )}`,
        eventId: 'deployment-approve',
      },
    ];

    // eslint-disable-next-line jest/expect-expect -- expectRefused asserts
    it.each(cases)('refuses $name', hostile => expectRefused(b, hostile));

    it('answers twenty concurrent promotions into production with one approval request and one history entry', async () => {
      const history = async () =>
        (await b.get(`${base}/history?environment=production`)).body
          .items as any[];
      const requestedBefore = (await history()).filter(
        e => e.action === 'request-approval',
      ).length;

      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          b.post(i % 2 ? 'ann' : 'bob', `${base}/promote`, {
            from: 'staging',
          }),
        ),
      );

      expect(responses.map(r => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map(r => r.body.approval.id)).size).toBe(1);
      const requested = (await history()).filter(
        e => e.action === 'request-approval',
      );
      expect(requested.length - requestedBefore).toBe(1);
    });
  },
);
