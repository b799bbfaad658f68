import { describeHealth } from './healthWords';
import { GraphNode } from './types';
import { VISIBILITY } from './visibility';

/** A sentence naming a node and its state, for screen readers (and tests). */
export function describeNode(
  node: GraphNode,
  environment: string | undefined,
): string {
  if (node.kind === 'component') {
    const health = describeHealth(node, environment);
    if (!health) return `Component ${node.label}`;
    const where = node.deployable ? ` in ${environment}` : '';
    return `Component ${node.label}: ${health.label}${where}`;
  }
  if (node.kind === 'endpoint') {
    const visibility = VISIBILITY[node.visibility].label;
    return `Endpoint ${node.label}, ${node.protocol} port ${
      node.port
    }, ${visibility.toLocaleLowerCase('en-US')} visibility`;
  }
  if (node.kind === 'project') {
    return `Project ${node.label}${node.cell ? ' (this cell)' : ''}`;
  }
  return node.label;
}
