import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { LoadingState } from '../shared/LoadingState';
import { pathText, promotionSummary } from './pathText';

/**
 * In the promote confirmation dialog: which paths the promotion would open and close in the
 * next stage, computed by the backend from the plans before and after (nothing is deployed).
 * A closing path is a warning; a preview that cannot be computed never blocks promoting.
 */
export function PromotionPreviewView(props: {
  componentRef: string;
  from: string;
}) {
  const api = useApi(stagecraftApiRef);
  const { componentRef, from } = props;
  const preview = useAsync(
    async () => api.previewPromotion(componentRef, from),
    [api, componentRef, from],
  );
  if (preview.loading)
    return <LoadingState label="Previewing the paths this promotion changes" />;
  if (preview.error || !preview.value)
    return (
      <Alert severity="info">
        Could not preview the paths this promotion changes:{' '}
        {preview.error?.message ?? 'no answer'}
      </Alert>
    );
  const { opens, closes } = promotionSummary(preview.value);
  const hidden =
    preview.value.changes.unreadable + preview.value.connections.unreadable;
  return (
    <Stack spacing={1} aria-label="Promotion preview">
      {closes.length > 0 && (
        <Alert severity="warning">
          closes:{' '}
          {closes
            .map(
              c =>
                `${pathText(c.path)}${
                  c.alreadyClosed
                    ? ' (the release drops it; its policy already closed with the catalog change)'
                    : ''
                }`,
            )
            .join('; ')}
        </Alert>
      )}
      {opens.length > 0 && (
        <Typography variant="body2">
          opens: {opens.map(pathText).join('; ')}
        </Typography>
      )}
      {opens.length === 0 && closes.length === 0 && (
        <Typography variant="body2">
          No path opens or closes in {preview.value.to}.
        </Typography>
      )}
      {hidden > 0 && (
        <Typography variant="caption" color="text.secondary">
          {hidden} more changed{' '}
          {hidden === 1 ? 'path involves' : 'paths involve'} components you may
          not read.
        </Typography>
      )}
    </Stack>
  );
}
