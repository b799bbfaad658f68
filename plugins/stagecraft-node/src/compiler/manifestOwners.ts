import { manifestKey } from './orderManifests';
import { Diagnostic, Manifest } from './types';

/**
 * The objects of one environment and the component that emits each. Two components of a
 * project can emit the same object (a trait that creates a fixed-name ConfigMap, say); the
 * second one is refused with an error naming both, instead of one silently overwriting the
 * other (or the whole compile failing).
 */
export class ManifestOwners {
  private readonly owners = new Map<string, string>();
  private readonly objects: Manifest[] = [];

  /** Adds `manifests` of `componentRef`, or returns the collisions and adds nothing. */
  add(componentRef: string, manifests: Manifest[]): Diagnostic[] {
    const collisions = manifests.flatMap(m => {
      const owner = this.owners.get(manifestKey(m));
      return owner && owner !== componentRef ? [{ m, owner }] : [];
    });
    if (collisions.length === 0) {
      for (const m of manifests) {
        this.owners.set(manifestKey(m), componentRef);
        this.objects.push(m);
      }
      return [];
    }
    return collisions.map(({ m, owner }) => ({
      severity: 'error',
      code: 'object-collision',
      entityRef: componentRef,
      involves: [owner],
      message: `${componentRef} emits ${m.kind} ${m.metadata.namespace ?? ''}/${
        m.metadata.name
      }, which ${owner} emits too; one of them must name it differently`,
    }));
  }

  manifests(): Manifest[] {
    return [...this.objects];
  }
}
