import { DNS_LABEL_MAX, dnsLabelCharacters } from '../names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `name` cannot be used verbatim in Kubernetes object names, or `undefined` when it can.
 *
 * @remarks
 * Component, project (System), Endpoint and Environment names become namespace, object and
 * label names as they are, so they must be DNS-1123 labels: lower-case letters, digits and
 * `-`, starting and ending with a letter or digit, at most 63 characters. Backstage also allows
 * upper case, `_` and `.`; we refuse such names with this message instead of rewriting them,
 * because a rewrite that stays unique needs a hash suffix (`Payments_API` →
 * `payments-api-1x7d0k2q`) that nobody would recognise in `kubectl get`.
 *
 * @public
 */
export function kubernetesNameProblem(name: string): string | undefined {
  if (name.length <= DNS_LABEL_MAX && DNS_LABEL.test(name)) return undefined;
  const suggestion = dnsLabelCharacters(name)
    .slice(0, DNS_LABEL_MAX)
    .replace(/-+$/, '');
  return `"${name}" cannot be used in Kubernetes names: use lower-case letters, digits and "-" (at most ${DNS_LABEL_MAX} characters, starting and ending with a letter or digit)${
    suggestion ? `, e.g. "${suggestion}"` : ''
  }`;
}
