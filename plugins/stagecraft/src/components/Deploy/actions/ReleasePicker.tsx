import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type {
  ReleaseSummary,
  RollbackTarget,
} from '@stagecraft/plugin-stagecraft-common';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { LoadingState } from '../../shared/LoadingState';
import { RelativeTime } from '../../shared/RelativeTime';
import { shortReleaseId } from '../../shared/shortReleaseId';

/** Props of {@link ReleasePicker}. */
export interface ReleasePickerProps {
  componentRef: string;
  environment: string;
  /** The release deployed now; shown, but not selectable. */
  currentReleaseId: string;
  /** The releases a rollback may return to (see rollbackTargets), most recently run first. */
  targets: RollbackTarget[];
  value?: string;
  onChange(releaseId: string): void;
}

/**
 * The releases a rollback may return to, with what each release pins (from the component's
 * releases); nothing else is offered, since the backend would refuse it.
 */
export function ReleasePicker(props: ReleasePickerProps) {
  const api = useApi(stagecraftApiRef);
  const {
    value: releases,
    loading,
    error,
  } = useAsync(
    () => api.listReleases(props.componentRef),
    [api, props.componentRef],
  );
  if (loading) return <LoadingState label="Loading releases" />;
  const byId = new Map(releases?.map(r => [r.id, r]));
  const option = (releaseId: string, ranHere?: string) => (
    <FormControlLabel
      key={releaseId}
      value={releaseId}
      disabled={!ranHere}
      control={<Radio />}
      label={
        <ReleaseLabel
          releaseId={releaseId}
          release={byId.get(releaseId)}
          environment={props.environment}
          ranHere={ranHere}
        />
      }
    />
  );
  return (
    <>
      {error && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          Could not load the releases' details: {error.message}
        </Alert>
      )}
      <RadioGroup
        aria-label="Release to roll back to"
        value={props.value ?? ''}
        onChange={e => props.onChange(e.target.value)}
      >
        {option(props.currentReleaseId)}
        {props.targets.map(t => option(t.releaseId, t.lastRanAt))}
      </RadioGroup>
    </>
  );
}

/** A release's id, image and origin; `ranHere` is absent for the one deployed now. */
function ReleaseLabel(props: {
  releaseId: string;
  release?: ReleaseSummary;
  environment: string;
  ranHere?: string;
}) {
  const image = props.release?.snapshot.image;
  return (
    <>
      <Typography component="span" sx={{ fontFamily: 'monospace' }}>
        {shortReleaseId(props.releaseId)}
      </Typography>
      {props.ranHere ? (
        <>
          {' '}
          (ran in {props.environment} <RelativeTime value={props.ranHere} />)
        </>
      ) : (
        ' (deployed now)'
      )}
      {typeof image === 'string' && (
        <Typography variant="body2" color="text.secondary">
          {image}
        </Typography>
      )}
      {props.release && (
        <Typography variant="body2" color="text.secondary">
          created <RelativeTime value={props.release.createdAt} /> by{' '}
          {props.release.createdBy}
        </Typography>
      )}
    </>
  );
}
