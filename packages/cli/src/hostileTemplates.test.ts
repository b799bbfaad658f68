import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The real `stagecraft` binary on catalogs whose trait no evaluator could finish. Unmetered,
 * nine nested `map`s over ten-element lists (10⁹ elements) exhausted a 4 GB heap after 35 s,
 * and one `==` between two equal lists of shared references, eight levels deep, ran 13 s in a
 * single native call. Each must exit with the budget error instead. Run as a child process
 * with a 1 GB heap and a time limit, so a regression dies there, not in the test runner; how
 * fast the budget stops them is measured by `yarn bench:compile`, not asserted here.
 */
describe('stagecraft render with a hostile trait', () => {
  it.each([
    [
      'hostile-trait',
      /trait "fan-out": creates\[0\]\.template\.data\.items: \$\{\[0, 1, 2, .{1,80}…\} failed: over the CEL cost budget of 1000000 per template/,
    ],
    [
      'hostile-trait-shared',
      /trait "equal-twins": creates\[0\]\.template\.data\.equal: \$\{\[\[\[0,1,2,.{1,80}…\} failed: over the CEL cost budget of 1000000 per template/,
    ],
  ])(
    '%s: exits 1 with the CEL budget error, naming the trait and field',
    async (fixture, expected) => {
      const result = await new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>(done => {
        const child = execFile(
          process.execPath,
          [
            '--max-old-space-size=1024',
            resolve(__dirname, '../bin/stagecraft'),
            'render',
            '--env',
            'dev',
            resolve(__dirname, '__fixtures__', fixture),
          ],
          { timeout: 50_000, maxBuffer: 1 << 20 },
          (_error, stdout, stderr) =>
            done({ code: child.exitCode, stdout, stderr }),
        );
      });

      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/component:default\/api /);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr.length).toBeLessThan(2000);
      expect(result.code).toBe(1);
    },
    60_000,
  );
});
