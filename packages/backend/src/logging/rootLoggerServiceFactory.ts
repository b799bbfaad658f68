import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import { Config } from '@backstage/config';
import { format, transports } from 'winston';
import { loadConfigSchemaInWorker } from './configSchemaInWorker';

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
 * format, levels and secret redaction) with one change: the config schema that tells it which
 * values are secrets is loaded in a worker thread (see configSchemaInWorker.ts), so the
 * TypeScript compiler that loading needs never enters the backend's own heap.
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
    const schema = await loadConfigSchemaInWorker({
      onSchemaError: message => logger.warn(message),
    });
    const secretEnumerator = await createConfigSecretEnumerator({
      logger,
      schema,
    });
    logger.addRedactions(secretEnumerator(config));
    config.subscribe?.(() => logger.addRedactions(secretEnumerator(config)));
    logger.setLevelOverrides(settings.overrides);
    config.subscribe?.(() =>
      logger.setLevelOverrides(loggerConfig(config).overrides),
    );
    return logger;
  },
});
