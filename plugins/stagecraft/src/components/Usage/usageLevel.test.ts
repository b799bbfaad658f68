import { describeUsage, meterScale, usageLevel } from './usageLevel';
import { deploymentUsage, pod } from './__testUtils__/observabilityFixtures';
import { resourceReferences } from './resourceReferences';

describe('usageLevel', () => {
  it.each([
    [undefined, 250, 500, 'default', 'no sample'],
    [500, 250, 500, 'error', 'at limit'],
    [450, 250, 500, 'warning', 'near limit'],
    [449, 250, 500, 'warning', 'above request'],
    [250, 250, 500, 'success', 'within request'],
    [800, undefined, 1000, 'success', 'below limit'],
    [120, undefined, undefined, 'default', 'no request or limit'],
  ] as const)(
    'reads %s used against request %s and limit %s as %s (%s)',
    (used, request, limit, tone, words) => {
      expect(usageLevel(used, request, limit)).toEqual({ tone, words });
    },
  );
});

describe('meterScale', () => {
  it('ends at the limit, or past it when usage went over', () => {
    expect(meterScale(120, 250, 500)).toBe(500);
    expect(meterScale(600, 250, 500)).toBe(600);
  });

  it('leaves room above usage and request when nothing caps them', () => {
    expect(meterScale(100, 200, undefined)).toBe(250);
    expect(meterScale(undefined, undefined, undefined)).toBeUndefined();
  });
});

describe('describeUsage', () => {
  it('says each figure, and which are not set', () => {
    expect(
      describeUsage('memory', 64 * 1024 * 1024, undefined, undefined),
    ).toBe('64 MiB used, no request, no limit');
  });
});

describe('resourceReferences', () => {
  it('draws each distinct per-pod request and limit once', () => {
    const usage = deploymentUsage();
    usage.pods.push({
      ...pod('checkout-api-7a1c-c'),
      requests: { cpuMillicores: 300 },
      limits: {},
    });
    expect(resourceReferences(usage).cpu).toEqual([
      { kind: 'request', value: 250, label: 'request 250m' },
      { kind: 'limit', value: 500, label: 'limit 500m' },
      { kind: 'request', value: 300, label: 'request 300m' },
    ]);
    expect(resourceReferences(usage).memory.map(r => r.label)).toEqual([
      'request 128 MiB',
      'limit 256 MiB',
    ]);
  });

  it('draws nothing before usage has loaded', () => {
    expect(resourceReferences(undefined)).toEqual({ cpu: [], memory: [] });
  });
});
