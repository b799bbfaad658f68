/** A Kubernetes label selector (`metav1.LabelSelector`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
    values?: string[];
  }[];
}

/**
 * Whether labels satisfy a selector, as Kubernetes decides it: every `matchLabels` pair and
 * every `matchExpressions` requirement must hold; an empty selector matches everything. An
 * operator Kubernetes does not know matches nothing (the API server would have refused it).
 */
export function selectorMatches(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  if (!pairs.every(([key, value]) => labels[key] === value)) return false;
  return (selector.matchExpressions ?? []).every(
    ({ key, operator, values }) => {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (operator) {
        case 'In':
          return has && (values ?? []).includes(labels[key]);
        case 'NotIn':
          return !has || !(values ?? []).includes(labels[key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    },
  );
}
