import { RequestVerb } from './RequestCounter';

const MUTATIONS: Record<string, [RequestVerb, RequestVerb]> = {
  POST: [RequestVerb.Create, RequestVerb.CreateDryRun],
  PUT: [RequestVerb.Update, RequestVerb.UpdateDryRun],
  PATCH: [RequestVerb.Patch, RequestVerb.PatchDryRun],
  DELETE: [RequestVerb.Delete, RequestVerb.DeleteDryRun],
};

/**
 * The Kubernetes verb of an HTTP request to the API server, read from its method, path and
 * query the way the server's request-info resolver does: `GET` on a collection is a list, on a
 * named object (or a discovery document) a get, with `watch=true` a watch.
 */
export function requestVerb(method: string, url: string): RequestVerb {
  const { pathname, searchParams } = new URL(url);
  const mutation = MUTATIONS[method.toUpperCase()];
  if (mutation) return searchParams.get('dryRun') ? mutation[1] : mutation[0];

  const watch = searchParams.get('watch');
  if (watch === 'true' || watch === '1') return RequestVerb.Watch;
  const rest = resourcePath(pathname);
  if (rest[0] === 'watch') return RequestVerb.Watch;
  return rest.length === 1 ? RequestVerb.List : RequestVerb.Get;
}

const API_PREFIX_LENGTH: Record<string, number> = { api: 2, apis: 3 };

/**
 * The path after `/api/v1` or `/apis/<group>/<version>` and after `namespaces/<ns>`, e.g.
 * `['deployments', 'api']`; empty for discovery documents and non-resource paths.
 */
function resourcePath(pathname: string): string[] {
  const segments = pathname.split('/').filter(Boolean);
  const prefix = API_PREFIX_LENGTH[segments[0]];
  if (!prefix) return [];
  const rest = segments.slice(prefix);
  // `namespaces/<ns>` alone names a Namespace; followed by more it scopes a resource.
  return rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
}
