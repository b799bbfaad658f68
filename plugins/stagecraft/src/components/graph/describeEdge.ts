import { GraphEdge } from './types';

/** How an edge is drawn; each variant has a style in the canvas and an entry in the legend. */
export type EdgeVariant =
  | 'serves'
  | 'permitted'
  | 'crossProject'
  | 'pending'
  | 'blocked'
  | 'gateway';

/** How an edge is drawn in an environment, with a short label for problems and a sentence for screen readers. */
export interface EdgeDescription {
  variant: EdgeVariant;
  label?: string;
  ariaLabel: string;
}

/**
 * Describes an edge between the nodes labelled `source` and `target`. A dependency the
 * endpoint's visibility does not admit is blocked in every environment; one whose provider is
 * not deployed in the environment is pending there.
 */
export function describeEdge(
  edge: GraphEdge,
  source: string,
  target: string,
  environment: string | undefined,
): EdgeDescription {
  if (edge.kind === 'serves') {
    return { variant: 'serves', ariaLabel: `${source} is served by ${target}` };
  }
  if (edge.kind === 'exposes') {
    return {
      variant: 'gateway',
      ariaLabel: `${source} routes traffic to ${target}`,
    };
  }
  const dependency = `${source} depends on ${target}`;
  if (!edge.permitted) {
    return {
      variant: 'blocked',
      label: 'Blocked by visibility',
      ariaLabel: `${dependency}: blocked, ${target} admits only components of its project`,
    };
  }
  if (environment && edge.pendingIn.includes(environment)) {
    return {
      variant: 'pending',
      label: `Pending in ${environment}`,
      ariaLabel: `${dependency}: pending in ${environment}, its provider is not deployed there yet`,
    };
  }
  return edge.crossProject
    ? {
        variant: 'crossProject',
        ariaLabel: `${dependency}: traffic permitted across projects`,
      }
    : { variant: 'permitted', ariaLabel: `${dependency}: traffic permitted` };
}
