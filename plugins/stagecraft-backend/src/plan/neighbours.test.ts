import { Entity } from '@backstage/catalog-model';
import type { Deployment } from '../database/DeploymentStore';
import { component } from '../__testUtils__/entities';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { deploymentsToReplan, neighboursOf } from './neighbours';

const endpoint = (name: string, served: string, namespace = 'default') => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Endpoint',
  metadata: { name, namespace },
  spec: { component: served, protocol: 'http', port: 8080 },
});

// shop: web → endpoint:default/api → api → endpoint:default/db → db; ops/metrics (namespace
// ops) → endpoint:ops/metrics-in, served by ops' collector; audit depends on nothing.
const web = component('web', 'shop', {
  type: 'service',
  dependsOn: ['endpoint:default/api', 'endpoint:ops/metrics-in'],
});
const api = component('api', 'shop', {
  type: 'service',
  dependsOn: ['endpoint:db'],
});
const db = component('db', 'shop', { type: 'service' });
const audit = component('audit', 'shop', { type: 'service' });
const collector: Entity = {
  ...component('collector', 'ops', { type: 'service' }),
  metadata: { name: 'collector', namespace: 'ops' },
};
const catalog = new CatalogSnapshot([
  web,
  api,
  db,
  audit,
  collector,
  endpoint('api', 'api'),
  endpoint('db', 'component:default/db'),
  endpoint('metrics-in', 'collector', 'ops'),
]);

const sorted = (refs: Set<string>) => [...refs].sort();

describe('neighboursOf', () => {
  it("names a consumer's providers, wherever their namespace", () => {
    expect(sorted(neighboursOf(catalog, [web]))).toEqual([
      'component:default/api',
      'component:ops/collector',
    ]);
  });

  it("names a provider's consumers and its own providers", () => {
    expect(sorted(neighboursOf(catalog, [api]))).toEqual([
      'component:default/db',
      'component:default/web',
    ]);
    expect(sorted(neighboursOf(catalog, [db]))).toEqual([
      'component:default/api',
    ]);
  });

  it('names nobody for a component without endpoints or dependencies', () => {
    expect(neighboursOf(catalog, [audit]).size).toBe(0);
  });

  it('unites the versions, so the provider of a dependency just removed is named', () => {
    const withoutDb = component('api', 'shop', { type: 'service' });
    expect(sorted(neighboursOf(catalog, [withoutDb]))).toEqual([
      'component:default/web',
    ]);
    expect(sorted(neighboursOf(catalog, [withoutDb, api]))).toEqual([
      'component:default/db',
      'component:default/web',
    ]);
  });

  it('never names the component itself, nor dependencies the catalog cannot resolve', () => {
    const selfish = component('api', 'shop', {
      type: 'service',
      dependsOn: ['endpoint:default/api', 'endpoint:default/gone', 'db'],
    });
    expect(sorted(neighboursOf(catalog, [selfish]))).toEqual([
      'component:default/web',
    ]);
  });
});

describe('deploymentsToReplan', () => {
  const deployment = (
    componentRef: string,
    environment: string,
    desiredState: Deployment['desiredState'] = 'deployed',
  ): Deployment => ({
    componentRef,
    environment,
    desiredState,
    releaseId: 'r',
    overrides: {},
    generation: 1,
    updatedBy: 'user:default/ann',
    updatedAt: new Date(0),
  });
  const deployments = [
    deployment('component:default/api', 'dev'),
    deployment('component:default/api', 'staging'),
    deployment('component:default/db', 'staging', 'undeployed'),
    deployment('component:default/web', 'staging'),
    deployment('component:default/audit', 'staging'),
    deployment('component:ops/collector', 'staging'),
  ];

  it("re-plans the neighbours deployed in the changed deployment's environment only", () => {
    expect(
      deploymentsToReplan({
        catalog,
        versions: [web],
        deployments,
        environment: 'staging',
      }),
    ).toEqual([
      { componentRef: 'component:default/api', environment: 'staging' },
      { componentRef: 'component:ops/collector', environment: 'staging' },
    ]);
  });

  it('skips neighbours that are not deployed there', () => {
    expect(
      deploymentsToReplan({
        catalog,
        versions: [api],
        deployments,
        environment: 'staging',
      }),
    ).toEqual([
      { componentRef: 'component:default/web', environment: 'staging' },
    ]);
    expect(
      deploymentsToReplan({
        catalog,
        versions: [db],
        deployments,
        environment: 'production',
      }),
    ).toEqual([]);
  });

  it('re-plans them in every environment after a catalog change', () => {
    expect(
      deploymentsToReplan({ catalog, versions: [db], deployments }),
    ).toEqual([
      { componentRef: 'component:default/api', environment: 'dev' },
      { componentRef: 'component:default/api', environment: 'staging' },
    ]);
  });
});
