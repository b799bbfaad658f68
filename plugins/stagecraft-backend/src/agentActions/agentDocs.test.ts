import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

/*
 * What an agent and its user read about the tools: docs/agents.md's tool table, the agent skill
 * (skills/stagecraft/SKILL.md, Agent Skills format) and the README that points to both. They
 * must name exactly the tools the plugin registers: a tool missing there is one a model is
 * never taught, a name that is not registered is one it calls in vain.
 */

const repoRoot = resolve(__dirname, '../../../..');
const read = (path: string) => readFileSync(resolve(repoRoot, path), 'utf8');

async function registeredTools(): Promise<string[]> {
  const { actions } = await agentActionsHarness().registry.list();
  return actions.map(a => a.name).sort();
}

/** Tools named in the first cell of a Markdown table row: | `stagecraft.<name>` | … */
function tableTools(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `stagecraft\.([a-z-]+)`/gm)]
    .map(m => m[1])
    .sort();
}

/** Every `stagecraft.<name>` the text mentions, but permissions (`stagecraft.deployment.read`). */
function mentionedTools(markdown: string): string[] {
  const names = [...markdown.matchAll(/stagecraft\.([a-z-]+)\b(?!\.)/g)];
  return [...new Set(names.map(m => m[1]))];
}

describe('the documentation agents read', () => {
  it('docs/agents.md lists every registered tool in its table, and no other', async () => {
    const docs = read('docs/agents.md');
    expect(tableTools(docs)).toEqual(await registeredTools());
  });

  describe('skills/stagecraft/SKILL.md', () => {
    const skill = read('skills/stagecraft/SKILL.md');
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(skill);

    it('opens with Agent Skills front matter: the directory as name, a description of when to use it', () => {
      expect(frontMatter).not.toBeNull();
      const meta = parse(frontMatter![1]);
      // The Agent Skills format: name in lower-case letters, digits and hyphens, at most 64
      // characters and equal to the skill's directory; description at most 1,024 characters.
      expect(meta.name).toBe('stagecraft');
      expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof meta.description).toBe('string');
      expect(meta.description.length).toBeGreaterThan(100);
      expect(meta.description.length).toBeLessThanOrEqual(1024);
      expect(meta.description).toMatch(/\bUse when\b/);
    });

    it('teaches every registered tool in its tables, and names no tool that does not exist', async () => {
      const registered = await registeredTools();
      expect(tableTools(skill)).toEqual(registered);
      expect(
        mentionedTools(skill).filter(t => !registered.includes(t)),
      ).toEqual([]);
      // The workflows call tools by bare name with their input: `promote {component, …}`.
      const workflows = skill.slice(skill.indexOf('\n## Workflow:'));
      const called = [...workflows.matchAll(/`([a-z-]+) \{/g)].map(m => m[1]);
      expect(called.length).toBeGreaterThan(10);
      expect(called.filter(t => !registered.includes(t))).toEqual([]);
    });

    it('has the model and the three workflows the issue asks for', () => {
      for (const heading of [
        '## The model',
        '## Tools',
        '## Workflow: ship a change to production',
        '## Workflow: find out why a component is down',
        '## Workflow: add a dependency',
      ])
        expect(skill).toContain(`\n${heading}\n`);
      for (const term of [
        'Project',
        'Component',
        'Endpoint',
        'Environment',
        'Pipeline',
      ])
        expect(skill).toContain(`**${term}**`);
    });
  });

  it('README links the agent docs and the skill from its Agents and CLI section', () => {
    const readme = read('README.md');
    const section = /\n## Agents and CLI\n([\s\S]*?)\n## /.exec(readme);
    expect(section).not.toBeNull();
    expect(section![1]).toContain('(docs/agents.md)');
    expect(section![1]).toContain('(skills/stagecraft/SKILL.md)');
  });
});
