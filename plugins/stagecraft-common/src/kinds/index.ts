import { Entity } from '@backstage/catalog-model';
import { z } from 'zod';
import { StagecraftKind } from '../constants';
import { ComponentDeploy, componentDeploySchema } from './ComponentDeploy';
import {
  ComponentTypeSpec,
  componentTypeSpecSchema,
  TraitSpec,
  traitSpecSchema,
} from './ComponentType';
import {
  DeploymentPipelineSpec,
  deploymentPipelineSpecSchema,
} from './DeploymentPipeline';
import { EndpointSpec, endpointSpecSchema } from './Endpoint';
import { EnvironmentSpec, environmentSpecSchema } from './Environment';

export * from './Endpoint';
export * from './Environment';
export * from './DeploymentPipeline';
export * from './ComponentType';
export * from './ComponentDeploy';

/**
 * The `spec` schema of every Stagecraft kind: the single source of truth from which the
 * TypeScript types (`z.infer`) and the JSON Schemas ({@link stagecraftJsonSchemas}) derive.
 *
 * @public
 */
export const stagecraftSpecSchemas = {
  [StagecraftKind.Endpoint]: endpointSpecSchema,
  [StagecraftKind.Environment]: environmentSpecSchema,
  [StagecraftKind.DeploymentPipeline]: deploymentPipelineSpecSchema,
  [StagecraftKind.ComponentType]: componentTypeSpecSchema,
  [StagecraftKind.Trait]: traitSpecSchema,
} as const satisfies Record<StagecraftKind, z.ZodType>;

/** JSON Schemas of each kind's `spec` and of `Component.spec.deploy`, e.g. for docs or editors. @public */
export function stagecraftJsonSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [kind, schema] of Object.entries(stagecraftSpecSchemas)) {
    schemas[kind] = z.toJSONSchema(schema, { io: 'input' });
  }
  schemas['Component.spec.deploy'] = z.toJSONSchema(componentDeploySchema, {
    io: 'input',
  });
  return schemas;
}

/** Entities with their parsed (defaulted) specs. @public */
export type EndpointEntity = Entity & { kind: 'Endpoint'; spec: EndpointSpec };
/** @public */
export type EnvironmentEntity = Entity & {
  kind: 'Environment';
  spec: EnvironmentSpec;
};
/** @public */
export type DeploymentPipelineEntity = Entity & {
  kind: 'DeploymentPipeline';
  spec: DeploymentPipelineSpec;
};
/** @public */
export type ComponentTypeEntity = Entity & {
  kind: 'ComponentType';
  spec: ComponentTypeSpec;
};
/** @public */
export type TraitEntity = Entity & { kind: 'Trait'; spec: TraitSpec };
/** A Component with Stagecraft deploy intent. @public */
export type DeployableComponentEntity = Entity & {
  kind: 'Component';
  spec: {
    type: string;
    system?: string;
    owner: string;
    dependsOn?: string[];
    deploy?: ComponentDeploy;
  };
};
