import { podUsage } from './PodMetrics';

describe('podUsage', () => {
  it('sums containers in millicores and bytes, whatever the quantity spelling', () => {
    expect(
      podUsage({
        metadata: { name: 'api-1' },
        containers: [
          { usage: { cpu: '12345678n', memory: '64Mi' } },
          { usage: { cpu: '250m', memory: '1048576' } },
          { usage: { cpu: '1' } },
        ],
      }),
    ).toEqual({ cpuMillicores: 1262, memoryBytes: 68157440 });
  });

  it('counts an unreadable quantity as zero', () => {
    expect(
      podUsage({ containers: [{ usage: { cpu: 'lots', memory: '' } }] }),
    ).toEqual({ cpuMillicores: 0, memoryBytes: 0 });
  });
});
