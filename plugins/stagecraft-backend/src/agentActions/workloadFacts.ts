import { loadAllYaml } from '@kubernetes/client-node';

/** What one container of a rendered workload runs with: the fields environments differ in. */
export interface ContainerFacts {
  /** `Kind name` of the workload, e.g. `Deployment checkout-api`. */
  workload: string;
  container: string;
  image?: string;
  /** Env var name → its definition (value or reference), compared, never shown. */
  env: Map<string, string>;
  /** Requests and limits, quantities as strings (`cpu: '250m'`). */
  resources: Record<string, Record<string, string>>;
}

interface PodSpecLike {
  containers?: {
    name?: string;
    image?: string;
    env?: { name?: string; value?: unknown; valueFrom?: unknown }[];
    resources?: Record<string, Record<string, unknown> | undefined>;
  }[];
}

interface ObjectLike {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    replicas?: number;
    template?: { spec?: PodSpecLike };
    jobTemplate?: { spec?: { template?: { spec?: PodSpecLike } } };
  };
}

/** The pod template of a workload (Deployment, StatefulSet, Job, CronJob…); else undefined. */
const podSpecOf = (o: ObjectLike): PodSpecLike | undefined =>
  o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;

const quantities = (r: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, String(v)]));

/**
 * The containers of every workload in rendered multi-document YAML, by workload and container
 * name. Unparsable YAML is an error of the compiler's, reported by the caller.
 */
export function containerFactsOf(yaml: string): ContainerFacts[] {
  const objects = (loadAllYaml(yaml) as ObjectLike[]).filter(
    o => o && typeof o === 'object',
  );
  return objects.flatMap(o => {
    const pod = podSpecOf(o);
    const workload = `${o.kind ?? '?'} ${o.metadata?.name ?? '?'}`;
    return (pod?.containers ?? []).map(c => ({
      workload,
      container: c.name ?? '?',
      image: c.image,
      env: new Map(
        (c.env ?? [])
          .filter(e => typeof e.name === 'string')
          .map(e => [
            e.name as string,
            JSON.stringify({ value: e.value, valueFrom: e.valueFrom }),
          ]),
      ),
      resources: {
        requests: quantities(c.resources?.requests),
        limits: quantities(c.resources?.limits),
      },
    }));
  });
}

/** The desired replica counts of every workload that sets one, by `Kind name`. */
export function replicasOf(yaml: string): Record<string, number> {
  return Object.fromEntries(
    (loadAllYaml(yaml) as ObjectLike[])
      .filter(o => typeof o?.spec?.replicas === 'number')
      .map(o => [`${o.kind} ${o.metadata?.name}`, o.spec!.replicas as number]),
  );
}
