import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';

const processor = new StagecraftEntitiesProcessor();

describe('StagecraftEntitiesProcessor', () => {
  it('claims the kinds Stagecraft defines', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'stagecraft.dev/v1alpha1',
        kind: 'Environment',
        metadata: { name: 'dev' },
        spec: {},
      }),
    ).resolves.toBe(true);
  });

  it('leaves other apiVersions to their own processors', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'example.com/v1',
        kind: 'Environment',
        metadata: { name: 'dev' },
      }),
    ).resolves.toBe(false);
  });

  it('rejects an unknown kind under its apiVersion, naming the field', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'stagecraft.dev/v1alpha1',
        kind: 'Cluster',
        metadata: { name: 'main' },
      }),
    ).rejects.toThrow(
      /^kind: kind "Cluster" is not defined by stagecraft\.dev\/v1alpha1/,
    );
  });
});
