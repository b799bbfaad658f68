import type { Entity } from '@backstage/catalog-model';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  deployRelevantHash,
  INTENT_CHANGED_TOPIC,
} from '@stagecraft/plugin-stagecraft-node';
import { IntentChangePublisher } from './IntentChangePublisher';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';

const api = (image: string | undefined): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'team-a',
    lifecycle: 'production',
    system: 'shop',
    ...(image ? { deploy: { image } } : {}),
  },
});
const ref = 'component:default/api';

function setUp(served: Record<string, Entity | undefined> = {}) {
  const published: EventParams[] = [];
  const reads: string[] = [];
  const publisher = new IntentChangePublisher({
    events: { publish: async e => void published.push(e) },
    servedEntity: async r => {
      reads.push(r);
      return served[r];
    },
    now: () => 1234,
  });
  return { publisher, published, reads };
}

describe('IntentChangePublisher', () => {
  it('announces an entity whose intent differs from the version the catalog serves', async () => {
    const { publisher, published } = setUp({ [ref]: api('api:1') });
    await publisher.processed(api('api:2'));
    expect(published).toEqual([
      {
        topic: INTENT_CHANGED_TOPIC,
        eventPayload: {
          entityRef: ref,
          hash: deployRelevantHash(api('api:2')),
          processedAt: 1234,
        },
      },
    ]);
  });

  it('announces nothing when processing repeats unchanged intent, and reads the catalog once', async () => {
    const { publisher, published, reads } = setUp({ [ref]: api('api:1') });
    await publisher.processed(api('api:1'));
    await publisher.processed({
      ...api('api:1'),
      metadata: { ...api('api:1').metadata, description: 'prose' },
    });
    expect(published).toEqual([]);
    expect(reads).toEqual([ref]);
  });

  it('announces each change it processes after the first, from memory', async () => {
    const { publisher, published, reads } = setUp({ [ref]: api('api:1') });
    await publisher.processed(api('api:1'));
    await publisher.processed(api('api:2'));
    await publisher.processed(api('api:2'));
    await publisher.processed(api('api:3'));
    expect(published.map(e => (e.eventPayload as any).hash)).toEqual([
      deployRelevantHash(api('api:2')),
      deployRelevantHash(api('api:3')),
    ]);
    expect(reads).toHaveLength(1);
  });

  it('announces a component that lost its deploy intent (hash null) and a new one', async () => {
    const { publisher, published } = setUp({ [ref]: api('api:1') });
    await publisher.processed(api(undefined));
    const other = { ...api('web:1'), metadata: { name: 'web' } };
    await publisher.processed(other);
    expect(published.map(e => e.eventPayload)).toEqual([
      { entityRef: ref, hash: null, processedAt: 1234 },
      {
        entityRef: 'component:default/web',
        hash: deployRelevantHash(other),
        processedAt: 1234,
      },
    ]);
  });

  it('neither reads nor announces kinds no compile reads', async () => {
    const { publisher, published, reads } = setUp();
    await publisher.processed({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a' },
      spec: { type: 'team', children: [] },
    });
    expect(published).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('never fails processing when the catalog or the events service fail, and retries next time', async () => {
    const publish = jest
      .fn()
      .mockRejectedValueOnce(new Error('bus down'))
      .mockResolvedValue(undefined);
    const warn = jest.fn();
    const publisher = new IntentChangePublisher({
      events: { publish },
      servedEntity: async () => api('api:1'),
      logger: { warn } as any,
    });
    await expect(publisher.processed(api('api:2'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('bus down'));
    await publisher.processed(api('api:2'));
    expect(publish).toHaveBeenCalledTimes(2);
  });
});

describe('StagecraftEntitiesProcessor with an intent publisher', () => {
  const location = { type: 'file', target: '/catalog-info.yaml' };

  it('announces a processed component, but not one it rejects (the catalog keeps the old one)', async () => {
    const { publisher, published } = setUp({ [ref]: api('api:1') });
    const processor = new StagecraftEntitiesProcessor({
      intentChanges: publisher,
    });
    const rejected = {
      ...api('api:2'),
      spec: { ...api('api:2').spec, deploy: { image: 'api:2', replicas: -1 } },
    };
    const emitted: unknown[] = [];
    await processor.postProcessEntity(rejected, location, e => emitted.push(e));
    expect(emitted).toContainEqual(expect.objectContaining({ type: 'error' }));
    expect(published).toEqual([]);

    const accepted: unknown[] = [];
    await processor.postProcessEntity(api('api:2'), location, e =>
      accepted.push(e),
    );
    expect(accepted).not.toContainEqual(
      expect.objectContaining({ type: 'error' }),
    );
    expect(published).toHaveLength(1);
  });
});
