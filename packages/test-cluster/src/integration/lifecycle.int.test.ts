import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../control-plane/ProcessSupervisor';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { waitFor } from '../control-plane/waitFor';
import { describeWithCluster } from '../jest';

describeWithCluster('the harness leaves nothing behind', () => {
  it('stops every process it started and removes its directory', async () => {
    const cluster = await startLocalCluster({ mode: 'api' });
    const pids = cluster.processes.map(p => p.pid);
    expect(pids.every(isAlive)).toBe(true);

    await cluster.stop();

    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(cluster.dir)).toBe(false);
  });

  it.each([
    ['', []],
    [' after restarting its kube-apiserver', ['--restart-api-server']],
  ])(
    'cleans up when the process holding the cluster is interrupted%s',
    async (_, flags) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          join(__dirname, 'fixtures', 'holdCluster.ts'),
          ...flags,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const started = await new Promise<{ dir: string; pids: number[] }>(
        (resolve, reject) => {
          child.stdout.once('data', chunk =>
            resolve(JSON.parse(chunk.toString())),
          );
          child.once('exit', code =>
            reject(new Error(`holder exited early with ${code}`)),
          );
        },
      );
      expect(started.pids.every(isAlive)).toBe(true);

      child.kill('SIGINT');

      await waitFor(
        'the cluster processes to exit',
        async () => started.pids.every(pid => !isAlive(pid)),
        { timeoutMs: 20_000 },
      );
      await waitFor(
        'the directory to be removed',
        async () => !existsSync(started.dir),
        { timeoutMs: 5_000 },
      );
    },
  );
});
