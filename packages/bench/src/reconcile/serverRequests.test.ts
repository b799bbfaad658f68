import { formatRequestsSince, requestTotalsByVerb } from './serverRequests';

const metrics = `# HELP apiserver_request_total [STABLE] Counter of apiserver requests
# TYPE apiserver_request_total counter
apiserver_request_total{code="201",component="apiserver",dry_run="",group="apps",resource="deployments",scope="resource",subresource="",verb="APPLY",version="v1"} 40
apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="resource",subresource="",verb="APPLY",version="v1"} 2
apiserver_request_total{code="200",component="apiserver",dry_run="All",group="",resource="configmaps",scope="resource",subresource="",verb="APPLY",version="v1"} 7
apiserver_request_total{code="200",component="",dry_run="",group="",resource="",scope="",subresource="/metrics",verb="GET",version=""} 3
apiserver_request_duration_seconds_count{verb="GET"} 99
`;

describe('requestTotalsByVerb', () => {
  it('sums the request counter by verb, dry runs apart, and nothing else', () => {
    expect(requestTotalsByVerb(metrics)).toEqual(
      new Map([
        ['APPLY', 42],
        ['APPLY (dry run)', 7],
        ['GET', 3],
      ]),
    );
  });
});

describe('formatRequestsSince', () => {
  it('reports only what was served in between, busiest verb first', () => {
    const before = new Map([
      ['APPLY', 42],
      ['GET', 3],
      ['LIST', 5],
    ]);
    const after = new Map([
      ['APPLY', 142],
      ['GET', 4],
      ['LIST', 5],
      ['WATCH', 2],
    ]);
    expect(formatRequestsSince(before, after)).toEqual({
      total: 103,
      text: '103 (APPLY 100, WATCH 2, GET 1)',
    });
  });
});
