import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';

/** Every template file of templates/ (skeletons are not templates). */
function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' })
    .filter(path => path.endsWith('.yaml') && !path.includes('skeleton'))
    .filter(path => {
      const doc = parse(readFileSync(join(TEMPLATES_DIR, path), 'utf8'));
      return doc?.kind === 'Template';
    })
    .sort();
}

/** Each form text the portal renders as Markdown, with where it is. */
function markdownTexts(node: unknown, at: string): [string, string][] {
  if (Array.isArray(node))
    return node.flatMap((item, i) => markdownTexts(item, `${at}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'description' || key === 'ui:help') && typeof value === 'string'
      ? [[`${at}.${key}`, value] as [string, string]]
      : markdownTexts(value, `${at}.${key}`),
  );
}

describe('the templates’ form texts', () => {
  it('finds the eight templates', () => {
    expect(templateFiles()).toHaveLength(8);
  });

  // The form renders descriptions as Markdown, which drops an HTML-like `<name>` as a tag:
  // "registry.example/<name>:0.1.0" reached developers as "registry.example/:0.1.0".
  it.each(templateFiles())(
    '%s: no placeholder a Markdown description would swallow',
    file => {
      const template = parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
      const swallowed = markdownTexts(template.spec.parameters, 'parameters')
        .map(([where, text]) => [where, text.replace(/`[^`]*`/g, '')])
        .filter(([, text]) => /<[a-z][^>\s]*>/i.test(text));
      expect(swallowed).toEqual([]);
    },
  );
});
