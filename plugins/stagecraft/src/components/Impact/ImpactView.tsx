import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  CapacityRow,
  ComponentImpact,
} from '@stagecraft/plugin-stagecraft-common';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stagecraftApiRef } from '../../api/StagecraftApi';
import { LoadingState } from '../shared/LoadingState';
import { nameOf, pathText } from './pathText';

function Part(props: { title: string; children: ReactNode }) {
  return (
    <section aria-label={props.title}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>{props.children}</ul>
    </section>
  );
}

const requestsText = (row: CapacityRow) =>
  row.requests
    .map(r =>
      [r.cpu && `cpu ${r.cpu}`, r.memory && `memory ${r.memory}`]
        .filter(Boolean)
        .join(', '),
    )
    .filter(Boolean)
    .join(' + ') || 'no requests';

const capacityText = (row: CapacityRow) =>
  `${row.environment}: ${
    row.replicas !== undefined ? `${row.replicas} replicas` : 'replicas'
  }${
    row.bounds ? ` (bounds ${row.bounds.min}–${row.bounds.max})` : ''
  }, ${requestsText(row)} per pod${row.note ? ` — ${row.note}` : ''}`;

/** The analysis itself, once loaded. */
export function ImpactDetails(props: { impact: ComponentImpact }) {
  const i = props.impact;
  const name = nameOf(i.componentRef);
  const nothing =
    i.dependants.length === 0 &&
    i.unreadableDependants === 0 &&
    i.ifUndeployed.length === 0;
  if (nothing)
    return (
      <Typography variant="body2">
        Nothing depends on {name}, and it is not deployed: changing it breaks
        nothing.
      </Typography>
    );
  return (
    <Stack spacing={2}>
      <Part title="Dependants">
        {i.dependants.map(d => (
          <li key={d.componentRef}>
            {nameOf(d.componentRef)}{' '}
            {d.depth === 1 ? 'directly' : `through ${d.depth - 1} other`}, via{' '}
            {nameOf(d.via)};{' '}
            {d.deployedIn.length > 0
              ? `deployed in ${d.deployedIn.join(', ')}`
              : 'not deployed'}
            {d.crossProject && (
              <Chip size="small" label="other project" sx={{ ml: 1 }} />
            )}
          </li>
        ))}
        {i.dependants.length === 0 && <li>None.</li>}
        {i.unreadableDependants > 0 && (
          <li>{i.unreadableDependants} more you may not read.</li>
        )}
      </Part>
      <Part title={`If ${name} were undeployed`}>
        {i.ifUndeployed.map(u => (
          <li key={u.environment}>
            {u.environment}:{' '}
            {u.closes.length > 0
              ? `closes ${u.closes.map(pathText).join('; ')}`
              : 'no open path closes'}
            {u.unreadable > 0 && ` (and ${u.unreadable} you may not read)`}
          </li>
        ))}
        {i.ifUndeployed.length === 0 && <li>It is deployed nowhere.</li>}
      </Part>
      <Part title="If an endpoint were removed">
        {i.ifEndpointRemoved.map(e => (
          <li key={e.endpointRef}>
            {nameOf(e.endpointRef)}:{' '}
            {e.consumers.length > 0
              ? `${e.consumers
                  .map(nameOf)
                  .join(
                    ', ',
                  )} would depend on a missing endpoint and stop compiling`
              : 'no consumer'}
          </li>
        ))}
        {i.ifEndpointRemoved.length === 0 && (
          <li>{name} serves no endpoint.</li>
        )}
      </Part>
      {i.ifVisibilityNarrowed.length > 0 && (
        <Part title="If a visibility were narrowed">
          {i.ifVisibilityNarrowed.map(n => (
            <li key={`${n.endpointRef}-${n.to}`}>
              {nameOf(n.endpointRef)} {n.from} → {n.to}:{' '}
              {n.refusedConsumers.length > 0
                ? `refuses ${n.refusedConsumers.map(nameOf).join(', ')}`
                : 'refuses no consumer'}
            </li>
          ))}
        </Part>
      )}
      {i.capacity.length > 0 && (
        <Part title="Capacity">
          {i.capacity.map(row => (
            <li key={row.environment}>{capacityText(row)}</li>
          ))}
        </Part>
      )}
    </Stack>
  );
}

/** The Dependencies tab's Impact view: who depends on the component, what would break. */
export function ImpactView(props: { componentRef: string }) {
  const api = useApi(stagecraftApiRef);
  const impact = useAsync(
    async () => api.getImpact(props.componentRef),
    [api, props.componentRef],
  );
  return (
    <Stack spacing={1} component="section" aria-label="Impact" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2">
        Impact
      </Typography>
      {impact.loading && <LoadingState label="Analysing impact" />}
      {!impact.loading && (impact.error || !impact.value) && (
        <Alert severity="error">
          Could not analyse the impact: {impact.error?.message ?? 'no answer'}
        </Alert>
      )}
      {impact.value && <ImpactDetails impact={impact.value} />}
    </Stack>
  );
}
