import {
  EndpointEntity,
  EnvironmentEntity,
  gatewaysRoutingTo,
  isHttpLike,
} from '@stagecraft/plugin-stagecraft-common';
import { labelsFor } from './labels';
import { portName, workloadName } from './naming';
import { Diagnostic, Manifest } from './types';

/** The gateway path of an endpoint: `/<project>/<endpoint>`. */
export const gatewayPath = (project: string, endpoint: string) =>
  `/${project}/${endpoint}`;

/**
 * Gateway exposure of one endpoint: a route on each gateway that routes to it
 * (`gatewaysRoutingTo`: `organization` endpoints on the internal gateway, `public` ones on the
 * internal and the public gateway); Gateway API `HTTPRoute`s, or `Ingress` objects where the
 * environment says so. The path `/<project>/<endpoint>` is rewritten to the endpoint's base
 * path.
 */
export function exposeEndpoint(o: {
  endpoint: EndpointEntity;
  endpointRef: string;
  project: string;
  component: string;
  namespace: string;
  environment: EnvironmentEntity;
}): { manifests: Manifest[]; diagnostics: Diagnostic[]; urls: string[] } {
  const { visibility, protocol } = o.endpoint.spec;
  const diagnostics: Diagnostic[] = [];
  if (visibility !== 'project' && !isHttpLike(protocol)) {
    diagnostics.push({
      severity: 'warning',
      code: 'not-exposable',
      entityRef: o.endpointRef,
      path: 'spec.protocol',
      message: `${o.endpointRef}: ${protocol} endpoints are not exposed through the HTTP gateways; callers inside the cluster reach it directly`,
    });
  } else if (
    visibility === 'public' &&
    !o.environment.spec.gateway.publicHost
  ) {
    diagnostics.push({
      severity: 'warning',
      code: 'no-public-gateway',
      entityRef: o.endpointRef,
      message: `${o.endpointRef} is public, but environment ${o.environment.metadata.name} has no gateway.publicHost; it is exposed internally only`,
    });
  }
  const gateways = gatewaysRoutingTo(o.endpoint, o.environment);
  const path = gatewayPath(o.project, o.endpoint.metadata.name);
  const manifests = gateways.map(gateway => {
    const metadata = {
      name: workloadName(`${o.endpoint.metadata.name}-${gateway.audience}`),
      namespace: o.namespace,
      labels: labelsFor({
        project: o.project,
        environment: o.environment.metadata.name,
        component: o.component,
        endpoint: o.endpoint.metadata.name,
      }),
    };
    return o.environment.spec.gateway.exposure === 'ingress'
      ? ingress(
          metadata,
          gateway.host,
          gateway.ingressClass,
          path,
          o.component,
          o.endpoint,
        )
      : httpRoute(
          metadata,
          gateway.host,
          gateway.parent,
          path,
          o.component,
          o.endpoint,
        );
  });
  return {
    manifests,
    diagnostics,
    urls: gateways.map(g => `https://${g.host}${path}`),
  };
}

function httpRoute(
  metadata: Manifest['metadata'],
  host: string,
  parent: string,
  path: string,
  component: string,
  endpoint: EndpointEntity,
): Manifest {
  const [parentNamespace, parentName] = parent.split('/');
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata,
    spec: {
      parentRefs: [{ name: parentName, namespace: parentNamespace }],
      hostnames: [host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: path } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: {
                path: {
                  type: 'ReplacePrefixMatch',
                  replacePrefixMatch: endpoint.spec.basePath,
                },
              },
            },
          ],
          backendRefs: [
            { name: workloadName(component), port: endpoint.spec.port },
          ],
        },
      ],
    },
  };
}

function ingress(
  metadata: Manifest['metadata'],
  host: string,
  ingressClass: string,
  path: string,
  component: string,
  endpoint: EndpointEntity,
): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata,
    spec: {
      ingressClassName: ingressClass,
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path,
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: workloadName(component),
                    port: {
                      name: portName(
                        endpoint.spec.protocol,
                        endpoint.spec.port,
                      ),
                    },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  };
}
