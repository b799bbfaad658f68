import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  DeploymentStatus,
  ReleaseSummary,
} from '@stagecraft/plugin-stagecraft-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../../api/StagecraftApi';
import { LoadingState } from '../../shared/LoadingState';
import { shortReleaseId } from '../../shared/shortReleaseId';
import { diffFields, releaseFields } from './releaseFields';
import { contentSizedTable } from '../../shared/tableLayout';

/** Compares what two environments' releases specify, field by field. */
export function ReleaseDiff(props: {
  componentRef: string;
  deployments: DeploymentStatus[];
}) {
  if (props.deployments.length < 2)
    return (
      <Alert severity="info">
        Comparing needs deployments in two environments.
      </Alert>
    );
  return <ReleaseComparison {...props} />;
}

function ReleaseComparison(props: {
  componentRef: string;
  deployments: DeploymentStatus[];
}) {
  const api = useApi(stagecraftApiRef);
  const environments = props.deployments.map(d => d.environment);
  const [left, setLeft] = useState(environments[0]);
  const [right, setRight] = useState(environments[1]);
  const releases = useAsync(
    () => api.listReleases(props.componentRef),
    [api, props.componentRef],
  );
  const leftDeployment = props.deployments.find(d => d.environment === left);
  const rightDeployment = props.deployments.find(d => d.environment === right);

  const picker = (
    label: string,
    value: string,
    onChange: (v: string) => void,
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      sx={{ minWidth: 180 }}
    >
      {environments.map(env => (
        <MenuItem key={env} value={env}>
          {env}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }}>
        {picker('Compare', left, setLeft)}
        <Typography>with</Typography>
        {picker('With', right, setRight)}
      </Box>
      {releases.loading && <LoadingState label="Loading releases" />}
      {releases.error && (
        <Alert severity="error">
          Could not load releases: {releases.error.message}
        </Alert>
      )}
      {releases.value && leftDeployment && rightDeployment && (
        <DiffTable
          releases={releases.value}
          left={leftDeployment}
          right={rightDeployment}
        />
      )}
    </>
  );
}

function DiffTable(props: {
  releases: ReleaseSummary[];
  left: DeploymentStatus;
  right: DeploymentStatus;
}) {
  const { left, right } = props;
  const release = (d: DeploymentStatus) =>
    props.releases.find(r => r.id === d.releaseId);
  const [leftRelease, rightRelease] = [release(left), release(right)];
  if (!leftRelease || !rightRelease)
    return (
      <Alert severity="warning">
        The release of {leftRelease ? right.environment : left.environment} is
        not among the component's releases.
      </Alert>
    );
  const leftFields = releaseFields(leftRelease.snapshot, left.environment);
  const rightFields = releaseFields(rightRelease.snapshot, right.environment);
  const differences = diffFields(leftFields, rightFields);
  const sameRelease = left.releaseId === right.releaseId;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {sameRelease
          ? `Both run release ${shortReleaseId(left.releaseId)}`
          : `${left.environment} runs release ${shortReleaseId(
              left.releaseId,
            )}, ${right.environment} runs ${shortReleaseId(right.releaseId)}`}
        ; values are what each release specifies for its environment.
      </Typography>
      {differences.length === 0 ? (
        <Alert severity="success">
          No differences in image, replicas, environment variables, resources or
          traits.
        </Alert>
      ) : (
        <Table
          size="small"
          sx={contentSizedTable}
          aria-label="Differences between the environments"
        >
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>{left.environment}</TableCell>
              <TableCell>{right.environment}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {differences.map(d => (
              <TableRow key={d.field}>
                <TableCell component="th" scope="row">
                  {d.field}
                </TableCell>
                <TableCell>{d.left ?? '—'}</TableCell>
                <TableCell>{d.right ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
