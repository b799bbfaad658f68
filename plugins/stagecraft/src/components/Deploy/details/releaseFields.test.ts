import { diffFields, releaseFields } from './releaseFields';

const snapshot = {
  image: 'ghcr.io/acme/checkout:1.4.0',
  component: {
    spec: {
      deploy: {
        image: 'ghcr.io/acme/checkout:1.4.0',
        replicas: 2,
        env: { LOG_LEVEL: 'info', REGION: 'eu' },
        secretEnv: { DB_PASSWORD: { secret: 'checkout-db', key: 'password' } },
        resources: {
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { memory: '512Mi' },
        },
        traits: [
          { name: 'autoscale', parameters: { min: 2, max: 6 } },
          { name: 'metrics', parameters: {} },
        ],
        environments: {
          prod: {
            replicas: 4,
            env: { LOG_LEVEL: 'warn' },
            resources: { limits: { memory: '1Gi' } },
          },
        },
      },
    },
  },
};

describe('releaseFields', () => {
  it('labels what a release specifies for an environment without overrides', () => {
    expect(Object.fromEntries(releaseFields(snapshot, 'dev'))).toEqual({
      Image: 'ghcr.io/acme/checkout:1.4.0',
      Replicas: '2',
      'Env LOG_LEVEL': 'info',
      'Env REGION': 'eu',
      'Secret env DB_PASSWORD': 'secret checkout-db, key password',
      'CPU request': '250m',
      'Memory request': '256Mi',
      'Memory limit': '512Mi',
      'Trait autoscale': 'min: 2, max: 6',
      'Trait metrics': 'on',
    });
  });

  it('applies the environment override: scalars and resources replaced, env merged', () => {
    expect(Object.fromEntries(releaseFields(snapshot, 'prod'))).toEqual(
      expect.objectContaining({
        Replicas: '4',
        'Env LOG_LEVEL': 'warn',
        'Env REGION': 'eu',
        'Memory limit': '1Gi',
      }),
    );
    expect(releaseFields(snapshot, 'prod').has('CPU request')).toBe(false);
  });

  it('reads a snapshot without a component as having only its image', () => {
    expect(
      Object.fromEntries(releaseFields({ image: 'nginx:1' }, 'dev')),
    ).toEqual({
      Image: 'nginx:1',
    });
  });
});

describe('diffFields', () => {
  it('lists only the fields that differ, including ones one side lacks', () => {
    const dev = releaseFields(snapshot, 'dev');
    const prod = releaseFields(snapshot, 'prod');
    expect(diffFields(dev, prod)).toEqual([
      { field: 'Replicas', left: '2', right: '4' },
      { field: 'Env LOG_LEVEL', left: 'info', right: 'warn' },
      { field: 'CPU request', left: '250m', right: undefined },
      { field: 'Memory request', left: '256Mi', right: undefined },
      { field: 'Memory limit', left: '512Mi', right: '1Gi' },
    ]);
  });

  it('finds nothing to list between identical releases', () => {
    expect(
      diffFields(
        releaseFields(snapshot, 'dev'),
        releaseFields(snapshot, 'dev'),
      ),
    ).toEqual([]);
  });
});
