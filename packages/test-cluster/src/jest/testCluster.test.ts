import { describeWithCluster, TEST_CLUSTER_ENV } from './testCluster';

describe('describeWithCluster', () => {
  const saved = { ci: process.env.CI, handle: process.env[TEST_CLUSTER_ENV] };
  afterEach(() => {
    for (const [key, value] of [
      ['CI', saved.ci],
      [TEST_CLUSTER_ENV, saved.handle],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });

  it('fails, never skips, in CI when the cluster is unavailable', () => {
    process.env.CI = 'true';
    process.env[TEST_CLUSTER_ENV] = 'unavailable';
    const body = jest.fn();
    expect(() => describeWithCluster('needs a cluster', body)).toThrow(
      '"needs a cluster" needs the test cluster, which is unavailable; with CI=true integration tests fail rather than skip',
    );
    expect(body).not.toHaveBeenCalled();
  });
});
