import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CostReport } from '@stagecraft/plugin-stagecraft-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatAmounts, formatMoney } from './formatMoney';

/** Rows shown before "and N more"; the agent action and REST route have them all. */
const MAX_ROWS = 12;

/** Cost per component × environment, most expensive first. */
export function CostBreakdown(props: {
  report: CostReport;
  currency: string;
  showComponent: boolean;
  showEnvironment: boolean;
}) {
  const { report, currency, showComponent, showEnvironment } = props;
  const rows = report.items.slice(0, MAX_ROWS);
  return (
    <>
      <Table size="small" aria-label="Cost breakdown">
        <TableHead>
          <TableRow>
            {showComponent && <TableCell>Component</TableCell>}
            {showEnvironment && <TableCell>Environment</TableCell>}
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              Pods
            </TableCell>
            <TableCell>Priced on</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              Per month
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(line => (
            <TableRow key={`${line.componentRef} ${line.environment}`}>
              {showComponent && (
                <TableCell>
                  <EntityRefLink entityRef={line.componentRef} />
                </TableCell>
              )}
              {showEnvironment && <TableCell>{line.environment}</TableCell>}
              <TableCell align="right">{line.podCount}</TableCell>
              <TableCell>
                {formatAmounts(line.billed)}
                <Typography
                  variant="caption"
                  display="block"
                  color="text.secondary"
                >
                  {basisText(line)}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {formatMoney(line.monthly, currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.items.length > rows.length && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          and {report.items.length - rows.length} more, together{' '}
          {formatMoney(
            sumOf(report.items.slice(MAX_ROWS).map(i => i.monthly.micros)),
            currency,
          )}{' '}
          per month
        </Typography>
      )}
    </>
  );
}

/** A sum of exact micros as Money (integers, so exact). */
function sumOf(micros: number[]) {
  const total = micros.reduce((a, b) => a + b, 0);
  return { micros: total, amount: (total / 1e6).toFixed(6) };
}

/** What a line's price rests on, in words. */
function basisText(line: CostReport['items'][number]): string {
  if (line.requestsFrom === 'manifests')
    return "the release's requests × replicas (no pods to read)";
  return line.basis === 'requests-only'
    ? 'requests (no usage observed)'
    : 'larger of requests and usage';
}
