import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleOrganisation, startUp } from '../__testUtils__/exampleStartup';
import {
  permittedPaths,
  readHistory,
  reopenedPaths,
} from '../__testUtils__/networkPaths';
import { headRevision } from './git';

describe('a start-up of the example organisation on a GitOps target', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'stagecraft-startup-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  // The second start-up has a fresh database over the repository the first one wrote (a
  // restored or replaced database, a second installation): before the trigger wrote its whole
  // pass before queueing, every provider reconciled ahead of a consumer was committed without
  // that consumer's ingress and reopened a commit later.
  it('commits each deployment once, and no commit cuts a path a later one restores', async () => {
    expect(await startUp(directory, exampleOrganisation())).toBe(12);
    const afterFirst = await headRevision(directory);
    expect(await startUp(directory, exampleOrganisation())).toBe(12);

    const history = await readHistory(directory);
    expect(history.map(c => c.subject.replace(/: release .*/, ''))).toEqual(
      expect.arrayContaining(['deploy fraud-screening to dev']),
    );
    const paths = history.map(c => ({
      subject: c.subject,
      environments: new Map(
        [...c.environments].map(([env, objects]) => [
          env,
          permittedPaths(objects),
        ]),
      ),
    }));
    expect(reopenedPaths(paths)).toEqual([]);
    // One commit per deployment: the first start-up's state is final, the second changes none.
    expect(history).toHaveLength(12);
    expect(await headRevision(directory)).toBe(afterFirst);
    // fraud-screening admits checkout-api in its very first commit.
    const fraud = history.find(c =>
      c.subject.startsWith('deploy fraud-screening'),
    )!;
    expect(
      [...permittedPaths(fraud.environments.get('dev')!)].some(
        p => p.includes('fraud-screening') && p.includes('checkout-api'),
      ),
    ).toBe(true);
  }, 60_000);
});
