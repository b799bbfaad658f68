import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { RenderResult } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { StagecraftApi, stagecraftApiRef } from '../../../api/StagecraftApi';
import { fakeStagecraftApi } from '../../../testUtils/fakeStagecraftApi';
import { exampleCatalog } from '../__fixtures__/exampleCatalog';

/** xyflow watches its container's size; jsdom has no ResizeObserver and lays nothing out. */
export function stubResizeObserver() {
  const original = globalThis.ResizeObserver;
  beforeAll(() => {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  afterAll(() => {
    globalThis.ResizeObserver = original;
  });
}

/**
 * How long to wait for a drawn graph: ELK's first layout in a test file warms up its compiled
 * Java, which can take seconds in jsdom.
 */
export const LAYOUT_WAIT = { timeout: 15_000 };

/** The example catalog entity with the given ref. */
export function catalogEntity(ref: string): Entity {
  const entity = exampleCatalog.find(e => stringifyEntityRef(e) === ref);
  if (!entity) throw new Error(`${ref} is not in the example catalog`);
  return entity;
}

function LocationDisplay() {
  return (
    <output aria-label="Current location">{useLocation().pathname}</output>
  );
}

/**
 * Renders a graph view on the entity page of `entity`, over the example catalog, with
 * deployments per component ref (components not listed have none).
 */
export function renderGraphView(
  element: JSX.Element,
  options: {
    entity: Entity;
    deployments?: Record<string, DeploymentStatus[]>;
    stagecraft?: Partial<StagecraftApi>;
    catalog?: Parameters<typeof catalogApiMock.mock>[0];
  },
): RenderResult & { api: jest.Mocked<StagecraftApi> } {
  const api = fakeStagecraftApi({
    listDeployments: async ref => options.deployments?.[ref] ?? [],
    ...options.stagecraft,
  });
  const catalog = options.catalog
    ? catalogApiMock.mock(options.catalog)
    : catalogApiMock({ entities: exampleCatalog });
  const rendered = renderInTestApp(
    <EntityProvider entity={options.entity}>
      {element}
      <LocationDisplay />
    </EntityProvider>,
    {
      apis: [
        [stagecraftApiRef, api],
        [catalogApiRef, catalog],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { api, ...rendered };
}
