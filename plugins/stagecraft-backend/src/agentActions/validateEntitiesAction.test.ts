import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fakeActions } from '../service/__testUtils__/fakeActions';
import { fakeRuntimeActions } from '../service/__testUtils__/fakeRuntimeActions';
import { fakeTrafficActions } from '../traffic/__testUtils__/fakeTrafficActions';
import { loadExampleCatalog } from '../traffic/__testUtils__/exampleTraffic';
import {
  EntityValidationService,
  MAX_VALIDATION_BYTES,
} from '../validation/EntityValidationService';
import { registerValidateEntitiesAction } from './validateEntitiesAction';

const example = loadExampleCatalog();
const checkoutApi = example.find(e => e.metadata.name === 'checkout-api')!;
const credentials = mockCredentials.user('user:default/jane');

function harness() {
  const registry = actionsRegistryServiceMock();
  const catalog = catalogServiceMock({ entities: example });
  for (const method of [
    'getEntities',
    'getEntitiesByRefs',
    'refreshEntity',
    'addLocation',
    'removeEntityByUid',
  ] as const)
    jest.spyOn(catalog, method);
  registerValidateEntitiesAction({
    registry,
    actions: fakeActions(),
    runtime: fakeRuntimeActions(),
    catalog,
    traffic: fakeTrafficActions(),
    validation: new EntityValidationService({ catalog }),
  });
  const invoke = async (yaml: unknown) =>
    (
      await registry.invoke({
        id: 'test:validate-entities',
        input: { yaml } as any,
        credentials,
      })
    ).output as any;
  return { registry, catalog, invoke };
}

/** checkout-api's autoscaler asks for up to 10 replicas; dev and staging allow fewer. */
const BOUNDED_AUTOSCALER = ['dev', 'staging'].map(environment =>
  expect.objectContaining({
    entity: 'component:default/checkout-api',
    code: 'autoscaler-bounded',
    environment,
    severity: 'warning',
  }),
);

const withSpec = (spec: object) =>
  stringify({ ...checkoutApi, spec: { ...checkoutApi.spec, ...spec } });

describe('validate-entities', () => {
  it("accepts the example organisation's checkout-api against the running catalog, read as the caller", async () => {
    const { invoke, catalog } = harness();
    await expect(invoke(stringify(checkoutApi))).resolves.toEqual({
      valid: true,
      compiled: true,
      problems: BOUNDED_AUTOSCALER,
    });
    expect(catalog.getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
  });

  it('reports a dependency the visibility forbids, in every environment of the pipeline', async () => {
    const { invoke } = harness();
    const output = await invoke(
      withSpec({ dependsOn: ['endpoint:inventory-tcp'] }),
    );
    expect(output.valid).toBe(false);
    expect(output.problems).toEqual([
      expect.objectContaining({
        entity: 'component:default/checkout-api',
        path: 'spec.dependsOn[0]',
        code: 'visibility-forbids-dependency',
        environment: 'dev, staging, production',
        severity: 'error',
      }),
      ...BOUNDED_AUTOSCALER,
    ]);
  });

  it('reports what the deploy schema refuses, by field', async () => {
    const { invoke } = harness();
    const output = await invoke(
      withSpec({
        deploy: { image: 'registry.acme-retail.example/x:1', replicas: -1 },
      }),
    );
    expect(output.valid).toBe(false);
    expect(output.problems.map((p: any) => p.path)).toContain(
      'spec.deploy.replicas',
    );
  });

  it('reports YAML that does not parse, without an entity', async () => {
    const { invoke } = harness();
    const output = await invoke('kind: Component\nmetadata: [unclosed\n');
    expect(output.valid).toBe(false);
    expect(output.problems[0].entity).toBeUndefined();
    expect(output.problems[0].message).toMatch(/^YAML document 1/);
  });

  it("accepts the example organisation's payments file as committed", async () => {
    const { invoke } = harness();
    const file = readFileSync(
      join(__dirname, '../../../../catalog-info/systems/payments.yaml'),
      'utf8',
    );
    await expect(invoke(file)).resolves.toEqual({
      valid: true,
      compiled: true,
      problems: BOUNDED_AUTOSCALER,
    });
  });

  it('refuses more than 256 KiB, in the schema and in the service', async () => {
    const { invoke } = harness();
    const big = `# ${'x'.repeat(MAX_VALIDATION_BYTES)}\n`;
    await expect(invoke(big)).rejects.toMatchObject({ name: 'InputError' });
    // Multi-byte characters: under the character limit, over the byte limit.
    const service = new EntityValidationService({
      catalog: catalogServiceMock({ entities: example }),
    });
    await expect(
      service.validateEntities(
        { yaml: `# ${'é'.repeat(MAX_VALIDATION_BYTES / 2 + 1)}` },
        { credentials },
      ),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('writes nothing: the catalog is only read', async () => {
    const { invoke, catalog } = harness();
    await invoke(stringify(checkoutApi));
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(catalog.removeEntityByUid).not.toHaveBeenCalled();
  });
});
