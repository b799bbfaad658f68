import { useApi } from '@backstage/frontend-plugin-api';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { isConverging } from '../shared/syncStateLabel';

/** How often deployments are re-read while one of them is converging. */
export const DEPLOYMENT_POLL_INTERVAL_MS = 3000;
/**
 * How often they are re-read while all are settled and the page is visible: a release can start
 * without this page (a catalog edit, another user, the CLI), and a settled page that stopped
 * reading would keep showing the previous release as Synced while the new one rolls out.
 */
export const SETTLED_POLL_INTERVAL_MS = 5000;

interface State {
  deployments?: DeploymentStatus[];
  error?: Error;
  /** How often what the deployments run (release, generation) changed after the first read. */
  changes: number;
}

/** What the deployments run: the history has a new record when this changes. */
const runningKey = (deployments: DeploymentStatus[]) =>
  deployments
    .map(d => `${d.environment}=${d.releaseId}/${d.generation}`)
    .join(' ');

/**
 * A component's deployments, re-read every few seconds while any of them is pending,
 * progressing or drifted, so that a promotion can be watched converging, and less often while
 * all are settled, so that a release made elsewhere shows up; a hidden page is not re-read
 * until it is shown again. A failed re-read keeps the deployments already shown, with the
 * error beside them.
 */
export function usePolledDeployments(componentRef: string) {
  const api = useApi(stagecraftApiRef);
  const [state, setState] = useState<State>({ changes: 0 });
  // Only the newest request may write: a slow poll must not overwrite a later refresh.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const deployments = await api.listDeployments(componentRef);
      if (request === latest.current)
        setState(s => ({
          deployments,
          changes:
            s.changes +
            (s.deployments &&
            runningKey(s.deployments) !== runningKey(deployments)
              ? 1
              : 0),
        }));
    } catch (error) {
      if (request === latest.current)
        setState(s => ({ ...s, error: error as Error }));
    }
  }, [api, componentRef]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  useEffect(() => {
    if (!state.deployments && !state.error) return undefined; // the first read is under way
    const converging = state.deployments?.some(d => isConverging(d.sync.state));
    const readIfVisible = () => {
      if (document.visibilityState !== 'hidden') refresh();
    };
    const timer = setTimeout(
      readIfVisible,
      converging ? DEPLOYMENT_POLL_INTERVAL_MS : SETTLED_POLL_INTERVAL_MS,
    );
    // Shown again after being hidden: read now rather than at the next tick.
    document.addEventListener('visibilitychange', readIfVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', readIfVisible);
    };
  }, [state, refresh]);

  return {
    deployments: state.deployments,
    error: state.error,
    /** Changes when a deployment starts running another release or generation. */
    releaseChanges: state.changes,
    loading: !state.deployments && !state.error,
    refresh,
  };
}
