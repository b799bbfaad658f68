import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

/** The repository's templates/ folder. */
export const TEMPLATES_DIR = join(__dirname, '../../../../templates');

/**
 * What the scaffolder's dry-run API takes for a template file: the template itself and the
 * files of its folder (the skeleton), as the portal's template editor sends them.
 */
export function dryRunRequestFor(templatePath: string) {
  const path = join(TEMPLATES_DIR, templatePath);
  const folder = dirname(path);
  return {
    template: parse(readFileSync(path, 'utf8')),
    directoryContents: filesUnder(folder).map(file => ({
      path: relative(folder, file),
      base64Content: readFileSync(file).toString('base64'),
    })),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The values a form starts with: each page's property defaults, as the portal fills them in
 * before the developer types anything.
 */
export function formDefaults(template: {
  spec: {
    parameters?: { properties?: Record<string, { default?: unknown }> }[];
  };
}): Record<string, unknown> {
  return Object.fromEntries(
    (template.spec.parameters ?? []).flatMap(page =>
      Object.entries(page.properties ?? {})
        .filter(([, property]) => property.default !== undefined)
        .map(([name, property]) => [name, property.default]),
    ),
  );
}
