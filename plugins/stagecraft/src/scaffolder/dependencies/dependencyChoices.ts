import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EndpointVisibility,
  endpointVisibilitySchema,
  isDependencyPermitted,
  isStagecraftEndpoint,
  projectRefOf,
  providerRefOf,
  withSpecDefaults,
} from '@stagecraft/plugin-stagecraft-common';

/** An endpoint as the dependency picker lists it. */
export interface EndpointChoice {
  /** The full ref, what `spec.dependsOn` gets: `endpoint:default/ledger-http`. */
  ref: string;
  name: string;
  title: string;
  visibility: EndpointVisibility;
  /** The System ref of the component that serves it, when it has one. */
  providerProject?: string;
}

/** An endpoint the consumer may not depend on, with the reason in words. */
export interface HiddenEndpoint extends EndpointChoice {
  reason: string;
}

export interface DependencyChoices {
  available: EndpointChoice[];
  hidden: HiddenEndpoint[];
}

const nameOfRef = (ref: string) => ref.slice(ref.indexOf('/') + 1);

/**
 * Splits the catalog's Endpoints into those a component of `consumerProject` may depend on and
 * those it may not, by the one visibility rule the compiler enforces (`isDependencyPermitted`),
 * so the form offers only dependencies that compile. `providers` are the components serving
 * the endpoints (any others are treated as serving none); `exclude` drops the consumer's own
 * endpoints.
 */
export function dependencyChoices(o: {
  endpoints: Entity[];
  providers: Entity[];
  consumerProject: string | undefined;
  exclude?: (providerRef: string | undefined) => boolean;
}): DependencyChoices {
  const projectOfProvider = new Map(
    o.providers.map(p => [stringifyEntityRef(p), projectRefOf(p)]),
  );
  const choices: DependencyChoices = { available: [], hidden: [] };
  for (const raw of o.endpoints) {
    if (!isStagecraftEndpoint(raw)) continue;
    const endpoint = withSpecDefaults(raw);
    const providerRef = providerRefOf(endpoint);
    if (o.exclude?.(providerRef)) continue;
    const providerProject = providerRef
      ? projectOfProvider.get(providerRef)
      : undefined;
    // An Endpoint whose spec does not parse is listed nowhere: it compiles for no one.
    const parsed = endpointVisibilitySchema.safeParse(
      endpoint.spec?.visibility,
    );
    if (!parsed.success) continue;
    const visibility = parsed.data;
    const choice: EndpointChoice = {
      ref: stringifyEntityRef(endpoint),
      name: endpoint.metadata.name,
      title: endpoint.metadata.title ?? endpoint.metadata.name,
      visibility,
      providerProject,
    };
    const permitted = isDependencyPermitted({
      visibility,
      consumerProject: o.consumerProject,
      providerProject,
    });
    if (permitted) choices.available.push(choice);
    else
      choices.hidden.push({
        ...choice,
        reason: hiddenReason(choice, o.consumerProject),
      });
  }
  const byName = (a: EndpointChoice, b: EndpointChoice) =>
    a.ref.localeCompare(b.ref);
  choices.available.sort(byName);
  choices.hidden.sort(byName);
  return choices;
}

/** Why a `project` endpoint is out of reach, in the words the Dependencies tab would use. */
function hiddenReason(
  choice: EndpointChoice,
  consumerProject: string | undefined,
): string {
  if (!choice.providerProject)
    return 'Only its own project may call it, and the component serving it belongs to no project.';
  const owner = nameOfRef(choice.providerProject);
  if (!consumerProject)
    return `Only components of project ${owner} may call it; choose a project first.`;
  return `Only components of project ${owner} may call it (visibility: project); this component is in ${nameOfRef(
    consumerProject,
  )}.`;
}
