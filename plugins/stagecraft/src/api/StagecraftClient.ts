import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { StagecraftApi, TargetSummary } from './StagecraftApi';

/**
 * Talks to the Stagecraft backend through Backstage's discovery and (authenticated) fetch APIs.
 *
 * @public
 */
export class StagecraftClient implements StagecraftApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listTargets(): Promise<TargetSummary[]> {
    const body = await this.get<{ items: TargetSummary[] }>('/targets');
    return body.items;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('stagecraft');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
