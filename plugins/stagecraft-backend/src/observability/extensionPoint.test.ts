import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Config } from '@backstage/config';
import { stagecraftObservabilityExtensionPoint } from '@stagecraft/plugin-stagecraft-node';
import { stagecraftPlugin } from '../plugin';

const config = (metrics: object) =>
  mockServices.rootConfig.factory({
    data: { stagecraft: { observability: { metrics } } },
  });

describe('stagecraftObservabilityExtensionPoint', () => {
  it("lets a backend module add a metrics provider type that app-config selects, with the type's block", async () => {
    const created: Config[] = [];
    const datadog = createBackendModule({
      pluginId: 'stagecraft',
      moduleId: 'datadog-metrics',
      register(reg) {
        reg.registerInit({
          deps: { observability: stagecraftObservabilityExtensionPoint },
          async init({ observability }) {
            observability.addMetricsProvider('datadog', block => {
              created.push(block);
              return { queryRange: async () => [] };
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        stagecraftPlugin,
        datadog,
        config({ type: 'datadog', site: 'datadoghq.eu' }),
      ],
    });
    expect(created.map(block => block.getString('site'))).toEqual([
      'datadoghq.eu',
    ]);
    await backend.stop();
  });

  it('stops the backend on a provider type nobody registered', async () => {
    await expect(
      startTestBackend({
        features: [stagecraftPlugin, config({ type: 'datadog' })],
      }),
    ).rejects.toThrow(
      'stagecraft.observability.metrics.type "datadog" is not a known provider (known: prometheus, none)',
    );
  });
});
