import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  releaseNewApiImage,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { ApprovalRequest, PromoteResult } from './types';

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, bob } = callers;

function approvalOf(result: PromoteResult): ApprovalRequest {
  if (result.outcome !== 'approval-requested')
    throw new Error(`expected an approval request, got ${result.outcome}`);
  return result.approval;
}

/** The pipeline with a `qa` stage inserted before production. */
function withQaStage(entities: Entity[]): Entity[] {
  return [
    ...entities.map(e =>
      e.kind === 'DeploymentPipeline'
        ? {
            ...e,
            spec: {
              stages: [
                { environment: 'dev' },
                { environment: 'staging' },
                { environment: 'qa' },
                { environment: 'production', requiresApproval: true },
              ],
            },
          }
        : e,
    ),
    {
      ...entities.find(e => e.metadata.name === 'staging')!,
      metadata: { name: 'qa', namespace: 'default' },
    },
  ];
}

describe.each(databases.eachSupportedId())('approvals on %p', id => {
  it('makes one request and one history entry of twenty concurrent promotions', async () => {
    const h = await setUpService(databases, id);
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.actions.promote(
            { componentRef: api, from: 'staging' },
            i % 2 ? ann : bob,
          ),
        ),
      );

      const ids = new Set(results.map(r => approvalOf(r).id));
      expect(ids.size).toBe(1);
      expect(await h.approvals.list(api)).toHaveLength(1);
      const requested = (await h.store.listHistory(api, 'production')).filter(
        e => e.action === 'request-approval',
      );
      expect(requested).toHaveLength(1);
      const events = h.auditor.events.filter(
        e => e.eventId === 'deployment-promote' && e.meta.from === 'staging',
      );
      expect(events).toHaveLength(20);
      expect(events.filter(e => e.meta.joinedPendingRequest)).toHaveLength(19);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('refuses approval by the requester, and of a request already decided', async () => {
    const h = await setUpService(databases, id);
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const request = approvalOf(
        await h.actions.promote({ componentRef: api, from: 'staging' }, ann),
      );

      await expect(
        h.actions.approve({ approvalId: request.id }, ann),
      ).rejects.toThrow(
        new NotAllowedError(
          'pipeline rule: a promotion cannot be approved by the person who requested it (user:default/ann)',
        ),
      );
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-approve',
        outcome: 'fail',
        meta: {
          actor: 'user:default/ann',
          approvalId: request.id,
          componentRef: api,
          environment: 'production',
        },
      });
      await h.actions.deny({ approvalId: request.id, comment: 'freeze' }, bob);
      await expect(
        h.actions.approve({ approvalId: request.id }, bob),
      ).rejects.toThrow(
        new ConflictError(
          `approval request ${request.id} was already denied by user:default/bob`,
        ),
      );
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
      expect(
        (await h.store.listHistory(api, 'production')).map(e => e.action),
      ).toEqual(['deny', 'request-approval']);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('refuses a stale request: its release no longer runs in the stage it was requested from', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      const r1 = (await h.store.getDeployment(api, 'dev'))!.releaseId;
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const request = approvalOf(
        await h.actions.promote({ componentRef: api, from: 'staging' }, ann),
      );
      // Staging moves on to r2 (say r1 turned out broken there).
      const r2 = await releaseNewApiImage(h, entities, '2');
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);

      await expect(
        h.actions.approve({ approvalId: request.id }, bob),
      ).rejects.toThrow(
        new ConflictError(
          `approval request ${
            request.id
          } is stale: staging no longer runs release ${r1.slice(
            0,
            12,
          )} (it runs ${r2.slice(0, 12)}); deny it and promote again`,
        ),
      );
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
      await expect(h.approvals.get(request.id)).resolves.toMatchObject({
        state: 'pending',
      });

      // Once r1 runs in staging again, the request is what it says it is.
      await h.actions.rollback(
        { componentRef: api, environment: 'staging', releaseId: r1 },
        ann,
      );
      await expect(
        h.actions.approve({ approvalId: request.id }, bob),
      ).resolves.toMatchObject({ state: 'approved', releaseId: r1 });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('applies the pipeline as it is when the approval is decided, not as it was requested', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const request = approvalOf(
        await h.actions.promote({ componentRef: api, from: 'staging' }, ann),
      );
      h.setEntities(withQaStage(entities));

      await expect(
        h.actions.approve({ approvalId: request.id }, bob),
      ).rejects.toThrow(
        'pipeline rule: a release enters production only by promotion from qa',
      );
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
    } finally {
      await h.controlPlane.stop();
    }
  });
});
