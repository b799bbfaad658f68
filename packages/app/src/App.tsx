import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import stagecraftPlugin from '@stagecraft/plugin-stagecraft';
import { catalogGraphPlugin } from './catalogGraph';

/**
 * The Backstage app that hosts Stagecraft for the demo and the end-to-end tests. Features are
 * listed explicitly (no `app.packages: all`) so the app contains exactly what is named here.
 */
export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    apiDocsPlugin,
    orgPlugin,
    scaffolderPlugin,
    kubernetesPlugin,
    userSettingsPlugin,
    stagecraftPlugin,
  ],
});
