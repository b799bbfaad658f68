import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import {
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  symlink,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The backend as production runs it: `yarn workspace backend build` (backstage-cli package
 * build) bundles packages/backend and every workspace package it depends on, built with
 * rollup and their `publishConfig` applied (`main: dist/index.cjs.js`, config schemas
 * compiled to JSON), into packages/backend/dist/bundle.tar.gz. A production image unpacks it
 * and installs the third-party dependencies (`yarn workspaces focus --all --production`);
 * here the unpacked bundle gets a node_modules of links into the repository's own, with the
 * workspace packages pointed at their built copies, so the same third-party code runs with
 * no TypeScript loader in the process.
 */
export async function prepareBuiltBackend(o: {
  repoRoot: string;
  dir: string;
  /** false: reuse packages/backend/dist from an earlier build. */
  build: boolean;
}): Promise<{ root: string; backendDir: string }> {
  const bundle = join(o.repoRoot, 'packages/backend/dist/bundle.tar.gz');
  if (o.build) {
    const log = join(o.dir, 'build.log');
    console.log(
      `building the backend (yarn workspace backend build; log: ${log})…`,
    );
    await run('yarn', ['workspace', 'backend', 'build'], o.repoRoot, log);
  } else if (!existsSync(bundle)) {
    throw new Error(
      `${bundle} is missing: run \`yarn workspace backend build\` or leave BENCH_BUILD unset`,
    );
  }
  const root = join(o.dir, 'built');
  await mkdir(root, { recursive: true });
  await run('tar', ['-xzf', bundle, '-C', root], o.repoRoot);
  const built = await workspacePackagesIn(root);
  await linkDependencies(join(o.repoRoot, 'node_modules'), root, built);
  return { root, backendDir: join(root, 'packages/backend') };
}

/** name → directory of every package.json in the unpacked bundle (packages/*, plugins/*). */
async function workspacePackagesIn(root: string): Promise<Map<string, string>> {
  const packages = new Map<string, string>();
  for (const group of ['packages', 'plugins']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of await readdir(groupDir)) {
      const manifest = join(groupDir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name: packageName } = JSON.parse(
        await readFile(manifest, 'utf8'),
      );
      packages.set(packageName, join(groupDir, name));
    }
  }
  return packages;
}

/**
 * `root/node_modules`: one link per entry of the repository's node_modules (scopes entered
 * one level), except workspace packages, which link to their built copy in `root` when the
 * bundle has one and are left out when it has not (the backend does not need them).
 */
async function linkDependencies(
  repoModules: string,
  root: string,
  built: Map<string, string>,
) {
  const target = join(root, 'node_modules');
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(repoModules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? (await readdir(join(repoModules, entry))).map(n => `${entry}/${n}`)
      : [entry];
    if (entry.startsWith('@'))
      await mkdir(join(target, entry), { recursive: true });
    for (const name of names) {
      const from = join(repoModules, name);
      if (built.has(name)) {
        await symlink(built.get(name)!, join(target, name));
      } else if (!(await isWorkspaceLink(from))) {
        await symlink(from, join(target, name));
      }
    }
  }
}

/** Whether a node_modules entry is yarn's link to a workspace package (not from the registry). */
async function isWorkspaceLink(path: string): Promise<boolean> {
  if (!(await lstat(path)).isSymbolicLink()) return false;
  return !resolve(join(path, '..'), await readlink(path)).includes(
    '/node_modules/',
  );
}

/** Runs a command to its end; its output goes to `logFile` (else this process's). */
function run(
  command: string,
  args: string[],
  cwd: string,
  logFile?: string,
): Promise<void> {
  const out = logFile ? openSync(logFile, 'w') : 'inherit';
  return new Promise<void>((ok, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', out, out] });
    child.once('error', fail);
    child.once('exit', code =>
      code === 0
        ? ok()
        : fail(
            new Error(
              `${command} ${args.join(' ')} exited with ${code}${
                logFile ? `; see ${logFile}` : ''
              }`,
            ),
          ),
    );
  }).finally(() => {
    if (typeof out === 'number') closeSync(out);
  });
}
