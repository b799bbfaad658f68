import { LogQuery, RuntimeActions } from '../actions/types';
import {
  ServerSentEvents,
  ServerSentEventsOptions,
} from '../runtime/ServerSentEvents';
import { streamLogs } from '../runtime/streamLogs';
import { deploymentTargetOf } from './componentRefOf';
import { RouteDeps, StagecraftApiRouter } from './RouteDeps';

/** What the runtime routes need besides the deployment actions. */
export interface RuntimeRouteDeps extends RouteDeps {
  runtime: RuntimeActions;
  /** The log stream's heartbeat; tests shorten it. */
  serverSentEvents?: ServerSentEventsOptions;
}

/** The query of a log stream, as strings: the validator checked them, Express did not convert them. */
interface RawLogQuery {
  pod?: string;
  container?: string;
  tailLines?: number | string;
  sinceSeconds?: number | string;
  follow?: boolean | string;
  timestamps?: boolean | string;
}

/** Defaults as the spec documents them: the last 100 lines, then follow, with timestamps. */
function logQueryOf(raw: RawLogQuery): LogQuery {
  const flag = (value: boolean | string | undefined) =>
    value === undefined ? true : String(value) === 'true';
  return {
    pod: raw.pod,
    container: raw.container,
    tailLines: raw.tailLines === undefined ? 100 : Number(raw.tailLines),
    sinceSeconds:
      raw.sinceSeconds === undefined ? undefined : Number(raw.sinceSeconds),
    follow: flag(raw.follow),
    timestamps: flag(raw.timestamps),
  };
}

/**
 * What a deployment runs (pods, events, usage), its live logs as server-sent events, the
 * manifests it renders to and links to observability tools; and everything deployed in one
 * environment.
 */
export function addRuntimeRoutes(
  router: StagecraftApiRouter,
  { actions, runtime, contextOf, serverSentEvents }: RuntimeRouteDeps,
) {
  router.get('/environments/:environment/deployments', async (req, res) => {
    const ctx = await contextOf(req);
    const items = await actions.listEnvironmentDeployments(
      req.params.environment,
      ctx,
    );
    res.json({ items });
  });

  router.get(
    '/components/:namespace/:name/deployments/:environment/runtime',
    async (req, res) => {
      const ctx = await contextOf(req);
      res.json(await runtime.getRuntime(deploymentTargetOf(req.params), ctx));
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/logs',
    async (req, res) => {
      const ctx = await contextOf(req);
      // Everything that can be refused is refused here, while the answer can still be JSON.
      const sources = await runtime.openLogs(
        deploymentTargetOf(req.params),
        logQueryOf(req.query),
        ctx,
      );
      const events = new ServerSentEvents(res, serverSentEvents);
      events.open();
      await streamLogs(sources, events);
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/manifests',
    async (req, res) => {
      const ctx = await contextOf(req);
      const yaml = await runtime.getManifests(
        deploymentTargetOf(req.params),
        ctx,
      );
      res.json({ yaml });
    },
  );

  router.get(
    '/components/:namespace/:name/deployments/:environment/links',
    async (req, res) => {
      const ctx = await contextOf(req);
      const items = await runtime.listLinks(
        deploymentTargetOf(req.params),
        ctx,
      );
      res.json({ items });
    },
  );
}
