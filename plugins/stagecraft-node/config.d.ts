export interface Config {
  /** Stagecraft control plane settings. */
  stagecraft?: {
    /**
     * Users and groups (entity refs, e.g. `group:default/platform-team`) allowed every
     * Stagecraft write, in every environment. Everyone else may change only what they own.
     */
    platformAdmins?: string[];
    /** The reconcile loop. Defaults suit one backend replica and a few hundred components. */
    /**
     * The guard against a catalog that suddenly lost much of itself (restored from an empty
     * database, a location that failed to read): such a read is held back — nothing pruned or
     * re-planned — and the deployments' status says why (docs/events.md, "When the catalog
     * empties"). Read on every check.
     */
    catalogGuard?: {
      /** More deploy-relevant entities than this vanishing at once is held back. Default 10. */
      maxVanished?: number;
      /** The token of one held-back change (in its status and log) to act on deliberately. */
      accept?: string;
    };
    /**
     * The catalog module's file watcher: when a YAML file of a `file` location in
     * `catalog.locations` changes, the entities read from it are refreshed at once
     * (docs/events.md).
     */
    catalogWatch?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * More directories to watch, relative to the backend's working directory (e.g. local
       * golden-path repositories registered through the catalog API rather than config).
       */
      directories?: string[];
    };
    reconcile?: {
      /**
       * Deployments this replica reconciles at once, each under a database lease of 15 s renewed
       * every 5 s (not configurable): up to concurrency / 5 lease writes per second. A killed
       * replica's deployments are taken over by the others within 15–30 s. Default 8.
       */
      concurrency?: number;
      /** Requests per second to each Kubernetes target, shared by all reconciles. Default 50; 0 = unlimited. */
      qps?: number;
      /** Requests allowed in a burst above `qps`. Default 100. */
      burst?: number;
      /**
       * Seconds between full resyncs, the safety net behind the drift watches. Work a killed
       * replica left does not wait for it: every replica looks for unclaimed unconverged
       * deployments in the database every 15 s. Default 300.
       */
      resyncIntervalSeconds?: number;
      /**
       * Seconds between catalog trigger passes on a poll (new releases to the first environment).
       * Passes run at once on the catalog module's intent events; the poll is only the safety net
       * for a lost event or a catalog without the module (docs/events.md). Default 120.
       */
      catalogPollSeconds?: number;
      /**
       * The longest the control plane serves one read of the catalog to its reconciles and reads.
       * Every catalog trigger pass (on an intent event, on the poll, on `stagecraft deploy`)
       * reads the catalog afresh and replaces the shared read, so a change reaches the
       * reconciles at once; this bounds only what no event announced (an entity deleted from
       * the catalog, a replica whose events another replica handled). Default 30.
       */
      catalogSnapshotSeconds?: number;
      /** Watch managed objects for drift and heal it within seconds. Default true. */
      watchDrift?: boolean;
    };
    /** Component type and trait templates. */
    templates?: {
      /**
       * What one template application (one type or trait, for one component) may spend on its
       * CEL expressions; exceeding any limit is a compile error naming the template, the field
       * and the limit. Templates run on the backend's event loop, so these keep one hostile
       * trait from stalling or crashing the portal. Every field is optional.
       */
      celBudget?: {
        /**
         * Evaluation steps plus elements and characters of the lists, maps and strings built,
         * summed over the template's expressions. Bounds time and memory. Default 1000000
         * (some 50–150 ms of evaluation).
         */
        maxCost?: number;
        /**
         * Milliseconds of wall-clock time per template application: a backstop for work the
         * cost underprices, checked every 256 steps. Default 1000.
         */
        maxMillis?: number;
        /** Characters in one `${…}` expression. Default 10000. */
        maxExpressionLength?: number;
        /**
         * Elements and characters of the values a template's expressions put into manifests.
         * Default 1000000 (a Kubernetes object cannot exceed ~1.5 MB anyway).
         */
        maxOutputSize?: number;
      };
    };
    /**
     * Links to observability tools (dashboards, traces, log search) shown with each deployment.
     * `url` is a template: `{project}` (the component's System), `{component}`, `{environment}`
     * and `{namespace}` (the Kubernetes namespace of the deployment) are replaced by the
     * deployment's values, URL-encoded. Any other `{...}` stops the backend at start-up; write
     * literal braces as `%7B` and `%7D`. Only http and https URLs are accepted.
     */
    links?: Array<{
      /** The link's text, e.g. `Grafana dashboard`. */
      title: string;
      /** e.g. `https://grafana.example.com/d/app?var-namespace={namespace}&var-app={component}` */
      url: string;
      /** A Material icon name hint for the portal, e.g. `dashboard`, `timeline`. */
      icon?: string;
    }>;
    /**
     * Where the portal's usage, metrics and traces views and the agent actions read telemetry
     * (docs/observability.md). Optional: without a provider the views say "not configured".
     * `environments` and `targets` override the defaults for one environment or for every
     * environment deploying to one data-plane target; an environment's override wins.
     * @visibility backend
     */
    observability?: {
      metrics?: StagecraftMetricsProviderConfig;
      traces?: StagecraftTracesProviderConfig;
      environments?: {
        [environment: string]: {
          metrics?: StagecraftMetricsProviderConfig;
          traces?: StagecraftTracesProviderConfig;
        };
      };
      targets?: {
        [target: string]: {
          metrics?: StagecraftMetricsProviderConfig;
          traces?: StagecraftTracesProviderConfig;
        };
      };
    };
    /**
     * Rates for the cost views and the `costs` / `cost-recommendations` actions
     * (docs/observability.md, "Cost"). Without it cost is "not configured". Rates are decimals
     * in currency units with at most 6 decimals (`0.0316` or `"0.0316"`); a rate left out is 0.
     * Precedence per rate: `environments.<env>` > `targets.<target>` > the defaults here.
     * @visibility backend
     */
    cost?: {
      /** ISO 4217 code. Default: USD. */
      currency?: string;
      /** Per CPU (1000 millicores) and hour. */
      cpuHour?: number | string;
      /** Per GiB (2^30 bytes) of memory and hour. */
      memoryGiBHour?: number | string;
      environments?: {
        [environment: string]: {
          cpuHour?: number | string;
          memoryGiBHour?: number | string;
        };
      };
      targets?: {
        [target: string]: {
          cpuHour?: number | string;
          memoryGiBHour?: number | string;
        };
      };
      /** When a recommendation is made. */
      recommendations?: {
        /** Over-provisioned when observed usage is below this share of the request. Default 0.5. */
        overProvisionedRatio?: number;
        /** The request recommended instead is usage × this. Default 1.3. */
        headroom?: number;
        /** Idle when the pods together use at most this many millicores. Default 2. */
        idleCpuMillicores?: number;
        /** Leave out recommendations saving less per month, in currency units. Default 0. */
        minimumMonthlySaving?: number | string;
      };
    };
    /**
     * Data-plane targets by name. Environments (the `Environment` kind) refer to one by name;
     * several environments may share a target.
     */
    targets?: {
      [name: string]:
        | {
            type: 'gitops';
            /** Directory inside a git work tree; resolved against the backend's working directory. */
            directory: string;
            /** Push every commit to this remote (docs/gitops.md); without it commits stay local. */
            remote?: {
              /** https://…, ssh://…, user@host:path, file://… or an absolute path; no credentials in it. */
              url: string;
              /** The branch Argo CD or Flux follows. Default: main. */
              branch?: string;
              /**
               * An access token for an https URL, sent as HTTP basic auth in git's environment.
               * @visibility secret
               */
              token?: string;
              /** The user name sent with `token`. Default: x-access-token. */
              username?: string;
              /** A private key file for an SSH URL. */
              sshKeyFile?: string;
              /** known_hosts for the SSH host; default: the user's. The host key is always checked. */
              knownHostsFile?: string;
            };
          }
        | {
            type: 'kubernetes';
            /** API server URL, e.g. https://127.0.0.1:6443. Use this or `kubeconfig`. */
            url?: string;
            /**
             * Bearer token for the API server.
             * @visibility secret
             */
            token?: string;
            /** PEM CA bundle for the API server. */
            caData?: string;
            /** File holding the PEM CA bundle. */
            caFile?: string;
            /** Skip TLS verification. Only for throwaway local clusters. */
            skipTLSVerify?: boolean;
            /** A kubeconfig file to use instead of `url`. */
            kubeconfig?: string;
            /** The kubeconfig context; defaults to the file's current context. */
            context?: string;
          };
    };
  };
}

/** A metrics provider: `prometheus` (any Prometheus HTTP API) or a type a module registered. */
interface StagecraftMetricsProviderConfig {
  /** Default `prometheus`; `none` turns metrics off for this environment or target. */
  type?: string;
  /** The Prometheus HTTP API's base URL, e.g. `http://127.0.0.1:8428` (http or https). */
  url?: string;
  /**
   * Headers sent with every query, e.g. `Authorization: Bearer …`.
   * @visibility secret
   */
  headers?: { [name: string]: string };
  /** How long one query may take. Default 5000. */
  timeoutMs?: number;
  /**
   * PromQL per metric, replacing the default. Placeholders `{namespace}`, `{component}`,
   * `{project}` and `{environment}` become escaped label values, `{window}` the rate window
   * (e.g. `1m`). Each query must use `{component}` so it cannot show other workloads. cpu, memory
   * and restarts must keep a `pod` label; requests, errors and latency give one series.
   */
  queries?: {
    cpu?: string;
    memory?: string;
    restarts?: string;
    requests?: string;
    errors?: string;
    latency?: string;
  };
}

/** A traces provider: `jaeger` (the Jaeger query API) or a type a module registered. */
interface StagecraftTracesProviderConfig {
  /** Default `jaeger`; `none` turns traces off for this environment or target. */
  type?: string;
  /** The Jaeger query service's base URL, e.g. `http://127.0.0.1:16686`. */
  url?: string;
  /** The Jaeger UI as users' browsers reach it, for links. Default: `url`. */
  publicUrl?: string;
  /**
   * Headers sent with every query.
   * @visibility secret
   */
  headers?: { [name: string]: string };
  /** How long one query may take. Default 5000. */
  timeoutMs?: number;
  /**
   * Span or resource tags a trace must carry to be the deployment's, with the same
   * placeholders as metrics queries. Default `{ "k8s.namespace.name": "{namespace}" }`.
   */
  scopeTags?: { [tag: string]: string };
}
