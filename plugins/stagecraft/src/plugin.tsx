import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import LayersIcon from '@mui/icons-material/Layers';
import { stagecraftApiRef } from './api/StagecraftApi';
import { StagecraftClient } from './api/StagecraftClient';
import { stagecraftDependenciesEntityContent } from './extensions/dependenciesTab';
import { deployTab } from './extensions/deployTab';
import { environmentDeployedContent } from './extensions/environmentContent';
import { environmentOverviewCard } from './extensions/environmentOverviewCard';
import {
  componentCostCard,
  environmentCostCard,
  systemCostCard,
} from './extensions/costCards';
import { stagecraftLogsEntityContent } from './extensions/logsTab';
import { stagecraftMetricsEntityContent } from './extensions/metricsTab';
import { deploymentsOverviewCard } from './extensions/overviewCard';
import { stagecraftRuntimeEntityContent } from './extensions/runtimeTab';
import { stagecraftCellEntityContent } from './extensions/systemDiagram';
import { stagecraftTracesEntityContent } from './extensions/tracesTab';
import {
  componentTypePickerFormField,
  dependencyPickerFormField,
  environmentPickerFormField,
} from './scaffolder/extensions';

/** @public */
export const rootRouteRef = createRouteRef();

const stagecraftApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: stagecraftApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new StagecraftClient(deps),
    }),
});

const platformPage = PageBlueprint.make({
  params: {
    path: '/stagecraft',
    title: 'Platform',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/PlatformPage/PlatformPage').then(m => (
        <m.PlatformPage />
      )),
  },
});

/**
 * Stagecraft for the new frontend system.
 *
 * @public
 */
export const stagecraftPlugin = createFrontendPlugin({
  pluginId: 'stagecraft',
  title: 'Platform',
  icon: <LayersIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [
    stagecraftApi,
    platformPage,
    // Component pages, in the order a developer reads them.
    deploymentsOverviewCard,
    componentCostCard,
    deployTab,
    stagecraftRuntimeEntityContent,
    stagecraftLogsEntityContent,
    stagecraftMetricsEntityContent,
    stagecraftTracesEntityContent,
    stagecraftDependenciesEntityContent,
    // System and Environment pages.
    stagecraftCellEntityContent,
    environmentDeployedContent,
    environmentOverviewCard,
    systemCostCard,
    environmentCostCard,
    // Template form fields (attach to the scaffolder's form-fields API).
    componentTypePickerFormField,
    dependencyPickerFormField,
    environmentPickerFormField,
  ],
});
