import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  ENVIRONMENTS,
  hostile,
  platform,
} from './__testUtils__/hostileCatalog';
import { run } from './program';

/** Runs the CLI, returning its output lines without its own notes and summary line. */
async function lines(args: string[], stream: 'stdout' | 'stderr') {
  return (await allLines(args, stream)).filter(
    l => !/^stagecraft |^\d+ problem\(s\)/.test(l),
  );
}

async function allLines(args: string[], stream: 'stdout' | 'stderr') {
  const out = { stdout: '', stderr: '' };
  await run(['node', 'stagecraft', ...args], {
    out: t => void (out.stdout += t),
    err: t => void (out.stderr += t),
  });
  return out[stream].split('\n').filter(Boolean);
}

/** `<file>: <entity> [<field>]: <reason>` (validate) as `<entity>: <reason>`. */
const VALIDATE_LINE = /^\S+: (\S+)(?: \S+)?: (.*)$/;
/** `stagecraft render: <entity> is not rendered for <env>: <reason>` as `<entity>: <reason>`. */
const SKIPPED_LINE = /^stagecraft render: (\S+) is not rendered for \S+: (.*)$/;
const entityAndReason = (pattern: RegExp) => (line: string) =>
  line.replace(pattern, '$1: $2');

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
      const stderr = await allLines(
        ['render', '--env', environment, dir.path],
        'stderr',
      );
      const rendered = stderr.filter(
        l => !/^stagecraft /.test(l) && !l.includes(': pending: '),
      );
      // With invalid documents render refuses before compiling, printing the same lines.
      const refused = stderr.some(l =>
        / validation problem\(s\); nothing rendered$/.test(l),
      );
      const expected = refused
        ? ofDocuments
        : validated.filter(v => v.environment === environment).map(v => v.line);
      expect(rendered.sort()).toEqual(expected.sort());
      // Otherwise a component deployed nowhere (its pipeline is missing) is validate's problem
      // without an environment, and one render says it leaves out, for the same reason.
      const nowhere = refused
        ? []
        : ofDocuments.map(entityAndReason(VALIDATE_LINE));
      const skipped = stderr
        .filter(l => SKIPPED_LINE.test(l))
        .map(entityAndReason(SKIPPED_LINE));
      expect(skipped).toEqual(expect.arrayContaining(nowhere));
    }
  });

  it('on the example catalog (nothing to report but the bounded autoscaler)', async () => {
    const catalog = `${__dirname}/../../../catalog-info`;
    const relative = (l: string) =>
      l.replace(/^.*catalog-info\//, 'catalog-info/');
    // checkout-api's autoscaler asks for up to 10 replicas; dev and staging allow fewer.
    const BOUNDED_IN = ['dev', 'staging'];
    const bounded = (environments: string[]) =>
      environments
        .filter(environment => BOUNDED_IN.includes(environment))
        .map(environment =>
          expect.stringMatching(
            new RegExp(
              `^catalog-info/systems/payments\\.yaml: warning: component:default/checkout-api spec\\.deploy\\.traits in ${environment}: .* so it scales within \\d–\\d$`,
            ),
          ),
        );
    const validated = await lines(['validate', catalog], 'stdout');
    expect(validated.map(relative)).toEqual(bounded(ENVIRONMENTS));
    for (const environment of ENVIRONMENTS) {
      const rendered = await lines(
        ['render', '--env', environment, catalog],
        'stderr',
      );
      expect(
        rendered.filter(l => !l.includes(': pending: ')).map(relative),
      ).toEqual(bounded([environment]));
    }
  });
});
