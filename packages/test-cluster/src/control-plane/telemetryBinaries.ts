import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BinariesUnavailableError, findRepoRoot } from './binaries';

const run = promisify(execFile);

/** Paths of the telemetry servers built by `tools/k8s/build.sh`, each pinned in its own module. */
export interface TelemetryBinaries {
  metricsServer: string;
  victoriaMetrics: string;
  jaeger: string;
}

const NAMES: Record<string, keyof TelemetryBinaries> = {
  'metrics-server': 'metricsServer',
  'victoria-metrics': 'victoriaMetrics',
  jaeger: 'jaeger',
};

/**
 * Where build.sh keeps the telemetry servers (`--print-telemetry`), checked to be there. Build
 * them with `tools/k8s/build.sh` (or `locateBinaries({ build: true })`, which runs it).
 */
export async function locateTelemetryBinaries(): Promise<TelemetryBinaries> {
  const script = join(findRepoRoot(), 'tools', 'k8s', 'build.sh');
  const { stdout } = await run(script, ['--print-telemetry']).catch(error => {
    throw new BinariesUnavailableError(
      `tools/k8s/build.sh --print-telemetry failed: ${
        (error as Error).message
      }`,
      { cause: error },
    );
  });
  const found: Partial<TelemetryBinaries> = {};
  for (const line of stdout.trim().split('\n')) {
    const [name, path] = line.split('=', 2);
    if (NAMES[name] && path) found[NAMES[name]] = path;
  }
  for (const [name, key] of Object.entries(NAMES)) {
    const path = found[key];
    await access(path ?? '', constants.X_OK).catch(() => {
      throw new BinariesUnavailableError(
        `${
          path ?? name
        } is missing; run tools/k8s/build.sh (needs Go 1.26+) to build the telemetry servers`,
      );
    });
  }
  return found as TelemetryBinaries;
}
