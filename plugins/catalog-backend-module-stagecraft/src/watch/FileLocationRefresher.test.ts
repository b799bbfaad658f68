import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  mkdtemp,
  mkdir,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLocationRefresher } from './FileLocationRefresher';
import { readWatchRoots } from './readWatchRoots';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const MARKER = 'component:default/marker';

/** A catalog whose entities came from `${root}/team/catalog-info.yaml` and from outside. */
async function setUp() {
  const base = await mkdtemp(join(tmpdir(), 'stagecraft-watch-'));
  const root = join(base, 'catalog-info');
  const outside = join(base, 'elsewhere');
  await mkdir(join(root, 'team'), { recursive: true });
  await mkdir(join(root, 'marker'));
  await mkdir(outside);
  const file = join(root, 'team', 'catalog-info.yaml');
  await writeFile(file, 'v1');
  // Written after a hostile or repeated input: once its refresh is seen, any refresh the input
  // caused (its events came first, under the same debounce) has been seen too.
  const marker = join(root, 'marker', 'catalog-info.yaml');
  await writeFile(marker, 'v1');
  await writeFile(join(outside, 'secret.yaml'), 'v1');
  // A link inside the root to a directory outside it.
  await symlink(outside, join(root, 'link'));
  const byLocation: Record<string, object[]> = {
    [`file:${file}`]: [{ kind: 'Component', metadata: { name: 'api' } }],
    [`file:${marker}`]: [{ kind: 'Component', metadata: { name: 'marker' } }],
    [`file:${join(root, 'new-team', 'catalog-info.yaml')}`]: [
      { kind: 'Component', metadata: { name: 'web' } },
    ],
    [`file:${join(outside, 'secret.yaml')}`]: [
      { kind: 'Component', metadata: { name: 'secret' } },
    ],
    [`file:${join(root, 'link', 'secret.yaml')}`]: [
      { kind: 'Component', metadata: { name: 'secret' } },
    ],
  };
  const refreshed: string[] = [];
  const refresher = new FileLocationRefresher({
    roots: [root],
    catalog: {
      getEntities: async (request: any) => ({
        items:
          byLocation[
            request.filter[
              'metadata.annotations.backstage.io/managed-by-location'
            ]
          ] ?? [],
      }),
      refreshEntity: async (ref: string) => void refreshed.push(ref),
    } as any,
    credentials: async () => mockCredentials.service(),
    logger: mockServices.logger.mock(),
    debounceMs: 50,
  });
  await refresher.start();
  /** Writes the marker file and waits until its refresh is seen. */
  const markAndWait = async () => {
    await writeFile(marker, 'v2');
    await waitFor(() => refreshed.includes(MARKER));
  };
  return { base, root, outside, file, refresher, refreshed, markAndWait };
}

async function waitFor(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(20);
}

describe('FileLocationRefresher', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    s = await setUp();
  });
  afterEach(async () => {
    s.refresher.stop();
    await rm(s.base, { recursive: true, force: true });
  });

  it('refreshes the entities of a file once per burst of writes', async () => {
    await writeFile(s.file, 'v2');
    await writeFile(s.file, 'v3');
    await writeFile(s.file, 'v4');
    await waitFor(() => s.refreshed.length > 0);
    await s.markAndWait();
    expect(s.refreshed).toEqual(['component:default/api', MARKER]);
  });

  it('follows an editor that saves by renaming a temporary file over the original', async () => {
    const temp = join(s.root, 'team', '.catalog-info.yaml.swp');
    await writeFile(temp, 'v2');
    await rename(temp, s.file);
    await waitFor(() => s.refreshed.length > 0);
    expect(s.refreshed).toEqual(['component:default/api']);
  });

  it('watches directories created later', async () => {
    await mkdir(join(s.root, 'new-team'));
    await sleep(100);
    const file = join(s.root, 'new-team', 'catalog-info.yaml');
    await writeFile(file, 'v1');
    await waitFor(() => s.refreshed.length > 0);
    expect(s.refreshed).toEqual(['component:default/web']);
  });

  it('sees a file written into a new directory before that directory is watched', async () => {
    // What `git checkout` does to a directory it recreates: the directory and its file come
    // in one go, before the parent's event is handled and the new directory's watch exists.
    mkdirSync(join(s.root, 'new-team'));
    writeFileSync(join(s.root, 'new-team', 'catalog-info.yaml'), 'v1');
    await waitFor(() => s.refreshed.length > 0);
    expect(s.refreshed).toEqual(['component:default/web']);
  });

  it('keeps watching a directory removed and created again at once', async () => {
    // `rm -rf team && cp -r … team`, or a `git checkout` that recreates it: a new directory under
    // the watched name, which the old directory's watch does not follow.
    rmSync(join(s.root, 'team'), { recursive: true });
    mkdirSync(join(s.root, 'team'));
    writeFileSync(s.file, 'v2');
    await waitFor(() => s.refreshed.length > 0);
    await s.markAndWait();
    s.refreshed.length = 0;
    await writeFile(s.file, 'v3');
    await waitFor(() => s.refreshed.length > 0);
    expect(s.refreshed).toEqual(['component:default/api']);
  });

  it('does not take a directory renamed away for the new one under its name', async () => {
    renameSync(join(s.root, 'team'), join(s.root, 'team.old'));
    mkdirSync(join(s.root, 'team'));
    writeFileSync(s.file, 'v2');
    await waitFor(() => s.refreshed.length > 0);
    expect(s.refreshed).toEqual(['component:default/api']);
    await s.markAndWait();
    s.refreshed.length = 0;
    // An edit in the old directory is not an edit of the file the location names.
    await writeFile(join(s.root, 'team.old', 'catalog-info.yaml'), 'v3');
    await s.markAndWait();
    expect(s.refreshed).toEqual([MARKER]);
  });

  it('never reacts to paths outside its roots, also not through a symbolic link', async () => {
    await writeFile(join(s.outside, 'secret.yaml'), 'v2');
    await writeFile(join(s.root, 'link', 'secret.yaml'), 'v3');
    await writeFile(join(s.root, 'team', 'notes.txt'), 'not yaml');
    await s.markAndWait();
    expect(s.refreshed).toEqual([MARKER]);
  });
});

describe('readWatchRoots', () => {
  const config = (data: object) => mockServices.rootConfig({ data });

  it('watches the directories of file locations, up to their first glob, and extra directories', () => {
    expect(
      readWatchRoots(
        config({
          catalog: {
            locations: [
              { type: 'file', target: '../../catalog-info/all.yaml' },
              { type: 'file', target: '../../catalog-info/platform/*.yaml' },
              {
                type: 'file',
                target: '../../.stagecraft/repositories/*/c.yaml',
              },
              {
                type: 'url',
                target: 'https://example.com/x/catalog-info.yaml',
              },
              { type: 'file', target: '/catalog-info.yaml' },
            ],
          },
          stagecraft: { catalogWatch: { directories: ['../../golden'] } },
        }),
        '/work/main/packages/backend',
      ),
    ).toEqual([
      '/work/main/catalog-info',
      '/work/main/.stagecraft/repositories',
      '/work/main/golden',
    ]);
  });

  it('watches nothing when turned off', () => {
    expect(
      readWatchRoots(
        config({
          catalog: { locations: [{ type: 'file', target: './a.yaml' }] },
          stagecraft: { catalogWatch: { enabled: false } },
        }),
      ),
    ).toEqual([]);
  });
});
