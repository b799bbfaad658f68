import { useApi } from '@backstage/frontend-plugin-api';
import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';

/** A component's deployment history as far as it has loaded. */
export interface DeploymentHistoryState {
  /** Newest first; kept while a refresh reloads it. */
  records?: HistoryRecord[];
  loading: boolean;
  error?: Error;
}

/**
 * The component's history, read once for the whole tab: the History view lists it, and the
 * rollback actions take from it the releases each environment ran before (the only ones the
 * backend lets a rollback return to). Re-read whenever `refreshKey` changes.
 */
export function useDeploymentHistory(
  componentRef: string,
  refreshKey: number,
): DeploymentHistoryState {
  const api = useApi(stagecraftApiRef);
  const { value, loading, error } = useAsync(
    () => api.listHistory(componentRef),
    [api, componentRef, refreshKey],
  );
  return { records: value, loading, error };
}
