import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
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
  if (d.replicas) facts.push(['Replicas', replicaWords(d.replicas)]);
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
          <span>{short(p.endpointRef, 'endpoint')}</span> (served by{' '}
          {short(p.providerRef, 'component')}, not deployed here yet)
        </Box>
      )),
    ]);
  const change = d.sync.lastChange;
  if (change)
    facts.push([
      'Last change',
      <>
        {change.summary}
        {change.at && (
          <>
            , <RelativeTime value={change.at} />
          </>
        )}
        {d.sync.lastSyncedAt && (
          <>
            {' '}
            (checked <RelativeTime value={d.sync.lastSyncedAt} />)
          </>
        )}
      </>,
    ]);
  facts.push([
    d.desiredState === 'undeployed' ? 'Undeployed' : 'Deployed',
    <>
      by {d.updatedBy}, <RelativeTime value={d.updatedAt} />
    </>,
  ]);
  return <FactList facts={facts} />;
}

/** "2 of 3 ready", and while a rollout is under way how far it got: "1 updated, 2 old still running". */
function replicaWords(r: NonNullable<DeploymentStatus['replicas']>): string {
  const rolling = [
    r.updated < r.desired && `${r.updated} updated`,
    Boolean(r.old) && `${r.old} old still running`,
  ].filter(Boolean);
  return `${r.ready} of ${r.desired} ready${
    rolling.length ? `; ${rolling.join(', ')}` : ''
  }`;
}

/** `fraud-grpc` for `endpoint:default/fraud-grpc`: the full ref is in the tooltip's message. */
function short(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
