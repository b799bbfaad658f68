import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { parseAllDocuments } from 'yaml';
import { git } from '../targets/git';

/** One commit of a GitOps repository: what each environment directory holds at it. */
export interface CommitObjects {
  commit: string;
  subject: string;
  /** Environment (top-level directory) → its objects at this commit. */
  environments: Map<string, Manifest[]>;
}

/** The commits of `directory`'s current branch, oldest first, as `sha subject`. */
export async function commitsOldestFirst(
  directory: string,
): Promise<{ commit: string; subject: string }[]> {
  const log = await git(directory, ['log', '--reverse', '--format=%H %s']);
  return log
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const space = line.indexOf(' ');
      return { commit: line.slice(0, space), subject: line.slice(space + 1) };
    });
}

/**
 * The objects of every environment at every commit, read from the committed YAML files
 * (kustomization files left out): what a build of each environment directory would list.
 */
export async function readHistory(directory: string): Promise<CommitObjects[]> {
  const out: CommitObjects[] = [];
  for (const { commit, subject } of await commitsOldestFirst(directory)) {
    const files = (
      await git(directory, ['ls-tree', '-r', '--name-only', commit])
    )
      .split('\n')
      .filter(f => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'));
    const environments = new Map<string, Manifest[]>();
    for (const file of files) {
      const environment = file.split('/')[0];
      const text = await git(directory, ['show', `${commit}:${file}`]);
      const objects = parseAllDocuments(text)
        .map(d => d.toJS() as Manifest)
        .filter(Boolean);
      environments.set(environment, [
        ...(environments.get(environment) ?? []),
        ...objects,
      ]);
    }
    out.push({ commit, subject, environments });
  }
  return out;
}

interface PolicyRule {
  from?: unknown[];
  to?: unknown[];
  ports?: unknown[];
}

/**
 * Every network path the NetworkPolicies among `objects` permit, one string per policy ×
 * direction × peer × port (a rule without peers or ports permits any, written `*`). Policies
 * only add to each other, so a path missing from a later set is traffic that set cuts.
 */
export function permittedPaths(objects: Manifest[]): Set<string> {
  const paths = new Set<string>();
  for (const policy of objects.filter(o => o.kind === 'NetworkPolicy')) {
    const { namespace, name } = policy.metadata;
    const spec = (policy as { spec?: Record<string, unknown> }).spec ?? {};
    const selector = JSON.stringify(spec.podSelector ?? {});
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = (spec[direction] as PolicyRule[] | undefined) ?? [];
      for (const rule of rules) {
        const peers = (direction === 'ingress' ? rule.from : rule.to) ?? ['*'];
        const ports = rule.ports ?? ['*'];
        for (const peer of peers)
          for (const port of ports)
            paths.add(
              `${namespace}/${name} ${selector} ${direction} peer=${JSON.stringify(
                peer,
              )} port=${JSON.stringify(port)}`,
            );
      }
    }
  }
  return paths;
}

/**
 * Paths one commit removes from an environment that a later commit restores: the transient cuts
 * an agent syncing commit by commit would apply. Empty when every removal is final.
 */
export function reopenedPaths(
  history: { subject: string; environments: Map<string, Set<string>> }[],
): string[] {
  const found: string[] = [];
  const environments = new Set(
    history.flatMap(c => [...c.environments.keys()]),
  );
  for (const environment of environments) {
    const sets = history.map(c => c.environments.get(environment) ?? new Set());
    for (let i = 1; i < sets.length; i++) {
      for (const path of sets[i - 1]) {
        if (sets[i].has(path)) continue;
        const back = sets.findIndex((s, j) => j > i && s.has(path));
        if (back >= 0)
          found.push(
            `${environment}: "${history[i].subject}" removed ${path}; "${history[back].subject}" restored it`,
          );
      }
    }
  }
  return found;
}
