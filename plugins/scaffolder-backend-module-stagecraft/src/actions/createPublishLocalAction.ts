import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stagecraftRepositoryWritePermission } from '../permissions';
import {
  createRepository,
  updateRepository,
} from '../repositories/commitToRepository';
import type { LocalCatalogRegistration } from '../repositories/LocalCatalogRegistration';
import type { LocalRepositories } from '../repositories/LocalRepositories';
import { entitiesOfFile } from '../repositories/entitiesOfFile';
import {
  gitAuthorOf,
  taskTrailer,
  workspaceFiles,
} from '../repositories/workspaceFiles';

/**
 * `stagecraft:publish:local` — the embedded default's publish step: commits the workspace as a
 * git repository under the configured directory (`create`), or as the next commit of one
 * (`update`, e.g. after `stagecraft:repository:checkout`), and has the catalog read it at once,
 * waiting until it shows the committed entities. A new repository is refused when the name is
 * taken or its entities exist elsewhere in the catalog; an update needs
 * `stagecraft.repository.write` on every entity the repository declares now. Repeating the
 * step in the same task (a resumed task) finds its own commit and makes no second one.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  repositories: LocalRepositories;
  registration: LocalCatalogRegistration;
  catalog: CatalogService;
  permissions: PermissionsService;
}) {
  const { repositories, registration } = options;
  return createTemplateAction({
    id: 'stagecraft:publish:local',
    description:
      "Commits the workspace to a git repository on the backend's disk (a new one, or the next commit of an existing one) and waits until the catalog shows its catalog-info.yaml. Needs no GitHub or GitLab; real organisations use publish:github or publish:gitlab with catalog:register instead.",
    supportsDryRun: true,
    schema: {
      input: {
        repository: z =>
          z
            .string()
            .describe(
              'The repository name: a DNS label, usually the component name',
            ),
        mode: z =>
          z
            .enum(['create', 'update'])
            .default('create')
            .describe('create a new repository, or update an existing one'),
        baseCommit: z =>
          z
            .string()
            .optional()
            .describe(
              'update: the commit the change was made from; refused if the repository moved on',
            ),
        sourcePath: z =>
          z.string().default('.').describe('The workspace directory to commit'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('The catalog file inside the repository'),
        commitMessage: z =>
          z.string().default('Created by a Stagecraft golden path'),
        register: z =>
          z
            .boolean()
            .default(true)
            .describe('Wait until the catalog shows the committed entities'),
      },
      output: {
        repository: z => z.string(),
        commitHash: z => z.string(),
        changed: z =>
          z.boolean().describe('false when there was nothing to commit'),
        catalogInfoUrl: z =>
          z.string().describe('The file location the catalog reads it from'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'The first Component of the file (else its first entity)',
            ),
        entityRefs: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const {
        repository: name,
        mode = 'create',
        sourcePath = '.',
        catalogInfoPath = 'catalog-info.yaml',
        commitMessage = 'Created by a Stagecraft golden path',
        register = true,
      } = ctx.input;
      const repo = repositories.component(name);
      const files = await workspaceFiles(ctx.workspacePath, sourcePath);
      const catalogInfo = files.find(f => f.path === catalogInfoPath);
      if (!catalogInfo)
        throw new InputError(
          `${sourcePath} has no ${catalogInfoPath}: the catalog would not know the repository`,
        );
      const entities = entitiesOfFile(catalogInfo.content, catalogInfoPath);
      refuseOtherKinds(entities, catalogInfoPath);
      const entityRefs = entities.map(e => stringifyEntityRef(e));
      const main = entities.find(e => e.kind === 'Component') ?? entities[0];
      const location = `file:${repo.dir}/${catalogInfoPath}`;
      ctx.output('repository', name);
      ctx.output('catalogInfoUrl', location);
      ctx.output('entityRefs', entityRefs);
      if (main) ctx.output('entityRef', stringifyEntityRef(main));
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${mode} repository ${name} with ${files.length} files`,
        );
        ctx.output('commitHash', 'dry-run');
        ctx.output('changed', false);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const request = {
        files,
        message: commitMessage,
        author: gitAuthorOf(ctx.user),
        trailer: taskTrailer(ctx.task.id, ctx.step?.id),
      };
      // Whatever the mode: the catalog would refuse an entity another location declares.
      await refuseTakenEntities(
        options.catalog,
        entityRefs,
        location,
        credentials,
      );
      let result;
      if (mode !== 'update') {
        result = await createRepository(repo, name, request);
      } else {
        const current = (await repo.committedFiles()).find(
          f => f.path === catalogInfoPath,
        );
        await authorizeUpdate(
          options.permissions,
          current ? entitiesOfFile(current.content, catalogInfoPath) : [],
          name,
          credentials,
        );
        result = await updateRepository(repo, name, {
          ...request,
          baseCommit: ctx.input.baseCommit,
        });
      }
      ctx.logger.info(
        result.changed
          ? `${name}: committed ${result.commit.slice(0, 12)}`
          : `${name}: nothing new to commit (at ${result.commit.slice(0, 12)})`,
      );
      ctx.output('commitHash', result.commit);
      ctx.output('changed', result.changed);

      if (register) {
        await registration.refreshLocationsUnder(
          repositories.options.directory,
        );
        await registration.waitUntilShown(entities, credentials, {
          timeoutSeconds: repositories.options.catalogTimeoutSeconds,
          logger: ctx.logger,
          signal: ctx.signal,
        });
        ctx.logger.info(`The catalog shows ${entityRefs.join(', ')}`);
      }
    },
  });
}

/**
 * What a component's repository may declare. The catalog's global rules admit more (Location,
 * User, Group, …) from any location; a published repository must not bring a User who is a
 * member of the platform team, nor a Location that reads other files of the backend's disk.
 */
const COMPONENT_REPOSITORY_KINDS = ['component', 'api', 'resource', 'endpoint'];

function refuseOtherKinds(entities: Entity[], path: string) {
  const others = entities.filter(
    e =>
      !COMPONENT_REPOSITORY_KINDS.includes(e.kind.toLocaleLowerCase('en-US')),
  );
  if (others.length > 0)
    throw new InputError(
      `${path} may declare Components, APIs, Resources and Endpoints only, not ${others
        .map(e => stringifyEntityRef(e))
        .join(
          ', ',
        )}: anything else belongs to the platform team's or the organisation's own catalog locations`,
    );
}

/** A repository may not declare what the catalog already has from elsewhere. */
async function refuseTakenEntities(
  catalog: CatalogService,
  entityRefs: string[],
  location: string,
  credentials: BackstageCredentials,
) {
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs },
    { credentials },
  );
  const taken = items.filter(
    (e): e is Entity =>
      !!e && e.metadata.annotations?.[ANNOTATION_LOCATION] !== location,
  );
  if (taken.length > 0)
    throw new ConflictError(
      `The catalog has ${taken
        .map(e => stringifyEntityRef(e))
        .join(', ')} already: choose another name`,
    );
}

/** Changing a repository needs the write permission on everything it declares now. */
async function authorizeUpdate(
  permissions: PermissionsService,
  current: Entity[],
  name: string,
  credentials: BackstageCredentials,
) {
  const refs = current.map(e => stringifyEntityRef(e));
  const decisions =
    refs.length > 0
      ? await permissions.authorize(
          refs.map(resourceRef => ({
            permission: stagecraftRepositoryWritePermission,
            resourceRef,
          })),
          { credentials },
        )
      : [];
  const refused = refs.filter(
    (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (refs.length === 0 || refused.length > 0)
    throw new NotAllowedError(
      refs.length === 0
        ? `${name} declares no catalog entity, so no one may change it through a template`
        : `You may not change the repository ${name}: it declares ${refused.join(
            ', ',
          )}, which only its owners (or the platform team) may change. Ask them to make the change`,
    );
}
