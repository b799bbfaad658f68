import { describeUnreadableCluster } from './unreadableCluster';

describe('describeUnreadableCluster', () => {
  it('calls a transport failure an unreachable cluster, with Node’s own reason', () => {
    const error = Object.assign(
      new Error(
        'request to https://127.0.0.1:41037/apis/apps/v1 failed, reason: connect ECONNREFUSED 127.0.0.1:41037',
      ),
      { code: 'ECONNREFUSED' },
    );
    expect(describeUnreadableCluster('production', error)).toBe(
      'cluster production unreachable: connect ECONNREFUSED 127.0.0.1:41037',
    );
  });

  it('finds the transport code on the cause of a wrapping error', () => {
    const error = new Error('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), {
        code: 'ECONNRESET',
      }),
    });
    expect(describeUnreadableCluster('edge', error)).toBe(
      'cluster edge unreachable: fetch failed',
    );
  });

  it('says the cluster answered but did not report, for an API error', () => {
    expect(
      describeUnreadableCluster('production', new Error('HTTP-Code: 500')),
    ).toBe('cluster production did not report the live state: HTTP-Code: 500');
    expect(describeUnreadableCluster('production', 'boom')).toBe(
      'cluster production did not report the live state: boom',
    );
  });
});

describe('describeUnreadableCluster, as everyone with read access sees it', () => {
  it('quotes no credentials, query strings or response headers of the error', () => {
    const reason = describeUnreadableCluster(
      'production',
      new Error(
        'request to https://ops:pw@10.0.0.1/api?token=t0k failed: Authorization: Bearer abc.def Headers: {"set-cookie":"sid=1"}',
      ),
    );
    expect(reason).toBe(
      'cluster production did not report the live state: request to https://***@10.0.0.1/api?*** failed: Authorization: Bearer ***',
    );
  });
});
