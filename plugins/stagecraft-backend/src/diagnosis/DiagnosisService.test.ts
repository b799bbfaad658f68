import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { container, evidenceOf, pod } from './__testUtils__/evidence';
import { DiagnosisService } from './DiagnosisService';

const ctx = { credentials: mockCredentials.user('user:default/jane') };
const key = {
  componentRef: 'component:default/checkout-api',
  environment: 'dev',
};

function fakes() {
  const base = evidenceOf();
  const crashing = container({
    ready: false,
    restarts: 2,
    state: 'waiting',
    stateReason: 'CrashLoopBackOff',
    lastTermination: { reason: 'Error', exitCode: 1 },
  });
  const lines: LogLine[] = [
    { pod: 'api-1', container: 'app', text: 'connecting to db' },
    { pod: 'api-1', container: 'app', text: 'FATAL: no db' },
  ];
  return {
    actions: {
      getDeployment: jest.fn(async (k: typeof key) => {
        if (k.componentRef === key.componentRef) return base.status;
        if (k.componentRef === 'component:default/secret-thing')
          throw new NotAllowedError(
            'may not read component:default/secret-thing',
          );
        throw new NotFoundError('no deployment');
      }),
      listHistory: jest.fn(async () => base.history),
      listDrift: jest.fn(async () => []),
    },
    runtime: {
      getRuntime: jest.fn(async () => ({
        ...base.runtime,
        pods: [pod('api-1', [crashing])],
      })),
      openLogs: jest.fn(async () => [
        {
          pod: 'api-1',
          container: 'app',
          async *lines() {
            yield* lines;
          },
        },
      ]),
    },
    traffic: {
      explainTraffic: jest.fn(async (q: { toRef: string }): Promise<any> => {
        throw new NotFoundError(`${q.toRef} is not in the catalog`);
      }),
      getDependencies: jest.fn(async () => ({
        componentRef: key.componentRef,
        dependsOn: [
          {
            consumerRef: key.componentRef,
            endpointRef: 'endpoint:default/a',
            declaredAt: 'spec.dependsOn[0]',
            providerRef: 'component:default/payments',
          },
          {
            consumerRef: key.componentRef,
            endpointRef: 'endpoint:default/b',
            declaredAt: 'spec.dependsOn[1]',
            providerRef: 'component:default/secret-thing',
          },
        ],
        dependedOnBy: [],
        unreadableConsumers: 0,
      })),
    },
  };
}

describe('DiagnosisService', () => {
  it('refuses a caller who may not read the deployment before reading anything else', async () => {
    const deps = fakes();
    deps.actions.getDeployment.mockRejectedValueOnce(
      new NotAllowedError('denied'),
    );
    await expect(new DiagnosisService(deps).diagnose(key, ctx)).rejects.toThrow(
      NotAllowedError,
    );
    expect(deps.runtime.getRuntime).not.toHaveBeenCalled();
    expect(deps.runtime.openLogs).not.toHaveBeenCalled();
    expect(deps.actions.listHistory).not.toHaveBeenCalled();
  });

  it('reads everything as the caller, quotes the failing container’s last lines, and looks up providers', async () => {
    const deps = fakes();
    const result = await new DiagnosisService(deps).diagnose(key, ctx);
    expect(deps.runtime.getRuntime).toHaveBeenCalledWith(key, ctx);
    expect(deps.runtime.openLogs).toHaveBeenCalledWith(
      key,
      {
        pod: 'api-1',
        container: 'app',
        tailLines: 20,
        follow: false,
        timestamps: true,
      },
      ctx,
    );
    expect(deps.actions.getDeployment).toHaveBeenCalledWith(
      { componentRef: 'component:default/payments', environment: 'dev' },
      ctx,
    );
    const [crash, ...rest] = result.findings;
    expect(
      crash.evidence.filter(e => e.kind === 'log').map(e => e.text),
    ).toEqual(['connecting to db', 'FATAL: no db']);
    // payments has no deployment in dev: deploy it first. secret-thing may not be read: no
    // finding names what the caller may not see.
    expect(rest.map(f => f.nextStep.action?.input.componentRef)).toEqual([
      'component:default/payments',
    ]);
    expect(JSON.stringify(result)).not.toContain('may not read');
  });

  it('turns evidence it cannot read into gaps', async () => {
    const deps = fakes();
    deps.traffic.getDependencies.mockRejectedValueOnce(
      new Error('catalog down'),
    );
    deps.runtime.openLogs.mockRejectedValueOnce(new Error('pod is gone'));
    const result = await new DiagnosisService(deps).diagnose(key, ctx);
    expect(result.gaps).toEqual([
      'dependencies: catalog down',
      'logs of api-1/app: pod is gone',
    ]);
    expect(result.findings[0].rule).toBe('crash-loop');
  });

  it('asks explain-traffic about connections the logs say failed, and quotes its step', async () => {
    const deps = fakes();
    deps.runtime.openLogs.mockResolvedValueOnce([
      {
        pod: 'api-1',
        container: 'app',
        async *lines() {
          yield {
            pod: 'api-1',
            container: 'app',
            text: 'Error: connect ECONNREFUSED orders.shop-dev.svc:8080',
          };
        },
      },
    ]);
    deps.traffic.explainTraffic.mockResolvedValueOnce({
      allowed: false,
      reason:
        'component:default/checkout-api does not declare a dependency on endpoint:default/orders-http, and undeclared traffic stays blocked',
      fromRef: key.componentRef,
      toRef: 'component:default/orders',
      endpointRef: 'endpoint:default/orders-http',
      environment: 'dev',
      evidence: {
        policies: [],
        destinationPort: { port: 8080, protocol: 'TCP' },
      },
      nextStep:
        'add `dependsOn: endpoint:orders-http` to component:default/checkout-api (spec.dependsOn), then deploy the new release to dev',
    });
    const result = await new DiagnosisService(deps).diagnose(key, ctx);
    expect(deps.traffic.explainTraffic).toHaveBeenCalledWith(
      {
        fromRef: key.componentRef,
        toRef: 'component:default/orders',
        port: 8080,
        environment: 'dev',
      },
      ctx,
    );
    const finding = result.findings.find(
      f => f.rule === 'undeclared-dependency',
    );
    expect(finding?.nextStep.text).toBe(
      'Declare a dependency on endpoint endpoint:default/orders-http: add `dependsOn: endpoint:orders-http` to component:default/checkout-api (spec.dependsOn), then deploy the new release to dev.',
    );
    expect(finding?.evidence[0]).toMatchObject({
      kind: 'log',
      text: 'Error: connect ECONNREFUSED orders.shop-dev.svc:8080',
      pod: 'api-1',
    });
  });
});
