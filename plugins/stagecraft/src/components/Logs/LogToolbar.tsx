import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';

/** The controls over how the log reads: pause, filter, timestamps and download. */
export function LogToolbar(props: {
  paused: boolean;
  /** Lines that arrived while paused. */
  newLines: number;
  onPauseChange(paused: boolean): void;
  filter: string;
  onFilterChange(filter: string): void;
  showTimestamps: boolean;
  onShowTimestampsChange(show: boolean): void;
  canDownload: boolean;
  onDownload(): void;
}) {
  return (
    <>
      {props.paused ? (
        <Button
          size="small"
          startIcon={<PlayArrowIcon />}
          onClick={() => props.onPauseChange(false)}
        >
          Resume
        </Button>
      ) : (
        <Button
          size="small"
          startIcon={<PauseIcon />}
          onClick={() => props.onPauseChange(true)}
        >
          Pause
        </Button>
      )}
      {props.paused && (
        <Typography variant="body2" role="status" aria-label="New lines">
          {props.newLines === 1 ? '1 new line' : `${props.newLines} new lines`}
        </Typography>
      )}
      <TextField
        size="small"
        label="Filter"
        placeholder="Only lines containing…"
        value={props.filter}
        onChange={e => props.onFilterChange(e.target.value)}
      />
      <FormControlLabel
        control={
          <Switch
            checked={props.showTimestamps}
            onChange={e => props.onShowTimestampsChange(e.target.checked)}
          />
        }
        label="Timestamps"
      />
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={!props.canDownload}
        onClick={props.onDownload}
      >
        Download
      </Button>
    </>
  );
}
