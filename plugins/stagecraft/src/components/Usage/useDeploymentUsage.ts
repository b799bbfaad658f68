import { useApi } from '@backstage/frontend-plugin-api';
import type { DeploymentUsage } from '@stagecraft/plugin-stagecraft-common';
import { useCallback } from 'react';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { Polled, usePolling } from '../Runtime/usePolling';

/** A deployment's usage now, polled every `intervalMs`: what the usage views render. */
export function useDeploymentUsage(
  componentRef: string,
  environment: string,
  intervalMs: number,
): Polled<DeploymentUsage> {
  const api = useApi(stagecraftApiRef);
  return usePolling(
    useCallback(
      () => api.getUsage(componentRef, environment),
      [api, componentRef, environment],
    ),
    intervalMs,
  );
}
