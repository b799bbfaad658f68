import {
  HttpMethod,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  ResponseContext,
} from '@kubernetes/client-node';
import { ApiConnection } from './ApiConnection';
import { throttledConfiguration, ThrottleOptions } from './throttleMiddleware';

/** The response type of a request whose successful body nobody reads. */
const UNREAD = 'stagecraft:unread';

/**
 * `fieldValidation` of every apply. The server's default, `Warn`, decodes an apply's body a
 * second time only to find a key written twice, and answers with Warning headers nobody reads;
 * `Ignore` skips that decode. Nothing is accepted that was refused before: a field the schema
 * does not declare is refused by the apply itself (`ObjectClient.int.test.ts`), and the bodies
 * come from `JSON.stringify`, which cannot write a key twice. Measured on the local API server
 * (`requestCostExperiment.ts`, docs/benchmarks.md): 15 % less of its CPU per dry run.
 */
export const FIELD_VALIDATION = 'Ignore';

/** Options of {@link ObjectClient.serverSideApply}. */
export interface ServerSideApplyOptions {
  /** Who owns the fields the object sets. */
  fieldManager: string;
  /** Take over fields other managers own instead of failing with a conflict. */
  force: boolean;
  /** Have the server validate and default the object without storing it. */
  dryRun?: boolean;
  /** `JSON.stringify(object)`, when the caller has it already. */
  json?: string;
}

/**
 * A `KubernetesObjectApi` for any kind that sends and returns objects as plain JSON, with every
 * request throttled and counted.
 *
 * client-node passes bodies through its typed models, which rename fields whose JSON name is a
 * reserved word (NetworkPolicy's `from` is `_from`, LimitRange's `default` is `_default`) and
 * drop fields its models do not know. An apply through them silently loses those fields, and a
 * read cannot be compared with the manifest. This client keeps both sides in JSON as the API
 * server speaks it.
 */
export class ObjectClient extends KubernetesObjectApi {
  /**
   * Where applies go when the cluster allows (see ApiConnection): not through client-node.
   * Opened on the first apply, so a client that only reads holds no connection of its own.
   */
  private connection: ApiConnection | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly throttle: ThrottleOptions = {},
  ) {
    super(throttledConfiguration(kubeConfig, throttle));
    this.setDefaultNamespace(kubeConfig);
  }

  private applyConnection(): ApiConnection | undefined {
    if (!this.connection && ApiConnection.serves(this.kubeConfig))
      this.connection = new ApiConnection(this.kubeConfig, this.throttle);
    return this.connection;
  }

  /**
   * Applies the object exactly as given (server-side apply) and returns the result; a dry run
   * resolves with an empty object once the server has accepted it.
   */
  async serverSideApply(
    object: KubernetesObject,
    options: ServerSideApplyOptions,
  ): Promise<KubernetesObject> {
    const path = await this.specUriPath(object, 'patch');
    const connection = this.applyConnection();
    if (connection) {
      const query = new URLSearchParams({
        fieldManager: options.fieldManager,
        fieldValidation: FIELD_VALIDATION,
      });
      if (options.force) query.set('force', 'true');
      if (options.dryRun) query.set('dryRun', 'All');
      const text = await connection.send('PATCH', `${path}?${query}`, {
        body: options.json ?? JSON.stringify(object),
        headers: {
          Accept: 'application/json',
          'Content-Type': PatchStrategy.ServerSideApply,
        },
        discardBody: options.dryRun,
        // An apply sent twice is the apply sent once.
        idempotent: true,
      });
      return options.dryRun ? {} : (JSON.parse(text) as KubernetesObject);
    }
    const request = this.configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.PATCH,
    );
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply);
    request.setQueryParam('fieldManager', options.fieldManager);
    request.setQueryParam('fieldValidation', FIELD_VALIDATION);
    if (options.force) request.setQueryParam('force', 'true');
    if (options.dryRun) request.setQueryParam('dryRun', 'All');
    request.setBody(options.json ?? JSON.stringify(object));
    return this.requestPromise(request, options.dryRun ? UNREAD : undefined);
  }

  /**
   * Successful responses as parsed JSON, not typed models; errors as client-node throws them.
   * A dry run's answer is drained but not parsed: only whether the server accepted it counts.
   */
  protected async processResponse<T extends KubernetesObject>(
    response: ResponseContext,
    type?: string,
  ): Promise<T> {
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      return super.processResponse(response, type);
    }
    const body = await response.body.text();
    return (type === UNREAD ? {} : JSON.parse(body)) as T;
  }
}
