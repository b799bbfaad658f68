import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { isJsonMap, podSpecsOf } from '../compiler/security/podSpecs';
import { Manifest } from '../compiler/types';
import { ContainerPort, DestinationPod } from './types';

/**
 * One pod a component's objects run: the object that holds its template, and the pod as
 * NetworkPolicies see it (namespace, labels, container ports).
 *
 * @public
 */
export interface ComponentPod extends DestinationPod {
  /** The object holding the pod template: `Deployment/checkout-api`. */
  workload: string;
  containerPorts: ContainerPort[];
}

const asLabels = (value: unknown): Record<string, string> =>
  isJsonMap(value)
    ? Object.fromEntries(
        Object.entries(value).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      )
    : {};

const asPorts = (value: unknown): ContainerPort[] =>
  Array.isArray(value)
    ? value.filter(isJsonMap).flatMap(p =>
        typeof p.containerPort === 'number'
          ? [
              {
                containerPort: p.containerPort,
                ...(typeof p.name === 'string' ? { name: p.name } : {}),
                ...(typeof p.protocol === 'string'
                  ? { protocol: p.protocol }
                  : {}),
              },
            ]
          : [],
      )
    : [];

/**
 * The pods of one component among an environment's objects: every pod template (or bare Pod)
 * in the objects labelled with the component (`stagecraft.dev/component`), with the labels
 * and container ports the template gives its pods. Pod templates are found by shape
 * (`podSpecsOf`), so every workload kind a type or trait renders is covered.
 *
 * @public
 */
export function componentPods(
  manifests: Manifest[],
  component: string,
): ComponentPod[] {
  return manifests
    .filter(m => m.metadata.labels?.[StagecraftLabel.Component] === component)
    .flatMap(m =>
      podSpecsOf(m).map(pod => ({
        workload: `${m.kind}/${m.metadata.name}`,
        namespace: m.metadata.namespace ?? 'default',
        labels: asLabels(pod.metadata.labels),
        containerPorts: pod.containers.flatMap(c => asPorts(c.container.ports)),
      })),
    );
}
