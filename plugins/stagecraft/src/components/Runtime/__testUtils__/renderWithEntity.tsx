import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { RenderResult } from '@testing-library/react';
import { StagecraftApi, stagecraftApiRef } from '../../../api/StagecraftApi';
import { fakeStagecraftApi } from '../../../testUtils/fakeStagecraftApi';

/** A deployable Component, `component:default/checkout-api`. */
export const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'team-checkout',
    lifecycle: 'production',
    deploy: { image: 'registry.local/checkout-api:1.4.0' },
  },
};

/**
 * Renders an entity tab's content for `checkoutApi` in a test app whose StagecraftApi is a
 * fake with the given methods; returns the fake to assert calls on. With `catalogEntities`,
 * the app also has a catalog holding them (e.g. the pipeline that orders environments).
 */
export function renderWithEntity(
  element: JSX.Element,
  methods: Partial<StagecraftApi>,
  options: { catalogEntities?: Entity[] } = {},
): RenderResult & { api: jest.Mocked<StagecraftApi> } {
  const api = fakeStagecraftApi(methods);
  const catalog = options.catalogEntities
    ? ([
        [catalogApiRef, catalogApiMock({ entities: options.catalogEntities })],
      ] as const)
    : [];
  const rendered = renderInTestApp(
    <EntityProvider entity={checkoutApi}>{element}</EntityProvider>,
    { apis: [[stagecraftApiRef, api], ...catalog] },
  );
  return { api, ...rendered };
}
