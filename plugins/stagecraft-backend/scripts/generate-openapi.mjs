#!/usr/bin/env node
/*
 * Regenerates src/schema/openapi.generated.ts from src/schema/openapi.yaml: the spec as a typed
 * constant, which createValidatedOpenApiRouter needs to type the routes. Backstage's own
 * generator (`backstage-repo-tools package schema openapi generate --server`) does the same;
 * this script avoids adding repo-tools for one file. `openapi.test.ts` fails while they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const base = new URL('../src/schema/', import.meta.url);
const spec = parse(readFileSync(new URL('openapi.yaml', base), 'utf8'));
const target = new URL('openapi.generated.ts', base);
const current = readFileSync(target, 'utf8');
const next = current.replace(
  /^(export const spec = )[\s\S]*?(^} as const;)/m,
  (_, head, tail) => head + JSON.stringify(spec, null, 2).slice(0, -1) + tail,
);
writeFileSync(target, next);
console.log('wrote src/schema/openapi.generated.ts');
