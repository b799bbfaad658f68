import Link from '@mui/material/Link';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { ReactNode } from 'react';
import { BreakableText } from '../shared/BreakableText';
import { RelativeTime } from '../shared/RelativeTime';
import { shortReleaseId } from '../shared/shortReleaseId';
import { FactList } from './FactList';
import { PendingConnections } from './PendingConnections';

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
  if (d.image) facts.push(['Image', <BreakableText text={d.image} />]);
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
          <BreakableText text={url} />
        </Link>
      )),
    ]);
  if (d.pendingConnections.length)
    facts.push([
      'Waiting for',
      <PendingConnections connections={d.pendingConnections} />,
    ]);
  const change = d.sync.lastChange;
  if (change)
    facts.push([
      'Last change',
      <>
        {/* The status line above already says it when it is synced. */}
        {!d.sync.reason.includes(change.summary) && <>{change.summary}, </>}
        {change.at && <RelativeTime value={change.at} />}
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
