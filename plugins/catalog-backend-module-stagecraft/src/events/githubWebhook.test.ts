import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  EventParams,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';

/*
 * The webhook path docs/events.md configures for GitHub-hosted catalogs: GitHub POSTs a push to
 * /api/events/http/github, the GitHub events module checks its HMAC-SHA256 signature against
 * events.modules.github.webhookSecret, and the event reaches the `github.push` topic, which
 * the catalog's GitHub entity provider (@backstage/plugin-catalog-backend-module-github)
 * subscribes to and answers by refreshing the entities of the changed catalog files. That last
 * hop needs a GitHub organisation, so it is not run here; everything up to it is real.
 */

/**
 * The module's two features, loaded as the backend loads them. Its default export loads them
 * with a dynamic import(), which Jest cannot run without --experimental-vm-modules, so the
 * test requires the same files directly.
 */
const githubModuleDir = dirname(
  require.resolve(
    '@backstage/plugin-events-backend-module-github/package.json',
  ),
);
const githubModule = (file: string) =>
  require(join(githubModuleDir, 'dist', 'service', file)).default;

const SECRET = 'test-webhook-secret';
const push = {
  ref: 'refs/heads/main',
  repository: {
    name: 'checkout-api',
    full_name: 'acme/checkout-api',
    default_branch: 'main',
    html_url: 'https://github.com/acme/checkout-api',
    organization: 'acme',
  },
  commits: [
    {
      id: 'c0ffee',
      added: [],
      removed: [],
      modified: ['catalog-info.yaml'],
    },
  ],
};
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function startEventsBackend() {
  const received: EventParams[] = [];
  const probe = createBackendPlugin({
    pluginId: 'pushprobe',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'probe',
            topics: ['github.push'],
            onEvent: async event => void received.push(event),
          });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      eventsServiceFactory,
      eventsPlugin,
      githubModule('eventsModuleGithubWebhook.cjs.js'),
      githubModule('eventsModuleGithubEventRouter.cjs.js'),
      probe,
      mockServices.rootConfig.factory({
        data: {
          events: {
            useEventBus: 'never',
            modules: { github: { webhookSecret: SECRET } },
          },
        },
      }),
    ],
  });
  const port = (backend.server as unknown as { port(): number }).port();
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/api/events/http/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        ...headers,
      },
      body,
    });
  /** Resolves once `n` events arrived (bounded by the test's timeout, not by a sleep). */
  const untilReceived = async (n: number) => {
    while (received.length < n) await new Promise(r => setTimeout(r, 5));
  };
  return { backend, received, post, untilReceived };
}

describe('GitHub push webhooks', () => {
  let b: Awaited<ReturnType<typeof startEventsBackend>>;
  beforeAll(async () => {
    b = await startEventsBackend();
  });
  afterAll(() => b?.backend.stop());
  beforeEach(() => b.received.splice(0));

  it('publish a correctly signed push on github.push, with its payload', async () => {
    const body = JSON.stringify(push);
    const res = await b.post(body, { 'x-hub-signature-256': sign(body) });
    expect(res.status).toBe(202);
    await b.untilReceived(1);
    expect(b.received).toEqual([
      expect.objectContaining({
        topic: 'github.push',
        eventPayload: push,
        metadata: expect.objectContaining({ 'x-github-event': 'push' }),
      }),
    ]);
  });

  it('refuse a push without a signature, with another secret or with an altered body', async () => {
    const body = JSON.stringify(push);
    const altered = JSON.stringify({ ...push, ref: 'refs/heads/attacker' });
    const attempts: [string, Record<string, string>][] = [
      [body, {}],
      [body, { 'x-hub-signature-256': sign(body, 'guessed-secret') }],
      [altered, { 'x-hub-signature-256': sign(body) }],
    ];
    for (const [sent, headers] of attempts) {
      const res = await b.post(sent, headers);
      expect(res.status).toBe(403);
    }
    // A signed push after them: once it arrives, any refused one would have arrived before it.
    const marker = JSON.stringify({ ...push, ref: 'refs/heads/marker' });
    const res = await b.post(marker, { 'x-hub-signature-256': sign(marker) });
    expect(res.status).toBe(202);
    await b.untilReceived(1);
    expect(b.received.map(e => (e.eventPayload as typeof push).ref)).toEqual([
      'refs/heads/marker',
    ]);
  });
});
