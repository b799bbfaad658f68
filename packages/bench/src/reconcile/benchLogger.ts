import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A logger for benchmarks: warnings and errors go to stderr (a failing reconcile must be
 * visible, or a stalled run looks like a slow one); info and debug, which the control plane
 * writes per drift and per correction, are dropped so they do not cost the measurement.
 */
export function benchLogger(): LoggerService {
  const write = (level: string) => (message: string, meta?: Error | object) => {
    const detail = meta instanceof Error ? `: ${meta.message}` : '';
    process.stderr.write(`[${level}] ${message}${detail}\n`);
  };
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
