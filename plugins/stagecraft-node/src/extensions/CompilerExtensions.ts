import {
  ComponentTypeSpec,
  componentTypeSpecSchema,
  TraitSpec,
  traitSpecSchema,
} from '@stagecraft/plugin-stagecraft-common';
import { Manifest } from '../compiler/types';

/**
 * A platform policy written in code: it sees a component's finished manifests and returns
 * every violation as a sentence. Violations are compile errors naming the policy.
 *
 * @public
 */
export interface CompilerPolicy {
  name: string;
  check(input: {
    componentRef: string;
    environment: string;
    manifests: Manifest[];
  }): string[];
}

/**
 * Component types, traits and policies registered in code by backend modules (see
 * {@link stagecraftCompilerExtensionPoint}). Catalog entities of the same name win, so the
 * platform team can always override from the catalog.
 *
 * @public
 */
export class CompilerExtensions {
  readonly componentTypes = new Map<string, ComponentTypeSpec>();
  readonly traits = new Map<string, TraitSpec>();
  readonly policies: CompilerPolicy[] = [];

  /** Adds component types; each is validated like a `ComponentType` entity's spec. */
  addComponentTypes(types: Record<string, unknown>): void {
    for (const [name, spec] of Object.entries(types)) {
      this.componentTypes.set(name, componentTypeSpecSchema.parse(spec));
    }
  }

  /** Adds traits; each is validated like a `Trait` entity's spec. */
  addTraits(traits: Record<string, unknown>): void {
    for (const [name, spec] of Object.entries(traits)) {
      this.traits.set(name, traitSpecSchema.parse(spec));
    }
  }

  addPolicies(...policies: CompilerPolicy[]): void {
    this.policies.push(...policies);
  }
}
