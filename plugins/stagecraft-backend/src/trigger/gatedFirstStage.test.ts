import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  sandboxEnvironment,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CATALOG_ACTOR } from './catalogTrigger';

// A component whose pipeline starts with an approval-gated stage never receives anything from
// the catalog trigger (the pipeline rule). Each platform change makes the trigger look again at
// components deployed nowhere (a release recorded before its pipeline was read); it must not
// add a refused deploy and a failed audit event for such a component on every one of them.

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann } = callers;

/** The API on a pipeline that starts with a gated production. */
function apiStartingInProduction(): Entity[] {
  return [
    ...testCatalog('shop').map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: { 'stagecraft.dev/pipeline': 'gated-first' },
            },
          }
        : e,
    ),
    {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'DeploymentPipeline',
      metadata: { name: 'gated-first', namespace: 'default' },
      spec: { stages: [{ environment: 'production', requiresApproval: true }] },
    },
  ];
}

/** The API's release recorded by the trigger while the catalog had no pipeline for it yet. */
async function recordedBeforeItsPipeline() {
  const entities = apiStartingInProduction();
  const withoutPipeline = entities.filter(
    e =>
      !(e.kind === 'DeploymentPipeline' && e.metadata.name === 'gated-first'),
  );
  const h = await setUpService(databases, 'SQLITE_3', {
    entities: withoutPipeline,
  });
  return { entities, withoutPipeline, h };
}

const refusedTriggerDeploys = (
  events: {
    eventId: string;
    outcome?: string;
    meta: Record<string, unknown>;
  }[],
) =>
  events.filter(
    e =>
      e.eventId === 'deployment-deploy' &&
      e.meta.actor === CATALOG_ACTOR &&
      e.meta.componentRef === api &&
      e.outcome === 'fail',
  );

describe('a pipeline whose first stage requires approval', () => {
  it('gets one refused catalog deploy per release, not one per platform change', async () => {
    const entities = apiStartingInProduction();
    const h = await setUpService(databases, 'SQLITE_3', { entities });
    try {
      await h.triggerCatalog();
      // The new release: attempted once, refused and audited (docs/model.md).
      expect(refusedTriggerDeploys(h.auditor.events)).toHaveLength(1);

      // Two platform changes: an environment arrives, then leaves.
      h.setEntities([...entities, sandboxEnvironment()]);
      await h.triggerCatalog();
      h.setEntities(entities);
      await h.triggerCatalog();

      expect(refusedTriggerDeploys(h.auditor.events)).toHaveLength(1);
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
      expect(await h.store.listHistory(api)).toEqual([]);

      // A person's refused request is still audited, each time.
      for (let i = 0; i < 2; i++)
        await expect(
          h.actions.deploy(
            { componentRef: api, environment: 'production' },
            ann,
          ),
        ).rejects.toThrow(NotAllowedError);
      expect(
        h.auditor.events.filter(
          e =>
            e.eventId === 'deployment-deploy' &&
            e.meta.actor === 'user:default/ann' &&
            e.outcome === 'fail',
        ),
      ).toHaveLength(2);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('deploys a release recorded before its pipeline once an ungated pipeline is read', async () => {
    const { withoutPipeline, h } = await recordedBeforeItsPipeline();
    try {
      await h.triggerCatalog();
      expect(await h.store.listHistory(api)).toEqual([]);
      // Its pipeline arrives, starting with dev this time: the retry deploys it.
      h.setEntities([
        ...withoutPipeline,
        {
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'DeploymentPipeline',
          metadata: { name: 'gated-first', namespace: 'default' },
          spec: { stages: [{ environment: 'dev' }] },
        },
      ]);
      await h.triggerCatalog();
      expect(
        (await h.store.listHistory(api, 'dev')).map(e => [e.action, e.actor]),
      ).toEqual([['deploy', CATALOG_ACTOR]]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('audits the refusal of a release recorded before its gated pipeline was read, once', async () => {
    const { entities, h } = await recordedBeforeItsPipeline();
    try {
      await h.triggerCatalog();
      expect(refusedTriggerDeploys(h.auditor.events)).toHaveLength(0);
      // The gated pipeline arrives: the first look is an audited refusal, the next ones quiet.
      h.setEntities(entities);
      await h.triggerCatalog();
      expect(refusedTriggerDeploys(h.auditor.events)).toHaveLength(1);
      h.setEntities([...entities, sandboxEnvironment()]);
      await h.triggerCatalog();
      expect(refusedTriggerDeploys(h.auditor.events)).toHaveLength(1);
      expect(await h.store.listHistory(api)).toEqual([]);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
