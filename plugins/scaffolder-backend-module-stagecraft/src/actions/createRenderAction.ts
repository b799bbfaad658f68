import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatProblem,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import {
  compileSafely,
  componentsDeployedIn,
  diagnosticProblem,
  documentProblems,
  PLATFORM_KINDS,
  serializeManifests,
  sourcesOf,
} from '@stagecraft/plugin-stagecraft-node';
import { environmentField } from './componentInput';
import {
  catalogContextFor,
  filePathField,
  isError,
  problemsError,
  readWorkspaceDocuments,
} from './workspaceDocuments';

/** Rendered YAML longer than this is left out of the output (the counts remain). */
const MAX_YAML_OUTPUT = 256 * 1024;

const PLATFORM = new Set(PLATFORM_KINDS.map(k => k.toLocaleLowerCase('en-US')));

/**
 * `stagecraft:render` — previews what the workspace's components become in one environment:
 * the same steps as `stagecraft render` (each document's problems, the components whose
 * pipeline has that stage, `compileSafely`), with the platform and the components' context
 * read from the catalog as the user running the template. Platform kinds in the file are not
 * used, as the catalog would not admit them from a developer's repository. Fails with every
 * problem; outputs the objects per kind and the warnings.
 *
 * @public
 */
export function createRenderAction(options: { catalog: CatalogService }) {
  return createTemplateAction({
    id: 'stagecraft:render',
    description:
      "Compiles the workspace catalog-info file's components for one environment, against the catalog, exactly as `stagecraft render` does. Outputs the number of Kubernetes objects per kind, the warnings and the YAML; fails the step with every problem.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Preview the manifests of the new component in dev',
        example:
          'steps:\n  - id: render\n    action: stagecraft:render\n    input:\n      environment: dev\n',
      },
    ],
    schema: {
      input: {
        filePath: filePathField,
        environment: z =>
          environmentField(z, 'The environment to render for, e.g. dev'),
      },
      output: {
        objects: z =>
          z
            .record(z.number())
            .describe(
              'Number of rendered objects per kind, e.g. {Deployment: 1}',
            ),
        total: z => z.number(),
        rendered: z => z.array(z.string()).describe('The components rendered'),
        diagnostics: z =>
          z
            .array(z.string())
            .describe('Warnings and pending connections, one line each'),
        yaml: z =>
          z
            .string()
            .describe('The rendered objects; empty when longer than 256 KiB'),
      },
    },
    async handler(ctx) {
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const { filePath = 'catalog-info.yaml', environment } = ctx.input;
      const parsed = await readWorkspaceDocuments(ctx.workspacePath, filePath);
      const documents = parsed.documents.filter(
        d => !PLATFORM.has(String(d.value.kind).toLocaleLowerCase('en-US')),
      );
      const problems = [...parsed.problems];
      for (const document of documents)
        problems.push(...(await documentProblems(document)));
      if (problems.some(isError))
        throw problemsError(filePath, problems.filter(isError));

      const own = documents.map(d => d.value as unknown as Entity);
      const ownRefs = new Set(own.map(e => lower(stringifyEntityRef(e))));
      const credentials = await ctx.getInitiatorCredentials();
      const context = await catalogContextFor(
        options.catalog,
        credentials,
        own,
      );
      const entities = [
        ...context.filter(e => !ownRefs.has(lower(stringifyEntityRef(e)))),
        ...own,
      ];
      // The workspace's components only: the catalog's are already running as they are.
      const membership = componentsDeployedIn(entities, environment);
      const deployed = membership.deployed.filter(r => ownRefs.has(lower(r)));
      const notes = membership.skipped
        .filter(s => ownRefs.has(lower(s.entityRef)))
        .map(
          s => `${s.entityRef} is not rendered for ${environment}: ${s.reason}`,
        );
      const result = compileSafely({ entities, environment, deployed });
      const sources = sourcesOf(documents);
      const found = result.diagnostics.map(d => diagnosticProblem(d, sources));
      if (found.some(isError))
        throw problemsError(filePath, found.filter(isError));
      const diagnostics = [...notes, ...found.map(formatProblem)];
      for (const line of diagnostics) ctx.logger.warn(line);

      const manifests = result.manifests.filter(m => {
        const component = m.metadata.labels?.[StagecraftLabel.Component];
        // Shared objects of the project (Namespace, default-deny policies) carry no component.
        return !component || deployed.some(r => r.endsWith(`/${component}`));
      });
      const objects: Record<string, number> = {};
      for (const m of manifests) objects[m.kind] = (objects[m.kind] ?? 0) + 1;
      const yaml = serializeManifests(manifests);
      ctx.logger.info(
        `${environment}: ${manifests.length} objects (${Object.entries(objects)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}) for ${deployed.join(', ') || 'no component'}`,
      );
      ctx.output('objects', objects);
      ctx.output('total', manifests.length);
      ctx.output('rendered', deployed);
      ctx.output('diagnostics', diagnostics);
      ctx.output('yaml', yaml.length <= MAX_YAML_OUTPUT ? yaml : '');
    },
  });
}

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
