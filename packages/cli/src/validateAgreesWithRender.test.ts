import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  ENVIRONMENTS,
  hostile,
  platform,
} from './__testUtils__/hostileCatalog';
import { run } from './program';

/** Runs the CLI, returning its output lines without the trailing summary line. */
async function lines(args: string[], stream: 'stdout' | 'stderr') {
  const out = { stdout: '', stderr: '' };
  await run(['node', 'stagecraft', ...args], {
    out: t => void (out.stdout += t),
    err: t => void (out.stderr += t),
  });
  return out[stream]
    .split('\n')
    .filter(l => l && !/^stagecraft |^\d+ problem\(s\)/.test(l));
}

const ENVIRONMENT_LIST = new RegExp(
  `^(.*?) in ((?:${ENVIRONMENTS.join('|')})(?:, (?:${ENVIRONMENTS.join(
    '|',
  )}))*): (.*)$`,
);

/** A validate line for several environments as one line per environment. */
function perEnvironment(
  line: string,
): { environment?: string; line: string }[] {
  const match = ENVIRONMENT_LIST.exec(line);
  if (!match) return [{ line }];
  const [, where, list, message] = match;
  return list.split(', ').map(environment => ({
    environment,
    line: `${where} in ${environment}: ${message}`,
  }));
}

/**
 * One rule in one place: for each hostile catalog, what `validate` reports is exactly what
 * `render --env <e>` reports for each environment of the pipeline — no more (a second rule
 * set), no less (a rule only the compiler knows).
 */
describe('validate and render agree', () => {
  const dir = createMockDirectory();

  it.each(Object.entries(hostile))('on %s', async (_name, piece) => {
    dir.setContent({ 'platform.yaml': platform, 'piece.yaml': piece });
    const validated = (await lines(['validate', dir.path], 'stdout')).flatMap(
      perEnvironment,
    );
    expect(validated.length).toBeGreaterThan(0);
    const ofDocuments = validated.filter(v => !v.environment).map(v => v.line);

    for (const environment of ENVIRONMENTS) {
      const rendered = (
        await lines(['render', '--env', environment, dir.path], 'stderr')
      ).filter(l => !l.includes(': pending: '));
      // With invalid documents render refuses before compiling, printing the same lines.
      const expected =
        ofDocuments.length > 0
          ? ofDocuments
          : validated
              .filter(v => v.environment === environment)
              .map(v => v.line);
      expect(rendered.sort()).toEqual(expected.sort());
    }
  });

  it('on the example catalog (nothing to report anywhere)', async () => {
    const catalog = `${__dirname}/../../../catalog-info`;
    await expect(lines(['validate', catalog], 'stdout')).resolves.toEqual([]);
    for (const environment of ENVIRONMENTS) {
      const rendered = await lines(
        ['render', '--env', environment, catalog],
        'stderr',
      );
      expect(rendered.filter(l => !l.includes(': pending: '))).toEqual([]);
    }
  });
});
