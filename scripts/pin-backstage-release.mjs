#!/usr/bin/env node
/*
 * Pins every @backstage/* package in yarn.lock to the Backstage release in backstage.json.
 *
 * Backstage packages depend on each other with caret ranges, so a fresh install mixes the
 * release we build on with newer ones (for example backend-defaults 0.18 beside plugins that
 * need 0.19 — the backend then dies at start). A release is a set of versions published
 * together. The release's own list (the versions @backstage/create-app of that release
 * templates) wins; every other package is pinned to its newest version published before the
 * release cutoff. The result goes to the root package.json "resolutions".
 *
 * Usage: node scripts/pin-backstage-release.mjs <create-app version> <cutoff ISO date>
 *        (then `yarn install`)
 * Backstage 1.55.0: node scripts/pin-backstage-release.mjs 0.9.2 2026-09-20
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const [createAppVersion, cutoff] = process.argv.slice(2);
if (!createAppVersion || !cutoff || Number.isNaN(Date.parse(cutoff))) {
  console.error(
    'usage: pin-backstage-release.mjs <create-app version> <cutoff ISO date>',
  );
  process.exit(2);
}

/** The versions a release's create-app templates: {name: version}. */
async function releaseManifest(version) {
  const dir = await mkdtemp(join(tmpdir(), 'create-app-'));
  try {
    await run('npm', [
      'pack',
      `@backstage/create-app@${version}`,
      '--pack-destination',
      dir,
    ]);
    await run('tar', [
      'xzf',
      join(dir, `backstage-create-app-${version}.tgz`),
      '-C',
      dir,
    ]);
    const require = createRequire(import.meta.url);
    const manifest = {};
    for (const group of ['packages', 'plugins']) {
      for (const name of await readdir(join(dir, 'package/dist', group))) {
        const file = join(
          dir,
          'package/dist',
          group,
          name,
          'package.json.cjs.js',
        );
        const pkg = require(file);
        const fullName =
          pkg.name ??
          `@backstage/${group === 'plugins' ? 'plugin-' : ''}${name}`;
        manifest[fullName] = pkg.version;
      }
    }
    return manifest;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const manifest = await releaseManifest(createAppVersion);

const lock = await readFile('yarn.lock', 'utf8');
const names = [
  ...new Set([...lock.matchAll(/^"?(@backstage\/[^@"]+)@/gm)].map(m => m[1])),
].sort();

const compareSemver = (a, b) => {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

async function releaseVersion(name) {
  if (manifest[name]) return manifest[name];
  const { stdout } = await run('npm', ['view', name, 'time', '--json'], {
    maxBuffer: 1 << 24,
  });
  const released = Object.entries(JSON.parse(stdout))
    .filter(
      ([version, date]) => /^\d+\.\d+\.\d+$/.test(version) && date < cutoff,
    )
    .map(([version]) => version)
    .sort(compareSemver);
  return released.at(-1);
}

const pins = {};
for (let i = 0; i < names.length; i += 8) {
  const batch = names.slice(i, i + 8);
  const versions = await Promise.all(batch.map(releaseVersion));
  batch.forEach((name, j) => {
    if (versions[j]) pins[name] = versions[j];
    else
      console.warn(
        `${name}: nothing published before ${cutoff}; left unpinned`,
      );
  });
}

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const others = Object.fromEntries(
  Object.entries(pkg.resolutions ?? {}).filter(
    ([k]) => !k.startsWith('@backstage/'),
  ),
);
pkg.resolutions = { ...others, ...pins };
await writeFile('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
console.log(
  `pinned ${
    Object.keys(pins).length
  } @backstage packages to the release before ${cutoff}`,
);
