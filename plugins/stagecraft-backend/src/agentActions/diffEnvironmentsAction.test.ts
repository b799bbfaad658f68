import { NotFoundError } from '@backstage/errors';
import {
  deploymentStatus,
  RELEASE_ID,
} from '../service/__testUtils__/fakeActions';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';
import { MAX_DIFF_BYTES } from './manifestDiff';

const manifests = (o: {
  namespace: string;
  image: string;
  env: string;
  cpu: string;
}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout-api
  namespace: ${o.namespace}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: main
          image: ${o.image}
          env:
${o.env}
          resources:
            requests:
              cpu: ${o.cpu}
              memory: 128Mi
`;

const STAGING_YAML = manifests({
  namespace: 'shop-staging',
  image: 'ghcr.io/acme/checkout-api:1.4.2',
  env: [
    '            - name: LOG_LEVEL',
    '              value: debug',
    '            - name: DB_PASSWORD',
    '              valueFrom: {secretKeyRef: {name: db-staging, key: password}}',
    '            - name: FEATURE_X',
    '              value: "on"',
  ].join('\n'),
  cpu: '250m',
});
const PRODUCTION_YAML = manifests({
  namespace: 'shop-production',
  image: 'ghcr.io/acme/checkout-api:1.4.1',
  env: [
    '            - name: LOG_LEVEL',
    '              value: warn-level-value',
    '            - name: DB_PASSWORD',
    '              valueFrom: {secretKeyRef: {name: db-production, key: password}}',
  ].join('\n'),
  cpu: 1,
} as any);

describe('diff-environments', () => {
  function harness() {
    const h = agentActionsHarness();
    h.actions.getDeployment.mockImplementation(async ({ environment }) =>
      environment === 'staging'
        ? deploymentStatus
        : {
            ...deploymentStatus,
            environment,
            releaseId: 'b'.repeat(64),
            image: 'ghcr.io/acme/checkout-api:1.4.1',
            replicas: { desired: 4, ready: 4, updated: 4 },
          },
    );
    h.runtime.getManifests.mockImplementation(async ({ environment }) =>
      environment === 'staging' ? STAGING_YAML : PRODUCTION_YAML,
    );
    return h;
  }

  it('says field by field what differs, reading both sides as the caller', async () => {
    const { invoke, actions, runtime, credentials } = harness();
    const output = await invoke('diff-environments', {
      component: 'checkout-api',
      from: 'staging',
      to: 'production',
    });
    for (const environment of ['staging', 'production']) {
      const target = {
        componentRef: 'component:default/checkout-api',
        environment,
      };
      expect(actions.getDeployment).toHaveBeenCalledWith(target, {
        credentials,
      });
      expect(runtime.getManifests).toHaveBeenCalledWith(target, {
        credentials,
      });
    }
    expect(output.release).toEqual({
      from: RELEASE_ID,
      to: 'b'.repeat(64),
      same: false,
    });
    expect(output.images).toEqual({
      from: ['ghcr.io/acme/checkout-api:1.4.2'],
      to: ['ghcr.io/acme/checkout-api:1.4.1'],
      same: false,
    });
    expect(output.replicas).toEqual({ from: 2, to: 4, same: false });
    expect(output.containers).toEqual([
      {
        workload: 'Deployment checkout-api',
        container: 'main',
        imageFrom: 'ghcr.io/acme/checkout-api:1.4.2',
        imageTo: 'ghcr.io/acme/checkout-api:1.4.1',
        envOnlyInFrom: ['FEATURE_X'],
        envOnlyInTo: [],
        envValueDiffers: ['DB_PASSWORD', 'LOG_LEVEL'],
        resourcesFrom: {
          requests: { cpu: '250m', memory: '128Mi' },
          limits: {},
        },
        resourcesTo: { requests: { cpu: '1', memory: '128Mi' }, limits: {} },
        resourcesSame: false,
      },
    ]);
    expect(output.differences).toHaveLength(6);
    expect(output.differences).toContain(
      'Deployment checkout-api, container main: env DB_PASSWORD, LOG_LEVEL set differently',
    );
    // The fields name variables; their values are only in the manifests' own diff.
    const { manifestDiff, ...fields } = output;
    expect(JSON.stringify(fields)).not.toMatch(
      /warn-level-value|db-production/,
    );
    expect(manifestDiff).toContain('--- a/staging.yaml');
    expect(manifestDiff).toContain('+++ b/production.yaml');
    expect(manifestDiff).toContain(
      '-          image: ghcr.io/acme/checkout-api:1.4.2',
    );
    expect(manifestDiff).toContain(
      '+          image: ghcr.io/acme/checkout-api:1.4.1',
    );
    expect(output.manifestDiffTruncated).toBeUndefined();
    // Nor in the manifests' diff: names only, as the description promises.
    expect(manifestDiff).not.toMatch(/warn-level-value|debug|"on"/);
    expect(manifestDiff).toContain('               value: <hidden>');
    expect(manifestDiff).toContain('-            - name: FEATURE_X');
  });

  it('finds nothing to say about one environment compared with itself', async () => {
    const { invoke } = harness();
    const output = await invoke('diff-environments', {
      component: 'checkout-api',
      from: 'staging',
      to: 'staging',
    });
    expect(output.differences).toEqual([]);
    expect(output.manifestDiff).toBe('');
  });

  it('bounds the manifest diff and says so', async () => {
    const { invoke, runtime } = harness();
    // 400 changed lines of 100 bytes: a diff of about 80 KB.
    const yaml = (tag: string) =>
      Array.from(
        { length: 400 },
        (_, i) => `k${i}: ${tag}-${'v'.repeat(90)}\n`,
      ).join('');
    runtime.getManifests.mockImplementation(async ({ environment }) =>
      yaml(environment),
    );
    const output = await invoke('diff-environments', {
      component: 'checkout-api',
      from: 'staging',
      to: 'production',
    });
    expect(Buffer.byteLength(output.manifestDiff)).toBeLessThanOrEqual(
      MAX_DIFF_BYTES,
    );
    expect(output.manifestDiff).toContain('-k0: staging-');
    expect(output.manifestDiffTruncated).toMatch(
      /^the diff is cut at 65536 bytes of \d+$/,
    );
  });

  it('gives up on manifests that differ everywhere, and says where to look', async () => {
    const { invoke, runtime } = harness();
    const yaml = (tag: string) =>
      Array.from({ length: 3000 }, (_, i) => `k${i}: ${tag}\n`).join('');
    runtime.getManifests.mockImplementation(async ({ environment }) =>
      yaml(environment),
    );
    const output = await invoke('diff-environments', {
      component: 'checkout-api',
      from: 'staging',
      to: 'production',
    });
    expect(output.manifestDiff).toBe('');
    expect(output.manifestDiffTruncated).toContain(
      'differ too much for a line diff',
    );
    expect(output.manifestDiffTruncated).toContain('get-manifests');
  });

  it('passes a missing deployment on', async () => {
    const { invoke, actions } = harness();
    actions.getDeployment.mockRejectedValue(
      new NotFoundError('checkout-api is not deployed in production'),
    );
    await expect(
      invoke('diff-environments', {
        component: 'checkout-api',
        from: 'staging',
        to: 'production',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
