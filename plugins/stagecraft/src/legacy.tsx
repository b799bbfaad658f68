/*
 * The same views for apps still on Backstage's legacy frontend system: a plugin created with
 * `createPlugin` from @backstage/core-plugin-api, a routable Platform page and component
 * extensions to place on entity pages. New-frontend-system apps use the default export.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { stagecraftApiRef } from './api/StagecraftApi';
import { StagecraftClient } from './api/StagecraftClient';

/** @public */
export const legacyRootRouteRef = createRouteRef({ id: 'stagecraft' });

/**
 * Stagecraft for apps on the legacy frontend system.
 *
 * @public
 */
export const stagecraftLegacyPlugin = createPlugin({
  id: 'stagecraft',
  apis: [
    createApiFactory({
      api: stagecraftApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new StagecraftClient(deps),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/**
 * The Platform page: data-plane targets. Mount it on a route in App.tsx.
 *
 * @public
 */
export const StagecraftPlatformPage = stagecraftLegacyPlugin.provide(
  createRoutableExtension({
    name: 'StagecraftPlatformPage',
    mountPoint: legacyRootRouteRef,
    component: () =>
      import('./components/PlatformPage/PlatformPage').then(
        m => m.PlatformPage,
      ),
  }),
);

const entityExtension = (
  name: string,
  lazy: () => Promise<(props: {}) => JSX.Element | null>,
) =>
  stagecraftLegacyPlugin.provide(
    createComponentExtension({ name, component: { lazy } }),
  );

/** The Deploy tab's content, for an `EntityLayout.Route`. @public */
export const EntityStagecraftDeployContent = entityExtension(
  'EntityStagecraftDeployContent',
  () => import('./components/Deploy/DeployTab').then(m => m.DeployTab),
);

/** The Runtime tab's content. @public */
export const EntityStagecraftRuntimeContent = entityExtension(
  'EntityStagecraftRuntimeContent',
  () =>
    import('./components/Runtime/RuntimeContent').then(m => m.RuntimeContent),
);

/** The Logs tab's content. @public */
export const EntityStagecraftLogsContent = entityExtension(
  'EntityStagecraftLogsContent',
  () => import('./components/Logs/LogsContent').then(m => m.LogsContent),
);

/** The Metrics tab's content: time series per environment. @public */
export const EntityStagecraftMetricsContent = entityExtension(
  'EntityStagecraftMetricsContent',
  () =>
    import('./components/Metrics/MetricsContent').then(m => m.MetricsContent),
);

/** The Traces tab's content: recent traces per environment. @public */
export const EntityStagecraftTracesContent = entityExtension(
  'EntityStagecraftTracesContent',
  () => import('./components/Traces/TracesContent').then(m => m.TracesContent),
);

/** The Dependencies tab's content. @public */
export const EntityStagecraftDependenciesContent = entityExtension(
  'EntityStagecraftDependenciesContent',
  () =>
    import('./components/Dependencies/DependenciesTab').then(
      m => m.DependenciesTab,
    ),
);

/** Per-environment status at a glance, for the Overview tab. @public */
export const EntityStagecraftDeploymentsCard = entityExtension(
  'EntityStagecraftDeploymentsCard',
  () =>
    import('./components/Overview/DeploymentsOverviewCard').then(
      m => m.DeploymentsOverviewCard,
    ),
);

/** Cost and savings of a component, a System (project) or an Environment. @public */
export const EntityStagecraftCostCard = entityExtension(
  'EntityStagecraftCostCard',
  () => import('./components/Cost/CostCard').then(m => m.CostCard),
);

/** The project's cell diagram, for System pages. @public */
export const EntityStagecraftCellContent = entityExtension(
  'EntityStagecraftCellContent',
  () => import('./components/CellDiagram/CellDiagram').then(m => m.CellDiagram),
);

/** What is deployed in an environment, for Environment pages. @public */
export const EntityStagecraftEnvironmentContent = entityExtension(
  'EntityStagecraftEnvironmentContent',
  () =>
    import('./components/EnvironmentPage/EnvironmentDeploymentsContent').then(
      m => m.EnvironmentDeploymentsContent,
    ),
);
