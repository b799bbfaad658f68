import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
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
 * fake with the given methods; returns the fake to assert calls on.
 */
export function renderWithEntity(
  element: JSX.Element,
  methods: Partial<StagecraftApi>,
): RenderResult & { api: jest.Mocked<StagecraftApi> } {
  const api = fakeStagecraftApi(methods);
  const rendered = renderInTestApp(
    <EntityProvider entity={checkoutApi}>{element}</EntityProvider>,
    { apis: [[stagecraftApiRef, api]] },
  );
  return { api, ...rendered };
}
