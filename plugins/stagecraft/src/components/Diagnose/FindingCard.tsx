import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type {
  Finding,
  FindingEvidence,
} from '@stagecraft/plugin-stagecraft-common';
import { readableChip } from '../shared/chipContrast';
import { RollbackStep } from './RollbackStep';

const SEVERITY_COLOUR = {
  critical: 'error',
  warning: 'warning',
  info: 'info',
} as const;

const KIND_LABEL: Record<FindingEvidence['kind'], string> = {
  log: 'Log',
  event: 'Event',
  status: 'Status',
  history: 'History',
  usage: 'Usage',
};

/** Where and when a piece of evidence was recorded: pod/container · time. */
function origin(evidence: FindingEvidence): string {
  const where = [evidence.pod, evidence.container].filter(Boolean).join('/');
  const when = evidence.at ? new Date(evidence.at).toLocaleString() : '';
  return [where, when].filter(Boolean).join(' · ');
}

/** One finding: severity, summary, the quoted evidence and the next step. */
export function FindingCard(props: {
  finding: Finding;
  componentRef: string;
  environment: string;
  onActed(): void;
}) {
  const { finding } = props;
  return (
    <Paper
      component="article"
      variant="outlined"
      aria-label={finding.summary}
      sx={{ p: 2 }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}>
        {/* Outlined, its label in the text colour: a filled error chip's white on red is
            3.7:1 in the dark theme, under AA's 4.5:1 (axe, diagnose.e2e.test.ts). */}
        <Chip
          size="small"
          variant="outlined"
          color={SEVERITY_COLOUR[finding.severity]}
          sx={readableChip(SEVERITY_COLOUR[finding.severity], 'outlined')}
          label={finding.severity}
        />
        <Typography variant="subtitle1" component="h4">
          {finding.summary}
        </Typography>
      </Box>
      <Box component="ul" aria-label="Evidence" sx={{ pl: 2, my: 1 }}>
        {finding.evidence.map((evidence, i) => (
          <li key={i}>
            <Typography variant="caption" color="text.secondary">
              {KIND_LABEL[evidence.kind]}
              {origin(evidence) && ` · ${origin(evidence)}`}
            </Typography>
            <Typography
              variant="body2"
              component="q"
              sx={{
                display: 'block',
                fontFamily: evidence.kind === 'log' ? 'monospace' : undefined,
                overflowWrap: 'anywhere',
              }}
            >
              {evidence.text}
            </Typography>
          </li>
        ))}
      </Box>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        Next step: {finding.nextStep.text}
      </Typography>
      {finding.nextStep.action?.name === 'rollback' && (
        <RollbackStep
          componentRef={props.componentRef}
          environment={props.environment}
          releaseId={finding.nextStep.action.input.releaseId}
          onDone={props.onActed}
        />
      )}
    </Paper>
  );
}
