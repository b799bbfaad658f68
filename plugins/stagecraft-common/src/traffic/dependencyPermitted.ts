import type { EndpointVisibility } from '../kinds';

/**
 * Whether an endpoint's visibility admits a consumer: `organization` and `public` endpoints
 * admit every project, a `project` endpoint only components of its provider's project. Projects
 * are compared by name (`projectNameOf`), the way compiled objects name them; a component that
 * belongs to no project is admitted to no `project` endpoint. The compiler refuses to compile a
 * dependency this forbids, and the portal draws it as blocked.
 *
 * @public
 */
export function isDependencyPermitted(o: {
  visibility: EndpointVisibility;
  /** The consumer's project name, undefined when it has none. */
  consumerProject: string | undefined;
  /** The project name of the component serving the endpoint. */
  providerProject: string | undefined;
}): boolean {
  if (o.visibility !== 'project') return true;
  return (
    o.consumerProject !== undefined && o.consumerProject === o.providerProject
  );
}
