import { useApi } from '@backstage/frontend-plugin-api';
import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stagecraftApiRef } from '../../api/StagecraftApi';

/**
 * A component's promotions waiting for approval. `add` shows one the user just requested
 * without waiting for the next read; what the backend says about it later wins.
 */
export function usePendingApprovals(componentRef: string) {
  const api = useApi(stagecraftApiRef);
  const read = useAsyncRetry(
    () => api.listApprovals(componentRef),
    [api, componentRef],
  );
  const [added, setAdded] = useState<ApprovalRequest[]>([]);
  const add = useCallback(
    (approval: ApprovalRequest) => setAdded(list => [...list, approval]),
    [],
  );
  const known = new Set(read.value?.map(a => a.id));
  const approvals = [
    ...(read.value ?? []),
    ...added.filter(a => !known.has(a.id)),
  ].filter(a => a.state === 'pending');
  return { approvals, error: read.error, refresh: read.retry, add };
}
