import { pod } from '../Runtime/__testUtils__/runtimeFixtures';
import { containerNames, mixesSources, resolveSource } from './logSource';

const withContainers = (name: string, ...containers: string[]) =>
  pod(name, {
    containers: containers.map(c => ({
      name: c,
      image: 'registry.local/app:1',
      ready: true,
      restarts: 0,
      state: 'running' as const,
    })),
  });

const pods = [
  withContainers('web-1', 'app', 'proxy'),
  withContainers('web-2', 'app'),
];

describe('containerNames', () => {
  it('lists the picked pod’s containers, or each name once across all pods', () => {
    expect(containerNames(pods, 'web-2')).toEqual(['app']);
    expect(containerNames(pods)).toEqual(['app', 'proxy']);
  });
});

describe('resolveSource', () => {
  it('keeps a pod and container that still run', () => {
    expect(
      resolveSource({ pod: 'web-1', container: 'proxy', tailLines: 500 }, pods),
    ).toEqual({ pod: 'web-1', container: 'proxy', tailLines: 500 });
  });

  it('falls back to all pods and containers when the picked ones are gone', () => {
    expect(
      resolveSource({ pod: 'web-0', container: 'proxy', tailLines: 100 }, [
        pods[1],
      ]),
    ).toEqual({ pod: undefined, container: undefined, tailLines: 100 });
  });
});

describe('mixesSources', () => {
  it('is true only when lines from several containers interleave', () => {
    expect(mixesSources({ tailLines: 100 }, pods)).toBe(true);
    expect(mixesSources({ pod: 'web-1', tailLines: 100 }, pods)).toBe(true);
    expect(mixesSources({ pod: 'web-2', tailLines: 100 }, pods)).toBe(false);
    expect(mixesSources({ container: 'proxy', tailLines: 100 }, pods)).toBe(
      false,
    );
  });
});
