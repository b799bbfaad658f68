import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { ReactNode } from 'react';
import { RelativeTime } from '../shared/RelativeTime';
import { shortReleaseId } from '../shared/shortReleaseId';
import { FactList } from './FactList';

/** What runs in one environment: release, image, replicas, URLs, who put it there. */
export function DeploymentFacts(props: { deployment: DeploymentStatus }) {
  const d = props.deployment;
  const facts: [string, ReactNode][] = [
    [
      'Release',
      <span title={d.releaseId} style={{ fontFamily: 'monospace' }}>
        {shortReleaseId(d.releaseId)}
      </span>,
    ],
  ];
  if (d.image) facts.push(['Image', d.image]);
  if (d.replicas)
    facts.push([
      'Replicas',
      `${d.replicas.ready} of ${d.replicas.desired} ready`,
    ]);
  if (d.urls.length)
    facts.push([
      d.urls.length === 1 ? 'URL' : 'URLs',
      d.urls.map(url => (
        <Link
          key={url}
          href={url}
          target="_blank"
          rel="noopener"
          display="block"
        >
          {url}
        </Link>
      )),
    ]);
  if (d.pendingConnections.length)
    facts.push([
      'Waiting for',
      d.pendingConnections.map(p => (
        <Box key={p.endpointRef} title={p.message}>
          <span>{p.endpointRef}</span> (served by {p.providerRef}, not deployed
          here yet)
        </Box>
      )),
    ]);
  facts.push([
    d.desiredState === 'undeployed' ? 'Undeployed' : 'Deployed',
    <>
      by {d.updatedBy}, <RelativeTime value={d.updatedAt} />
    </>,
  ]);
  return <FactList facts={facts} />;
}
