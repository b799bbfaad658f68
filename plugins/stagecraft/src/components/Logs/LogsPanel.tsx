import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { LoadingState } from '../shared/LoadingState';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import {
  LogSource,
  mixesSources,
  resolveSource,
  TAIL_LINES_CHOICES,
} from './logSource';
import { LogSourceSelect } from './LogSourceSelect';
import { LogStreamView } from './LogStreamView';

/** The Logs tab for one environment: which pods run there, and a stream of their logs. */
export function LogsPanel(props: {
  componentRef: string;
  environment: string;
}) {
  const { componentRef, environment } = props;
  const api = useApi(stagecraftApiRef);
  const runtime = useAsyncRetry(
    () => api.getRuntime(componentRef, environment),
    [api, componentRef, environment],
  );
  const [picked, setPicked] = useState<LogSource>({
    tailLines: TAIL_LINES_CHOICES[0],
  });
  const checkAgain = (
    <Button color="inherit" size="small" onClick={runtime.retry}>
      Check again
    </Button>
  );

  if (runtime.loading) {
    return <LoadingState label="Loading pods" />;
  }
  if (runtime.error) {
    return (
      <Alert severity="error" action={checkAgain}>
        Could not load the pods of this environment: {runtime.error.message}
      </Alert>
    );
  }
  const snapshot = runtime.value!;
  if (!snapshot.available) {
    return (
      <Alert severity="info">
        Logs are not available for this environment. {snapshot.reason}
      </Alert>
    );
  }
  if (snapshot.pods.length === 0) {
    return (
      <Alert severity="info" action={checkAgain}>
        No pods are running in this environment, so there are no logs to show.
      </Alert>
    );
  }
  const source = resolveSource(picked, snapshot.pods);
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
        <LogSourceSelect
          pods={snapshot.pods}
          value={source}
          onChange={setPicked}
        />
      </Stack>
      <LogStreamView
        // A new source is a new stream: remounting closes the old one and clears its buffer.
        key={`${source.pod}/${source.container}/${source.tailLines}`}
        componentRef={componentRef}
        environment={environment}
        options={source}
        showSource={mixesSources(source, snapshot.pods)}
      />
    </Stack>
  );
}
