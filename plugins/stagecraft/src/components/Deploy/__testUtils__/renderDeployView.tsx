import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { RenderResult } from '@testing-library/react';
import { StagecraftApi, stagecraftApiRef } from '../../../api/StagecraftApi';
import { fakeStagecraftApi } from '../../../testUtils/fakeStagecraftApi';
import { catalogEntities, checkoutApi } from './deployFixtures';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/**
 * A PermissionApi that allows everything except the named permissions. (The plugin does not
 * depend on plugin-permission-common, whose AuthorizeResult enum `mockApis.permission` wants;
 * its values are these strings.)
 */
export function fakePermissionApi(denied: string[] = []): PermissionApi {
  return {
    authorize: async ({ permission }) =>
      ({
        result: denied.includes(permission.name) ? 'DENY' : 'ALLOW',
      } as Decision),
  };
}

export interface RenderOptions {
  entity?: Entity;
  /** Catalog contents; the component, the default pipeline and the environments by default. */
  entities?: Entity[];
  /** Replaces the in-memory catalog, e.g. with one that fails. */
  catalogApi?: CatalogApi;
  /** Names of the permissions the user lacks. */
  denied?: string[];
  /** Replaces the permission API built from `denied`. */
  permissionApi?: PermissionApi;
  /** The signed-in user; `user:default/guest` by default. */
  userEntityRef?: string;
}

/**
 * Renders an entity view for a deployable component in a test app with a fake Stagecraft API
 * (only `methods`), an in-memory catalog and a permission API; returns the fake.
 */
export function renderEntityView(
  element: JSX.Element,
  methods: Partial<StagecraftApi>,
  options: RenderOptions = {},
): RenderResult & { api: jest.Mocked<StagecraftApi>; catalogApi: CatalogApi } {
  const api = fakeStagecraftApi(methods);
  const catalogApi =
    options.catalogApi ??
    catalogApiMock({ entities: options.entities ?? catalogEntities });
  const rendered = renderInTestApp(
    <EntityProvider entity={options.entity ?? checkoutApi}>
      {element}
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [stagecraftApiRef, api],
        [catalogApiRef, catalogApi],
        [
          permissionApiRef,
          options.permissionApi ?? fakePermissionApi(options.denied),
        ],
        mockApis.identity({
          userEntityRef: options.userEntityRef ?? 'user:default/guest',
        }),
      ],
    },
  );
  return { api, catalogApi, ...rendered };
}
