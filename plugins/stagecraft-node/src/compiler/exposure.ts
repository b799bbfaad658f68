import {
  EndpointEntity,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { labelsFor } from './labels';
import { portName, workloadName } from './naming';
import { Diagnostic, Manifest } from './types';

const HTTP_LIKE = new Set(['http', 'graphql', 'websocket']);

/** The gateway path of an endpoint: `/<project>/<endpoint>`. */
export const gatewayPath = (project: string, endpoint: string) =>
  `/${project}/${endpoint}`;

/**
 * Gateway exposure of one endpoint: `organization` endpoints on the internal gateway,
 * `public` ones on the internal and the public gateway; Gateway API `HTTPRoute`s, or
 * `Ingress` objects where the environment says so. The path `/<project>/<endpoint>` is
 * rewritten to the endpoint's base path.
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
  if (visibility === 'project')
    return { manifests: [], diagnostics: [], urls: [] };
  if (!HTTP_LIKE.has(protocol)) {
    return {
      manifests: [],
      urls: [],
      diagnostics: [
        {
          severity: 'warning',
          code: 'not-exposable',
          entityRef: o.endpointRef,
          path: 'spec.protocol',
          message: `${o.endpointRef}: ${protocol} endpoints are not exposed through the HTTP gateways; callers inside the cluster reach it directly`,
        },
      ],
    };
  }
  const gateway = o.environment.spec.gateway;
  const exposures: {
    audience: 'internal' | 'public';
    host: string;
    parent: string;
    ingressClass: string;
  }[] = [
    {
      audience: 'internal',
      host: gateway.internalHost,
      parent: gateway.internalGateway,
      ingressClass: gateway.internalIngressClass,
    },
  ];
  const diagnostics: Diagnostic[] = [];
  if (visibility === 'public') {
    if (gateway.publicHost) {
      exposures.push({
        audience: 'public',
        host: gateway.publicHost,
        parent: gateway.publicGateway,
        ingressClass: gateway.publicIngressClass,
      });
    } else {
      diagnostics.push({
        severity: 'warning',
        code: 'no-public-gateway',
        entityRef: o.endpointRef,
        message: `${o.endpointRef} is public, but environment ${o.environment.metadata.name} has no gateway.publicHost; it is exposed internally only`,
      });
    }
  }
  const path = gatewayPath(o.project, o.endpoint.metadata.name);
  const manifests = exposures.map(exposure => {
    const metadata = {
      name: workloadName(`${o.endpoint.metadata.name}-${exposure.audience}`),
      namespace: o.namespace,
      labels: labelsFor({
        project: o.project,
        environment: o.environment.metadata.name,
        component: o.component,
        endpoint: o.endpoint.metadata.name,
      }),
    };
    return gateway.exposure === 'ingress'
      ? ingress(
          metadata,
          exposure.host,
          exposure.ingressClass,
          path,
          o.component,
          o.endpoint,
        )
      : httpRoute(
          metadata,
          exposure.host,
          exposure.parent,
          path,
          o.component,
          o.endpoint,
        );
  });
  return {
    manifests,
    diagnostics,
    urls: exposures.map(e => `https://${e.host}${path}`),
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
