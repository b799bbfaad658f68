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
  extensions: [stagecraftApi, platformPage],
});
