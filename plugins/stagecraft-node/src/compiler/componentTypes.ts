import { Entity } from '@backstage/catalog-model';
import {
  ComponentTypeSpec,
  componentTypeSpecSchema,
  resolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';
import { CompilerExtensions } from '../extensions/CompilerExtensions';

/**
 * The built-in component types, written in the same template language as platform-authored
 * ones. A `ComponentType` entity of the same name in the catalog takes precedence, then types
 * registered by backend modules, then these.
 */
export const BUILT_IN_COMPONENT_TYPES: Record<string, ComponentTypeSpec> =
  Object.fromEntries(
    Object.entries({
      service: {
        description: 'A long-running API service',
        workload: 'deployment',
        parameters: {
          type: 'object',
          properties: {
            revisionHistoryLimit: { type: 'integer', minimum: 0, default: 5 },
          },
        },
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                revisionHistoryLimit: '${parameters.revisionHistoryLimit}',
              },
            },
          },
        ],
      },
      'web-app': {
        description: 'A web front end',
        workload: 'deployment',
        parameters: {
          type: 'object',
          properties: { maxSurge: { type: 'string', default: '25%' } },
        },
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                strategy: {
                  type: 'RollingUpdate',
                  rollingUpdate: {
                    maxSurge: '${parameters.maxSurge}',
                    maxUnavailable: 0,
                  },
                },
              },
            },
          },
        ],
      },
      worker: {
        description: 'A background worker without endpoints',
        workload: 'deployment',
        servesEndpoints: false,
        parameters: {
          type: 'object',
          properties: {
            shutdownSeconds: { type: 'integer', minimum: 0, default: 60 },
          },
        },
        patches: [
          {
            target: { kind: 'Deployment' },
            merge: {
              spec: {
                template: {
                  spec: {
                    terminationGracePeriodSeconds:
                      '${parameters.shutdownSeconds}',
                  },
                },
              },
            },
          },
        ],
      },
      'scheduled-job': {
        description: 'A job run on a cron schedule',
        workload: 'cronjob',
        servesEndpoints: false,
        parameters: {
          type: 'object',
          properties: {
            concurrencyPolicy: {
              enum: ['Allow', 'Forbid', 'Replace'],
              default: 'Forbid',
            },
            retries: { type: 'integer', minimum: 0, default: 2 },
          },
        },
        patches: [
          {
            target: { kind: 'CronJob' },
            merge: {
              spec: {
                concurrencyPolicy: '${parameters.concurrencyPolicy}',
                jobTemplate: {
                  spec: { backoffLimit: '${parameters.retries}' },
                },
              },
            },
          },
        ],
      },
    }).map(([name, spec]) => [name, componentTypeSpecSchema.parse(spec)]),
  );

/** The type a component compiles with, or undefined when none is known by that name. */
export function resolveComponentType(
  index: CatalogIndex,
  component: Entity,
  extensions?: CompilerExtensions,
): ComponentTypeSpec | undefined {
  const type = (component.spec as { type: string }).type;
  const entity = index.get(
    resolveEntityRef(type, 'ComponentType', component.metadata.namespace),
  );
  const fromCatalog = entity
    ? componentTypeSpecSchema.safeParse(entity.spec)
    : undefined;
  if (fromCatalog?.success) return fromCatalog.data;
  return extensions?.componentTypes.get(type) ?? BUILT_IN_COMPONENT_TYPES[type];
}
