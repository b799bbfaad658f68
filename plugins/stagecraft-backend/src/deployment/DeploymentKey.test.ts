import { deploymentKeyString, parseDeploymentKey } from './DeploymentKey';

describe('DeploymentKey', () => {
  it('reads back the key its string form was made from', () => {
    const key = {
      componentRef: 'component:team-a/orders',
      environment: 'staging',
    };
    expect(deploymentKeyString(key)).toBe('component:team-a/orders@staging');
    expect(parseDeploymentKey(deploymentKeyString(key))).toEqual(key);
  });

  it.each([
    'component:default/orders',
    '@staging',
    'component:default/orders@',
  ])('refuses %j, which no key makes', text => {
    expect(() => parseDeploymentKey(text)).toThrow(/is not a deployment key/);
  });
});
