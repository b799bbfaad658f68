import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  EndpointEntity,
  isDependencyPermitted,
  projectRefOf,
} from '@stagecraft/plugin-stagecraft-common';
import type { Declaration, VisibilityVerdict } from './types';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The `spec.dependsOn` entry of `consumer` that names the endpoint, if any. */
export function declarationOf(
  catalog: CatalogIndex,
  consumer: Entity,
  endpointRef: string,
): Declaration | undefined {
  const found = catalog
    .dependenciesOf(consumer)
    .find(d => lower(d.endpointRef) === lower(endpointRef));
  return (
    found && {
      consumerRef: stringifyEntityRef(consumer),
      endpointRef: found.endpointRef,
      path: `spec.dependsOn[${found.index}]`,
      written: found.written,
    }
  );
}

/**
 * What the endpoint's visibility says about the consumer, decided by the one rule the compiler
 * and the portal use (`isDependencyPermitted`) and put in words.
 */
export function visibilityVerdict(o: {
  endpoint: EndpointEntity;
  consumer: Entity;
  provider: Entity | undefined;
}): VisibilityVerdict {
  const { visibility } = o.endpoint.spec;
  const consumerProject = projectRefOf(o.consumer);
  const providerProject = o.provider && projectRefOf(o.provider);
  const permits = isDependencyPermitted({
    visibility,
    consumerProject,
    providerProject,
  });
  const consumer = stringifyEntityRef(o.consumer);
  let rule: string;
  if (visibility !== 'project')
    rule = `"${visibility}" admits components of every project that declare the dependency`;
  else if (permits)
    rule = `"project" admits only components of ${providerProject}, and ${consumer} is one`;
  else
    rule = `"project" admits only components of ${
      providerProject ?? 'its provider\u2019s project'
    }, and ${consumer} belongs to ${consumerProject ?? 'no project'}`;
  return {
    endpointRef: stringifyEntityRef(o.endpoint),
    visibility,
    ...(consumerProject ? { consumerProject } : {}),
    ...(providerProject ? { providerProject } : {}),
    permits,
    rule,
  };
}
