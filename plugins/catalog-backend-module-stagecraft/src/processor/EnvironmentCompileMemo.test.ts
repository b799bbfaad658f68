import { compileSafely } from '@stagecraft/plugin-stagecraft-node';
import { EntityHashes } from './EntityHashes';
import { EnvironmentCompileMemo } from './EnvironmentCompileMemo';
import {
  component,
  platform,
  stagecraft,
} from './__testUtils__/stagecraftCatalog';

describe('EnvironmentCompileMemo', () => {
  // web depends on api's endpoint; api is not deployed, so web's connection is pending.
  const entities = [
    ...platform,
    component('api', 'shop', {}),
    component('web', 'shop', {}, { dependsOn: ['endpoint:default/api-http'] }),
    stagecraft('Endpoint', 'api-http', {
      component: 'api',
      port: 8080,
      protocol: 'http',
      visibility: 'project',
    }),
  ];
  const input = {
    entities,
    environment: 'dev',
    deployed: ['component:default/web'],
  };

  it('keeps no pending connection: compileEveryStage never reports one', () => {
    expect(compileSafely(input).diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'pending' }),
    );
    const memo = new EnvironmentCompileMemo(new EntityHashes());
    expect(memo.compile(input).diagnostics).toEqual(
      compileSafely(input).diagnostics.filter(d => d.severity !== 'pending'),
    );
  });
});
