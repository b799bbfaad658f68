import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { StatusIcon } from '../shared/StatusIcon';
import {
  describeUsage,
  formatResource,
  meterScale,
  Resource,
  usageLevel,
} from './usageLevel';

/**
 * One resource of a pod now: a bar filled to its usage, a tick at its request, its end at the
 * limit; and the same in words (`120m · req 250m · lim 500m`) with a state word and icon, so
 * colour is never the only signal.
 */
export function ResourceMeter(props: {
  resource: Resource;
  label: string;
  used?: number;
  request?: number;
  limit?: number;
}) {
  const { resource, used, request, limit } = props;
  const level = usageLevel(used, request, limit);
  const scale = meterScale(used, request, limit);
  const format = (v: number) => formatResource(resource, v);
  const share = (v: number) => `${Math.min(100, (v / (scale ?? 1)) * 100)}%`;
  const fill = {
    success: 'success.main',
    warning: 'warning.main',
    error: 'error.main',
    info: 'info.main',
    default: 'text.disabled',
  }[level.tone];
  return (
    <Box sx={{ minWidth: 180 }}>
      {scale !== undefined && used !== undefined && (
        <Box
          role="meter"
          aria-label={props.label}
          aria-valuemin={0}
          aria-valuemax={scale}
          aria-valuenow={used}
          aria-valuetext={`${describeUsage(resource, used, request, limit)}: ${
            level.words
          }`}
          sx={{
            position: 'relative',
            height: 8,
            borderRadius: 1,
            bgcolor: 'action.hover',
            border: 1,
            borderColor: 'divider',
            mb: 0.5,
          }}
        >
          <Box
            sx={{
              position: 'absolute',
              inset: 0,
              width: share(used),
              bgcolor: fill,
              borderRadius: 1,
            }}
          />
          {request !== undefined && request > 0 && (
            <Box
              aria-hidden
              sx={{
                position: 'absolute',
                top: -3,
                bottom: -3,
                left: share(request),
                width: 2,
                bgcolor: 'text.primary',
              }}
            />
          )}
        </Box>
      )}
      <Typography
        variant="body2"
        component="div"
        sx={{
          display: 'flex',
          gap: 0.5,
          alignItems: 'center',
          flexWrap: 'wrap',
        }}
      >
        <strong>{used === undefined ? '—' : format(used)}</strong>
        <Typography component="span" variant="body2" color="text.secondary">
          · req {request ? format(request) : 'none'} · lim{' '}
          {limit ? format(limit) : 'none'}
        </Typography>
      </Typography>
      <Typography
        variant="caption"
        component="div"
        color="text.secondary"
        sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}
      >
        <StatusIcon tone={level.tone} />
        {level.words}
      </Typography>
    </Box>
  );
}
