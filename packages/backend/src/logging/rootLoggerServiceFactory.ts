import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import { Config } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { format, transports } from 'winston';
import { findConfigSecretsInWorker } from './configSecretsInWorker';

async function secretsOfChangedConfig(
  serialized: Record<string, unknown>,
  config: Config,
  logger: WinstonLogger,
): Promise<Iterable<string>> {
  const schema = await loadConfigSchema({ serialized: serialized as any });
  const enumerate = await createConfigSecretEnumerator({ logger, schema });
  return enumerate(config);
}

/** `backend.logger` as Backstage's root logger reads it. */
function loggerConfig(config: Config) {
  const overrides = config
    .getOptionalConfigArray('backend.logger.overrides')
    ?.map(
      (override): WinstonLoggerLevelOverride => ({
        matchers: override.getConfig('matchers').get(),
        level: override.getString('level'),
      }),
    );
  return {
    level: config.getOptionalString('backend.logger.level'),
    meta: config.getOptionalConfig('backend.logger.meta')?.get<object>(),
    overrides: overrides ?? [],
  };
}

/**
 * Backstage's root logger (`rootLoggerServiceFactory` of @backstage/backend-defaults, same
 * format, levels and secret redaction) with one change: the config's secret values are found
 * in a worker thread (see configSecretsInWorker.ts), so neither the TypeScript compiler that
 * loading the config schema needs nor the schema's validators enter the backend's own heap.
 */
export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const settings = loggerConfig(config);
    const logger = WinstonLogger.create({
      meta: { service: 'backstage', ...settings.meta },
      level: process.env.LOG_LEVEL || settings.level || 'info',
      format:
        process.env.NODE_ENV === 'production'
          ? format.json()
          : WinstonLogger.colorFormat(),
      transports: [new transports.Console()],
    });
    const found = await findConfigSecretsInWorker({
      data: config.getOptional<object>() ?? {},
      log: line => logger[line.level](line.message),
    });
    logger.addRedactions(found.secrets);
    // A changed config (a watched file) is enumerated here, from the schema the worker sent:
    // its new secrets are redacted within the compile of that schema (about a second), not
    // after another TypeScript compile. The compiled schema is not kept.
    config.subscribe?.(() =>
      secretsOfChangedConfig(found.schema, config, logger).then(
        secrets => logger.addRedactions(secrets),
        error =>
          logger.warn(
            `The changed config's secrets were not found, so they are not redacted from logs: ${error}`,
          ),
      ),
    );
    logger.setLevelOverrides(settings.overrides);
    config.subscribe?.(() =>
      logger.setLevelOverrides(loggerConfig(config).overrides),
    );
    return logger;
  },
});
