export interface Config {
  stagecraft?: {
    /** Stagecraft's scaffolder actions. */
    scaffolder?: {
      /**
       * The embedded default for golden paths: git repositories on the backend's disk, read by
       * the catalog through file locations, so a template ends with a component in the catalog
       * without GitHub or GitLab. Real organisations use `publish:github` / `publish:gitlab`.
       */
      localRepositories?: {
        /**
         * Where `stagecraft:publish:local` creates one git repository per component
         * (`<directory>/<name>`), relative to the backend's working directory. The catalog
         * reads them through a file location in `catalog.locations`, e.g.
         * `{ type: file, target: <directory>/*\/catalog-info.yaml }` (no platform kinds).
         * Default `./.stagecraft/repositories`.
         */
        directory?: string;
        /**
         * The platform team's repository that `stagecraft:publish:platform` commits new
         * Environments, pipelines and component types into, relative to the backend's working
         * directory. The catalog reads it through a file location whose rules allow the
         * platform kinds, e.g. `{ type: file, target: <platformDirectory>/*.yaml }`. Default
         * `./.stagecraft/platform`.
         */
        platformDirectory?: string;
        /**
         * Seconds a publish waits for the catalog to show what it committed. Default 60.
         */
        catalogTimeoutSeconds?: number;
      };
    };
  };
}
