import { readIntentChangedEvent } from './intentEvents';

describe('readIntentChangedEvent', () => {
  it('reads a well-formed payload, a lost intent (null hash) included', () => {
    const event = {
      entityRef: 'component:default/api',
      hash: 'ab'.repeat(32),
      processedAt: 1,
    };
    expect(readIntentChangedEvent(event)).toEqual(event);
    expect(readIntentChangedEvent({ ...event, hash: null })).toEqual({
      ...event,
      hash: null,
    });
  });

  it('keeps only the known fields', () => {
    expect(
      readIntentChangedEvent({
        entityRef: 'component:default/api',
        hash: null,
        processedAt: 1,
        releaseId: 'forged',
        __proto__: { polluted: true },
      }),
    ).toEqual({ entityRef: 'component:default/api', hash: null, processedAt: 1 });
  });

  it.each([
    undefined,
    null,
    'component:default/api',
    { hash: 'x', processedAt: 1 },
    { entityRef: 42, hash: 'x', processedAt: 1 },
    { entityRef: 'component:default/api', processedAt: 1 },
    { entityRef: 'component:default/api', hash: 7, processedAt: 1 },
    { entityRef: 'component:default/api', hash: 'x', processedAt: '1' },
  ])('refuses a malformed payload: %p', payload => {
    expect(readIntentChangedEvent(payload)).toBeUndefined();
  });
});
