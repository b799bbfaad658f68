import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseAllDocuments, YAMLSeq } from 'yaml';
import { componentField, componentOf } from './componentInput';
import { filePathField } from './workspaceDocuments';

/**
 * `stagecraft:catalog:add-dependency` — adds an endpoint to a component's `spec.dependsOn` in
 * a catalog file of the workspace, keeping the file's comments and layout. Adding one that is
 * there already (in any spelling of its ref) changes nothing, so the step can run twice.
 * Whether the dependency is allowed (the endpoint exists, its visibility admits the
 * component's project) is `stagecraft:catalog:validate`'s to say, in the next step.
 *
 * @public
 */
export function createAddDependencyAction() {
  return createTemplateAction({
    id: 'stagecraft:catalog:add-dependency',
    description:
      "Adds an endpoint to a component's spec.dependsOn in a catalog-info file of the workspace, keeping comments. Validate afterwards with stagecraft:catalog:validate.",
    supportsDryRun: true,
    schema: {
      input: {
        filePath: filePathField,
        component: componentField,
        endpoint: z =>
          z
            .string()
            .min(1)
            .max(300)
            .describe(
              'The endpoint: its name or ref (endpoint:default/ledger-http)',
            ),
      },
      output: {
        changed: z => z.boolean(),
        dependsOn: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const { filePath = 'catalog-info.yaml' } = ctx.input;
      const component = componentOf(ctx.input.component);
      const endpoint = endpointRefOf(ctx.input.endpoint);
      const path = resolveSafeChildPath(ctx.workspacePath, filePath);
      const text = await readFile(path, 'utf8');
      const documents = parseAllDocuments(text);
      const document = documents.find(d => {
        const value = d.toJS?.() as any;
        return (
          value?.kind?.toLowerCase?.() === 'component' &&
          value?.metadata?.name === component.name &&
          (value?.metadata?.namespace ?? 'default') === component.namespace
        );
      });
      if (!document || !('contents' in document) || !isMap(document.contents))
        throw new InputError(
          `${filePath} does not declare ${stringifyEntityRef(component)}`,
        );
      const current = document.getIn(['spec', 'dependsOn']);
      const list: YAMLSeq = current && isSeq(current) ? current : new YAMLSeq();
      const refs = list.items.map(i => String((i as any)?.value ?? i));
      const wanted = stringifyEntityRef(parseEntityRef(endpoint));
      const present = refs.some(r => sameRef(r, wanted));
      // Written as the list writes its refs: in full when any of them names its namespace
      // (the New service form's picker does), else in the catalog's short style.
      const added = refs.some(r => r.includes('/')) ? wanted : endpoint;
      if (!present) {
        list.add(document.createNode(added));
        if (!current) document.setIn(['spec', 'dependsOn'], list);
        await writeFile(
          path,
          documents.map(d => d.toString()).join(''),
          'utf8',
        );
        ctx.logger.info(
          `${stringifyEntityRef(component)} now depends on ${endpoint}`,
        );
      } else {
        ctx.logger.info(
          `${stringifyEntityRef(component)} depends on ${endpoint} already`,
        );
      }
      ctx.output('changed', !present);
      ctx.output('dependsOn', present ? refs : [...refs, added]);
    },
  });
}

/** `endpoint:ledger-http` for the default namespace (the catalog's own style), else the full ref. */
function endpointRefOf(written: string): string {
  let ref;
  try {
    ref = parseEntityRef(written.trim(), {
      defaultKind: 'endpoint',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(`"${written}" is not an endpoint reference`);
  }
  if (ref.kind.toLowerCase() !== 'endpoint')
    throw new InputError(`"${written}" is a ${ref.kind}, not an endpoint`);
  return ref.namespace === 'default'
    ? `endpoint:${ref.name}`
    : stringifyEntityRef(ref);
}

function sameRef(written: string, wanted: string): boolean {
  try {
    return (
      stringifyEntityRef(
        parseEntityRef(written, {
          defaultKind: 'endpoint',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US') === wanted.toLocaleLowerCase('en-US')
    );
  } catch {
    return false;
  }
}
