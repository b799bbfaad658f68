import { EntityHashes } from './EntityHashes';

describe('EntityHashes', () => {
  const entity = (metadata: object) => ({
    kind: 'Component',
    metadata: { name: 'api', ...metadata },
    spec: { system: 'shop' },
  });

  it('hashes an entity and its catalog copy alike: the uid is not part of its content', () => {
    const hashes = new EntityHashes();
    expect(hashes.of(entity({ uid: 'a1' }))).toBe(hashes.of(entity({})));
    expect(hashes.of(entity({ uid: 'a1' }))).toBe(
      hashes.of(entity({ uid: 'b2' })),
    );
  });

  it('hashes the same content alike whatever the order of its keys', () => {
    const hashes = new EntityHashes();
    const { metadata, ...rest } = entity({ uid: 'a1' });
    expect(hashes.of({ metadata, ...rest })).toBe(hashes.of(entity({})));
  });

  it('tells apart entities whose other metadata or spec differ', () => {
    const hashes = new EntityHashes();
    const plain = hashes.of(entity({}));
    expect(hashes.of(entity({ annotations: { a: 'b' } }))).not.toBe(plain);
    expect(hashes.of({ ...entity({}), spec: { system: 'billing' } })).not.toBe(
      plain,
    );
  });
});
