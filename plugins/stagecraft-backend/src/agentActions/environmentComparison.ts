import type { DeploymentStatus } from '../actions/types';
import { ContainerFacts, containerFactsOf } from './workloadFacts';

/** One side of the comparison: a deployment and the manifests its release renders to. */
export interface EnvironmentSide {
  status: DeploymentStatus;
  yaml: string;
}

export interface ContainerComparison {
  workload: string;
  container: string;
  imageFrom?: string;
  imageTo?: string;
  envOnlyInFrom: string[];
  envOnlyInTo: string[];
  /** Names only: values may be sensitive even when they are not Secrets. */
  envValueDiffers: string[];
  resourcesFrom?: Record<string, Record<string, string>>;
  resourcesTo?: Record<string, Record<string, string>>;
  resourcesSame: boolean;
}

export interface EnvironmentComparison {
  release: { from: string; to: string; same: boolean };
  images: { from: string[]; to: string[]; same: boolean };
  replicas: { from?: number; to?: number; same: boolean };
  containers: ContainerComparison[];
  /** Every difference above, one sentence each; empty when the environments run the same. */
  differences: string[];
}

const sortedUnique = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();
const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const keyOf = (c: ContainerFacts) => `${c.workload}/${c.container}`;

function compareContainer(
  from: ContainerFacts | undefined,
  to: ContainerFacts | undefined,
): ContainerComparison {
  const envFrom = from?.env ?? new Map<string, string>();
  const envTo = to?.env ?? new Map<string, string>();
  const either = (from ?? to)!;
  return {
    workload: either.workload,
    container: either.container,
    imageFrom: from?.image,
    imageTo: to?.image,
    envOnlyInFrom: [...envFrom.keys()].filter(k => !envTo.has(k)).sort(),
    envOnlyInTo: [...envTo.keys()].filter(k => !envFrom.has(k)).sort(),
    envValueDiffers: [...envFrom.keys()]
      .filter(k => envTo.has(k) && envTo.get(k) !== envFrom.get(k))
      .sort(),
    resourcesFrom: from?.resources,
    resourcesTo: to?.resources,
    resourcesSame:
      JSON.stringify(from?.resources) === JSON.stringify(to?.resources),
  };
}

function containerSentences(c: ContainerComparison, from: string, to: string) {
  const where = `${c.workload}, container ${c.container}`;
  if (!c.imageFrom && !c.resourcesFrom) return [`${where}: only in ${to}`];
  if (!c.imageTo && !c.resourcesTo) return [`${where}: only in ${from}`];
  // Image changes are in the images sentence already.
  return [
    c.envOnlyInFrom.length > 0 &&
      `${where}: env ${c.envOnlyInFrom.join(', ')} only in ${from}`,
    c.envOnlyInTo.length > 0 &&
      `${where}: env ${c.envOnlyInTo.join(', ')} only in ${to}`,
    c.envValueDiffers.length > 0 &&
      `${where}: env ${c.envValueDiffers.join(', ')} set differently`,
    !c.resourcesSame &&
      `${where}: resources ${JSON.stringify(
        c.resourcesFrom,
      )} in ${from}, ${JSON.stringify(c.resourcesTo)} in ${to}`,
  ].filter((s): s is string => typeof s === 'string');
}

/** What differs between two deployments of one component, field by field. */
export function compareEnvironments(
  from: EnvironmentSide,
  to: EnvironmentSide,
): EnvironmentComparison {
  const [envFrom, envTo] = [from.status.environment, to.status.environment];
  const containersFrom = containerFactsOf(from.yaml);
  const containersTo = containerFactsOf(to.yaml);
  const byKeyTo = new Map(containersTo.map(c => [keyOf(c), c]));
  const keysFrom = new Set(containersFrom.map(keyOf));
  const containers = [
    ...containersFrom.map(c => compareContainer(c, byKeyTo.get(keyOf(c)))),
    ...containersTo
      .filter(c => !keysFrom.has(keyOf(c)))
      .map(c => compareContainer(undefined, c)),
  ];
  const imagesFrom = sortedUnique([
    from.status.image,
    ...containersFrom.map(c => c.image),
  ]);
  const imagesTo = sortedUnique([
    to.status.image,
    ...containersTo.map(c => c.image),
  ]);
  const release = {
    from: from.status.releaseId,
    to: to.status.releaseId,
    same: from.status.releaseId === to.status.releaseId,
  };
  const replicas = {
    from: from.status.replicas?.desired,
    to: to.status.replicas?.desired,
    same: from.status.replicas?.desired === to.status.replicas?.desired,
  };
  const images = {
    from: imagesFrom,
    to: imagesTo,
    same: sameList(imagesFrom, imagesTo),
  };
  const differences = [
    !release.same &&
      `release ${release.from} in ${envFrom}, ${release.to} in ${envTo}`,
    !images.same &&
      `images ${images.from.join(', ') || 'none'} in ${envFrom}, ${
        images.to.join(', ') || 'none'
      } in ${envTo}`,
    !replicas.same &&
      `desired replicas ${replicas.from ?? 'unknown'} in ${envFrom}, ${
        replicas.to ?? 'unknown'
      } in ${envTo}`,
    ...containers.flatMap(c => containerSentences(c, envFrom, envTo)),
  ].filter((s): s is string => typeof s === 'string');
  return { release, images, replicas, containers, differences };
}
