import { existsSync } from 'node:fs';
import { isAlive, stopPids } from '../control-plane/ProcessSupervisor';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { describeWithTelemetry } from '../jest';

describeWithTelemetry('the telemetry servers leave with the cluster', () => {
  it('stops metrics-server, VictoriaMetrics and Jaeger as `yarn cluster:down` does, and their ports close', async () => {
    // As `yarn cluster:up` starts them: detached, to outlive the command.
    const cluster = await startLocalCluster({
      mode: 'full',
      telemetry: true,
      background: true,
    });
    const names = cluster.processes.map(p => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['metrics-server', 'victoria-metrics', 'jaeger']),
    );
    const { metricsUrl, tracesUrl } = cluster.telemetry!;
    // They answer while the cluster runs …
    expect((await fetch(`${metricsUrl}/health`)).status).toBe(200);
    expect((await fetch(`${tracesUrl}/api/services`)).status).toBe(200);
    const pids = cluster.processes.map(p => p.pid);

    // … and `yarn cluster:down` ends them: it signals the PIDs `up` recorded, these.
    await stopPids(pids);

    expect(
      cluster.processes.filter(p => isAlive(p.pid)).map(p => p.name),
    ).toEqual([]);
    for (const url of [metricsUrl, tracesUrl])
      await expect(fetch(url)).rejects.toThrow();
    await cluster.stop();
    expect(existsSync(cluster.dir)).toBe(false);
  }, 120_000);
});
