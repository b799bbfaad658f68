import { useApi } from '@backstage/frontend-plugin-api';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { isConverging } from '../shared/syncStateLabel';

/** How often deployments are re-read while one of them is converging. */
export const DEPLOYMENT_POLL_INTERVAL_MS = 3000;

interface State {
  deployments?: DeploymentStatus[];
  error?: Error;
}

/**
 * A component's deployments, re-read every few seconds while any of them is pending,
 * progressing or drifted, so that a promotion can be watched converging. A failed re-read
 * keeps the deployments already shown, with the error beside them.
 */
export function usePolledDeployments(componentRef: string) {
  const api = useApi(stagecraftApiRef);
  const [state, setState] = useState<State>({});
  // Only the newest request may write: a slow poll must not overwrite a later refresh.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const deployments = await api.listDeployments(componentRef);
      if (request === latest.current) setState({ deployments });
    } catch (error) {
      if (request === latest.current)
        setState(s => ({ deployments: s.deployments, error: error as Error }));
    }
  }, [api, componentRef]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  useEffect(() => {
    if (!state.deployments?.some(d => isConverging(d.sync.state)))
      return undefined;
    const timer = setTimeout(refresh, DEPLOYMENT_POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [state, refresh]);

  return {
    deployments: state.deployments,
    error: state.error,
    loading: !state.deployments && !state.error,
    refresh,
  };
}
