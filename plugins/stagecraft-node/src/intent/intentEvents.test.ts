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
    ).toEqual({
      entityRef: 'component:default/api',
      hash: null,
      processedAt: 1,
    });
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

  it.each([
    'component:other/api',
    'user:default/jane',
    'group:default/team-a',
    'location:default/generated-1',
    'Component:default/api',
    'component:default/API',
    'api',
    'component:default/',
    `component:default/${'a'.repeat(300)}`,
  ])('refuses a ref the catalog module never announces: %p', entityRef => {
    expect(
      readIntentChangedEvent({ entityRef, hash: null, processedAt: 1 }),
    ).toBeUndefined();
  });

  it.each([
    'component:default/api',
    'system:default/shop',
    'endpoint:default/api-http',
    'environment:default/dev',
    'deploymentpipeline:default/fast',
    'componenttype:default/service',
    'trait:default/ingress',
  ])('accepts a deploy-relevant default-namespace ref: %p', entityRef => {
    expect(
      readIntentChangedEvent({ entityRef, hash: null, processedAt: 1 }),
    ).toEqual({ entityRef, hash: null, processedAt: 1 });
  });
});
