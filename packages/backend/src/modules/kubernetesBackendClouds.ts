import { deferLoading, DeferredModule } from './deferLoading';

/**
 * What the stock Kubernetes backend loads for one cloud and uses only when that cloud is
 * configured: Google's GKE client (the GKE cluster locator, the Google service-account
 * credential). Not the AWS SDK, which other plugins load anyway (deferring it saved nothing),
 * nor Azure's, whose credential the backend constructs at start-up.
 */
export const KUBERNETES_BACKEND_CLOUD_MODULES: DeferredModule[] = [
  { specifier: '@google-cloud/container', hasDefaultExport: true },
];

/**
 * Defers {@link KUBERNETES_BACKEND_CLOUD_MODULES} as the stock Kubernetes backend requires
 * them (see {@link deferLoading}); call before the backend loads that plugin. Returns the
 * modules deferred.
 */
export function deferKubernetesBackendClouds(): string[] {
  return deferLoading(
    KUBERNETES_BACKEND_CLOUD_MODULES,
    require.resolve('@backstage/plugin-kubernetes-backend'),
  );
}
