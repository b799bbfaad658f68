import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { LoadingState } from '../../shared/LoadingState';
import { RelativeTime } from '../../shared/RelativeTime';
import { shortReleaseId } from '../../shared/shortReleaseId';

/** Props of {@link ReleasePicker}. */
export interface ReleasePickerProps {
  componentRef: string;
  /** The release deployed now; shown, but not selectable. */
  currentReleaseId: string;
  value?: string;
  onChange(releaseId: string): void;
}

/** The component's releases, newest first, to choose one to roll back to. */
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
  if (error)
    return (
      <Alert severity="error">Could not load releases: {error.message}</Alert>
    );
  if (!releases?.some(r => r.id !== props.currentReleaseId))
    return (
      <Alert severity="info">There is no other release to roll back to.</Alert>
    );
  return (
    <RadioGroup
      aria-label="Release to roll back to"
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
    >
      {releases.map(release => {
        const current = release.id === props.currentReleaseId;
        const image = release.snapshot.image;
        return (
          <FormControlLabel
            key={release.id}
            value={release.id}
            disabled={current}
            control={<Radio />}
            label={
              <>
                <Typography component="span" sx={{ fontFamily: 'monospace' }}>
                  {shortReleaseId(release.id)}
                </Typography>
                {current && ' (deployed now)'}
                {typeof image === 'string' && (
                  <Typography variant="body2" color="text.secondary">
                    {image}
                  </Typography>
                )}
                <Typography variant="body2" color="text.secondary">
                  created <RelativeTime value={release.createdAt} /> by{' '}
                  {release.createdBy}
                </Typography>
              </>
            }
          />
        );
      })}
    </RadioGroup>
  );
}
