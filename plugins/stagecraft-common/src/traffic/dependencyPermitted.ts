import type { EndpointVisibility } from '../kinds';

/**
 * Whether an endpoint's visibility admits a consumer: `organization` and `public` endpoints
 * admit every project, a `project` endpoint only components of its provider's project.
 * Projects are compared by their System's full ref (`projectRefOf`), never by name: a System
 * `payments` of another catalog namespace is another project, even though its name is the
 * same. A component that belongs to no project is admitted to no `project` endpoint. The
 * compiler refuses to compile a dependency this forbids, and the portal draws it as blocked.
 *
 * @public
 */
export function isDependencyPermitted(o: {
  visibility: EndpointVisibility;
  /** The ref of the consumer's System (`system:default/shop`), undefined when it has none. */
  consumerProject: string | undefined;
  /** The ref of the System of the component serving the endpoint. */
  providerProject: string | undefined;
}): boolean {
  if (o.visibility !== 'project') return true;
  const lower = (ref: string | undefined) => ref?.toLocaleLowerCase('en-US');
  return (
    o.consumerProject !== undefined &&
    lower(o.consumerProject) === lower(o.providerProject)
  );
}
