import type { RuntimeSnapshot } from '@stagecraft/plugin-stagecraft-common';
import Alert from '@mui/material/Alert';
import { LoadingState } from '../shared/LoadingState';
import { EventsTable } from './EventsTable';
import { PodsTable } from './PodsTable';
import { Section } from './Section';
import { UsageSummary } from './UsageSummary';
import { Polled } from './usePolling';

/** Pods, events and usage of one deployment, with its loading, error and unavailable states. */
export function RuntimeSnapshotView(props: {
  runtime: Polled<RuntimeSnapshot>;
}) {
  const { runtime } = props;
  if (runtime.loading) {
    return <LoadingState label="Loading pods and events" />;
  }
  if (!runtime.value) {
    return (
      <Alert severity="error">
        Could not load what runs in this environment: {runtime.error?.message}
      </Alert>
    );
  }
  const snapshot = runtime.value;
  if (!snapshot.available) {
    return (
      <Alert severity="info">
        Runtime state is not available for this environment. {snapshot.reason}
      </Alert>
    );
  }
  // Pod ages count from the render time; every poll re-renders, so they stay current.
  const now = Date.now();
  return (
    <>
      {runtime.error && (
        <Alert severity="warning">
          Could not refresh; showing the last state that loaded.{' '}
          {runtime.error.message}
        </Alert>
      )}
      <Section title="Pods">
        <PodsTable pods={snapshot.pods} now={now} />
      </Section>
      <Section title="Usage">
        <UsageSummary usage={snapshot.usage} />
      </Section>
      <Section title="Events">
        <EventsTable events={snapshot.events} now={now} />
      </Section>
    </>
  );
}
