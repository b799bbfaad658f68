import { DataPlaneTarget } from '@stagecraft/plugin-stagecraft-node';
import express from 'express';
import Router from 'express-promise-router';

/**
 * What the HTTP API says about a target: its name and type, never its credentials.
 */
export interface TargetSummary {
  name: string;
  type: DataPlaneTarget['type'];
}

export function createRouter(options: {
  targets: DataPlaneTarget[];
}): express.Router {
  const router = Router();
  router.use(express.json());

  router.get('/targets', (_req, res) => {
    const items: TargetSummary[] = options.targets.map(({ name, type }) => ({
      name,
      type,
    }));
    res.json({ items });
  });

  return router;
}
