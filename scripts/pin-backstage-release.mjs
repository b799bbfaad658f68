#!/usr/bin/env node
/*
 * Pins every @backstage/* package in yarn.lock to the Backstage release in backstage.json.
 *
 * Backstage packages depend on each other with caret ranges, so a fresh install mixes the
 * release we build on with newer ones (for example backend-defaults 0.18 beside plugins that
 * need 0.19 — the backend then dies at start). A release is a set of versions published
 * together; we pin each package to the newest version published before the release cutoff
 * and write the result to the root package.json "resolutions".
 *
 * Usage: node scripts/pin-backstage-release.mjs <cutoff ISO date>   (then `yarn install`)
 * Example for Backstage 1.55.0 (released 2026-09-16): node scripts/pin-backstage-release.mjs 2026-09-17
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cutoff = process.argv[2];
if (!cutoff || Number.isNaN(Date.parse(cutoff))) {
  console.error('usage: pin-backstage-release.mjs <cutoff ISO date, e.g. 2026-09-17>');
  process.exit(2);
}

const lock = await readFile('yarn.lock', 'utf8');
const names = [...new Set([...lock.matchAll(/^"?(@backstage\/[^@"]+)@/gm)].map(m => m[1]))].sort();

const compareSemver = (a, b) => {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

async function releaseVersion(name) {
  const { stdout } = await run('npm', ['view', name, 'time', '--json'], { maxBuffer: 1 << 24 });
  const released = Object.entries(JSON.parse(stdout))
    .filter(([version, date]) => /^\d+\.\d+\.\d+$/.test(version) && date < cutoff)
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
    else console.warn(`${name}: nothing published before ${cutoff}; left unpinned`);
  });
}

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const others = Object.fromEntries(
  Object.entries(pkg.resolutions ?? {}).filter(([k]) => !k.startsWith('@backstage/')),
);
pkg.resolutions = { ...others, ...pins };
await writeFile('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`pinned ${Object.keys(pins).length} @backstage packages to the release before ${cutoff}`);
