import { Config } from '@backstage/config';
import type { ObservabilityLink } from '@stagecraft/plugin-stagecraft-common';

/** A link to an observability tool from `stagecraft.links`; `url` holds placeholders. */
export interface LinkTemplate {
  title: string;
  url: string;
  icon?: string;
}

/** The placeholders a link URL may hold, e.g. `https://grafana.example/d/x?var-ns={namespace}`. */
export const LinkPlaceholder = {
  /** The component's project: its System's name. */
  Project: 'project',
  /** The component's name. */
  Component: 'component',
  /** The environment's name. */
  Environment: 'environment',
  /** The Kubernetes namespace the deployment's objects live in. */
  Namespace: 'namespace',
} as const;
// eslint-disable-next-line @typescript-eslint/no-redeclare -- a const object and its value union share a name on purpose
export type LinkPlaceholder =
  (typeof LinkPlaceholder)[keyof typeof LinkPlaceholder];

const PLACEHOLDERS = new Set<string>(Object.values(LinkPlaceholder));
const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Reads `stagecraft.links` at start-up. A URL with a placeholder other than
 * {@link LinkPlaceholder}'s, or one that is not http(s) once filled in, stops the backend with
 * a message naming the entry: a typo should not surface as a dead link on every page.
 */
export function readLinkTemplates(config: Config): LinkTemplate[] {
  const entries = config.getOptionalConfigArray('stagecraft.links') ?? [];
  return entries.map((entry, index) => {
    const template = {
      title: entry.getString('title'),
      url: entry.getString('url'),
      icon: entry.getOptionalString('icon'),
    };
    const problem = urlProblem(template.url);
    if (problem) throw new Error(`stagecraft.links[${index}].url ${problem}`);
    return template;
  });
}

/** Why a URL template cannot be used, or undefined when it can. */
function urlProblem(url: string): string | undefined {
  const unknown = [...url.matchAll(PLACEHOLDER)]
    .map(match => match[1])
    .filter(name => !PLACEHOLDERS.has(name));
  if (unknown.length > 0)
    return `has unknown placeholder(s) ${unknown
      .map(name => `{${name}}`)
      .join(', ')}; use ${[...PLACEHOLDERS].map(p => `{${p}}`).join(', ')}`;
  const sample = fillIn(url, {
    project: 'p',
    component: 'c',
    environment: 'e',
    namespace: 'n',
  });
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    return `"${url}" is not an absolute URL`;
  }
  // The portal renders these as links: javascript: or data: URLs would run in the page.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `"${url}" must be an http or https URL`;
  return undefined;
}

/** The links of one deployment, each placeholder replaced by its URL-encoded value. */
export function renderLinks(
  templates: LinkTemplate[],
  values: Record<LinkPlaceholder, string>,
): ObservabilityLink[] {
  return templates.map(({ title, url, icon }) => ({
    title,
    url: fillIn(url, values),
    ...(icon ? { icon } : {}),
  }));
}

function fillIn(url: string, values: Record<LinkPlaceholder, string>): string {
  return url.replace(PLACEHOLDER, (whole, name: string) =>
    PLACEHOLDERS.has(name)
      ? encodeURIComponent(values[name as LinkPlaceholder])
      : whole,
  );
}
