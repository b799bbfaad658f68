import { KubeConfig } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { boundedMap } from '@stagecraft/plugin-stagecraft-backend/src/apply/boundedMap';
import { Agent, request, RequestOptions } from 'node:https';
import { serverSideApplyPath } from './applyPath';

/**
 * The least a client can do to server-side apply a rendered set: one forced apply PATCH per
 * object, nothing else — no compile, no database, no dry run, no GET, no discovery — `parallelism`
 * at a time over one keep-alive HTTPS agent. Stages in turn (the Namespaces must exist before
 * what lives in them is accepted); within a stage every object at once, in no kind order,
 * since the API server checks no reference between the namespaced kinds: the fastest order it
 * accepts. What it reaches, at its best parallelism, is about the most any client applying
 * one request per object can reach against this API server on this machine (on 2 cores, 4 in
 * flight beat 16 and more: parallel requests cost the API server CPU). Bodies are serialised and the connection's TLS material read
 * before the clock starts, as kubectl's YAML is written before its clock starts.
 */
export async function idealApply(o: {
  kubeConfig: KubeConfig;
  stages: Manifest[][];
  fieldManager: string;
  parallelism: number;
}): Promise<{ ms: number; requests: number }> {
  const server = o.kubeConfig.getCurrentCluster()?.server;
  if (!server?.startsWith('https:'))
    throw new Error(`the ideal client needs an https cluster, not ${server}`);
  // The kubeconfig's certificate files and token, read once: applyToHTTPSOptions fills in
  // ca/cert/key and the Authorization header (and builds a one-off agent, replaced here).
  const tls: RequestOptions = {};
  await o.kubeConfig.applyToHTTPSOptions(tls);
  (tls.agent as Agent | undefined)?.destroy();
  const agent = new Agent({
    keepAlive: true,
    // As many sockets as requests in flight: none waits in the agent's queue.
    maxSockets: o.parallelism,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    servername: tls.servername,
    rejectUnauthorized: tls.rejectUnauthorized,
  });
  const headers = {
    ...tls.headers,
    Accept: 'application/json',
    // JSON is YAML: the server parses an apply patch of either spelling the same way.
    'Content-Type': 'application/apply-patch+yaml',
  };
  const requests = o.stages.map(stage =>
    stage.map(object => ({
      url: new URL(server + serverSideApplyPath(object, o.fieldManager)),
      body: JSON.stringify(object),
    })),
  );
  try {
    const started = performance.now();
    for (const stage of requests)
      await boundedMap(stage, o.parallelism, r =>
        patch(r.url, r.body, agent, headers),
      );
    return {
      ms: performance.now() - started,
      requests: requests.reduce((n, stage) => n + stage.length, 0),
    };
  } finally {
    agent.destroy();
  }
}

/** One PATCH; resolves once its answer is read (drained: the client has no use for it). */
function patch(
  url: URL,
  body: string,
  agent: Agent,
  headers: RequestOptions['headers'],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PATCH', agent, headers }, res => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        res.resume().on('end', resolve).on('error', reject);
        return;
      }
      const chunks: Buffer[] = [];
      res
        .on('data', chunk => chunks.push(chunk))
        .on('end', () =>
          reject(
            new Error(
              `apply ${url.pathname} answered ${status}: ${Buffer.concat(
                chunks,
              )}`,
            ),
          ),
        )
        .on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
