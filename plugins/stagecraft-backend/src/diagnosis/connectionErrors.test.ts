import { failedConnections } from './connectionErrors';

const log = (...texts: string[]) => [
  {
    pod: 'api-1',
    container: 'main',
    lines: texts.map(text => ({ pod: 'api-1', container: 'main', text })),
  },
];

describe('failedConnections', () => {
  it('finds cluster-local services in connection errors', () => {
    expect(
      failedConnections(
        log(
          'Error: connect ECONNREFUSED orders-api.shop-dev.svc.cluster.local:8080',
          'dial tcp payments:9090: connect: connection refused',
          'GET /health 200',
        ),
      ).map(c => [c.service, c.port]),
    ).toEqual([
      ['orders-api', 8080],
      ['payments', 9090],
    ]);
  });

  it('leaves IP addresses, outside hosts and lines without an error alone', () => {
    expect(
      failedConnections(
        log(
          'connect ECONNREFUSED 10.0.0.12:5432',
          'getaddrinfo ENOTFOUND api.stripe.com:443',
          'listening on orders-api:8080',
        ),
      ),
    ).toEqual([]);
  });
});
