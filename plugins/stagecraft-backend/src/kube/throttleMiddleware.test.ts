import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { RateLimiter } from './RateLimiter';
import { RequestCounter } from './RequestCounter';
import { throttleMiddleware } from './throttleMiddleware';

describe('throttleMiddleware', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const request = (method: HttpMethod, path: string) =>
    new RequestContext(`https://127.0.0.1:6443${path}`, method);

  it('holds each request until the limiter grants it, and counts it when it goes', async () => {
    const counter = new RequestCounter();
    const middleware = throttleMiddleware({
      limiter: new RateLimiter({ qps: 1, burst: 1 }),
      counter,
    });
    const sent: string[] = [];
    for (const method of [HttpMethod.GET, HttpMethod.PATCH]) {
      const context = request(method, '/api/v1/namespaces/shop/configmaps/env');
      void middleware.pre(context).then(c => sent.push(c.getHttpMethod()));
    }
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['GET']);
    expect(counter.counts()).toEqual({ get: 1 });

    await jest.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['GET', 'PATCH']);
    expect(counter.counts()).toEqual({ get: 1, patch: 1 });
  });

  it('passes requests and responses through unchanged without a limiter or counter', async () => {
    const middleware = throttleMiddleware({});
    const context = request(HttpMethod.DELETE, '/api/v1/namespaces/shop');
    await expect(middleware.pre(context)).resolves.toBe(context);
  });
});
