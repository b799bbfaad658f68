import {
  API,
  BAD,
  container,
  entry,
  evidenceOf,
  GOOD,
  pod,
} from '../__testUtils__/evidence';
import { runRules } from '../runRules';
import { DIAGNOSIS_RULES } from '.';
import type { DiagnosisEvidence } from '../types';

const diagnose = (evidence: DiagnosisEvidence) =>
  runRules(evidence, DIAGNOSIS_RULES, []);

const crashing = (exitCode: number, reason = 'Error') =>
  container({
    ready: false,
    restarts: 4,
    state: 'waiting',
    stateReason: 'CrashLoopBackOff',
    lastTermination: { reason, exitCode, finishedAt: '2026-11-30T12:59:00Z' },
  });

describe('diagnosis rules', () => {
  it('find no problem in healthy pods, and say what they checked', () => {
    const result = diagnose(evidenceOf());
    expect(result.findings).toEqual([]);
    expect(result.checked).toHaveLength(DIAGNOSIS_RULES.length);
  });

  it('crash loop: exit code, last log lines and a rollback to the last good release', () => {
    const result = diagnose(
      evidenceOf({
        runtime: {
          ...evidenceOf().runtime,
          pods: [pod('api-1', [crashing(3)])],
          events: [
            {
              type: 'Warning',
              reason: 'BackOff',
              message: 'Back-off restarting failed container app',
              object: 'Pod api-1',
              count: 5,
              lastSeen: '2026-11-30T12:59:30Z',
            },
          ],
        },
        logs: [
          {
            pod: 'api-1',
            container: 'app',
            lines: [
              {
                pod: 'api-1',
                container: 'app',
                text: 'FATAL: DATABASE_URL is not set',
              },
            ],
          },
        ],
      }),
    );
    const [top] = result.findings;
    expect(top).toMatchObject({ rule: 'crash-loop', severity: 'critical' });
    expect(top.summary).toContain('exit code 3');
    expect(top.evidence.map(e => e.kind)).toEqual(
      expect.arrayContaining(['status', 'event', 'log', 'history']),
    );
    expect(top.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'log',
        text: 'FATAL: DATABASE_URL is not set',
      }),
    );
    expect(top.nextStep.text).toMatch(
      /^Roll back to release aaaaaaaaaaaa, the last good one/,
    );
    expect(top.nextStep.action).toEqual({
      name: 'rollback',
      input: {
        componentRef: expect.any(String),
        environment: 'dev',
        releaseId: GOOD,
      },
    });
  });

  it('crash loop without an earlier release: fix the process, with the exit code meaning', () => {
    const result = diagnose(
      evidenceOf({
        history: [entry(1, 'deploy', BAD)],
        runtime: {
          ...evidenceOf().runtime,
          pods: [pod('api-1', [crashing(127)])],
        },
      }),
    );
    expect(result.findings[0].nextStep.action).toBeUndefined();
    expect(result.findings[0].nextStep.text).toContain('command was not found');
  });

  it('never proposes a release that was rolled back away from', () => {
    const result = diagnose(
      evidenceOf({
        history: [
          entry(3, 'deploy', BAD),
          entry(2, 'rollback', GOOD, { from: 'c'.repeat(64) }),
          entry(1, 'deploy', 'c'.repeat(64)),
        ],
        runtime: {
          ...evidenceOf().runtime,
          pods: [pod('api-1', [crashing(1)])],
        },
      }),
    );
    expect(result.findings[0].nextStep.action?.input.releaseId).toBe(GOOD);
  });

  it('OOMKilled: raise the memory limit, naming the limit and the usage', () => {
    const evidence = evidenceOf({
      runtime: {
        ...evidenceOf().runtime,
        pods: [pod('api-1', [crashing(137, 'OOMKilled')])],
      },
    });
    evidence.usage = {
      componentRef: evidence.componentRef,
      environment: 'dev',
      available: true,
      pods: [
        {
          name: 'api-1',
          namespace: 'shop-dev',
          phase: 'Running',
          requests: {},
          limits: { memoryBytes: 128 * 1024 * 1024 },
          containers: [
            {
              name: 'app',
              requests: {},
              limits: { memoryBytes: 128 * 1024 * 1024 },
              usage: { cpuMillicores: 10, memoryBytes: 127 * 1024 * 1024 },
            },
          ],
        },
      ],
      totals: { requests: {}, limits: {} },
    } as DiagnosisEvidence['usage'];
    const [top, ...rest] = diagnose(evidence).findings;
    expect(top.rule).toBe('oom-killed');
    expect(top.nextStep.text).toContain(
      'Raise the memory limit of container app (now 128Mi; observed usage 127Mi)',
    );
    // The crash loop and the usage near the limit are the OOM kill's, not more findings.
    expect(rest).toEqual([]);
  });

  it('image pull failure: fix the image reference, roll back until then', () => {
    const result = diagnose(
      evidenceOf({
        runtime: {
          ...evidenceOf().runtime,
          pods: [
            pod(
              'api-1',
              [
                container({
                  image: 'registry.local/checkout-api:nope',
                  ready: false,
                  state: 'waiting',
                  stateReason: 'ImagePullBackOff',
                }),
              ],
              { phase: 'Pending' },
            ),
          ],
        },
      }),
    );
    const [top] = result.findings;
    expect(top.rule).toBe('image-pull');
    expect(top.nextStep.text).toMatch(
      /^Fix the image reference registry.local\/checkout-api:nope .* Until then: Roll back to release aaaaaaaaaaaa/,
    );
  });

  it('never ready: readiness failures from events; critical when nothing serves', () => {
    const unready = pod('api-1', [container({ ready: false })]);
    const result = diagnose(
      evidenceOf({
        runtime: {
          ...evidenceOf().runtime,
          pods: [unready],
          events: [
            {
              type: 'Warning',
              reason: 'Unhealthy',
              message:
                'Readiness probe failed: HTTP probe failed with statuscode: 503',
              object: 'Pod api-1',
              count: 12,
            },
          ],
        },
      }),
    );
    expect(result.findings[0]).toMatchObject({
      rule: 'never-ready',
      severity: 'critical',
    });
    expect(result.findings[0].evidence[1].text).toContain(
      'Readiness probe failed',
    );
  });

  it('a pod still within its grace period is not reported as never ready', () => {
    const starting = pod('api-1', [container({ ready: false })], {
      startedAt: '2026-11-30T12:59:50Z',
    });
    const result = diagnose(
      evidenceOf({ runtime: { ...evidenceOf().runtime, pods: [starting] } }),
    );
    expect(result.findings).toEqual([]);
  });

  it('progress deadline: ranked after the cause', () => {
    const evidence = evidenceOf({
      runtime: { ...evidenceOf().runtime, pods: [pod('api-1', [crashing(1)])] },
    });
    evidence.status.sync = {
      state: 'failed',
      reason: 'exceeded its progress deadline (600 s); 0 of 1 ready',
    };
    expect(diagnose(evidence).findings.map(f => f.rule)).toEqual([
      'crash-loop',
      'progress-deadline',
    ]);
  });

  it('pending connection: deploy the provider first', () => {
    const evidence = evidenceOf();
    evidence.status.pendingConnections = [
      {
        consumerRef: evidence.componentRef,
        endpointRef: 'resource:default/payments-api',
        providerRef: 'component:default/payments',
        environment: 'dev',
        message: 'payments is not deployed in dev',
      },
    ];
    const [top] = diagnose(evidence).findings;
    expect(top.nextStep).toEqual({
      text: expect.stringContaining(
        'Deploy provider component:default/payments to dev first',
      ),
      action: {
        name: 'deploy',
        input: {
          componentRef: 'component:default/payments',
          environment: 'dev',
        },
      },
    });
  });

  it('a provider that is down is a warning naming it', () => {
    const evidence = evidenceOf();
    evidence.dependencies.providers = [
      {
        providerRef: 'component:default/payments',
        status: {
          ...evidence.status,
          componentRef: 'component:default/payments',
          sync: { state: 'degraded', reason: '0 of 1 ready' },
        },
      },
    ];
    expect(diagnose(evidence).findings[0].summary).toBe(
      'Provider component:default/payments it depends on is degraded in dev.',
    );
  });

  it('a rule that throws is a gap, not a failed diagnosis', () => {
    const result = runRules(
      evidenceOf(),
      [
        {
          name: 'broken',
          checks: 'nothing',
          diagnose: () => {
            throw new Error('boom');
          },
        },
      ],
      [],
    );
    expect(result.gaps).toEqual(['rule broken failed: boom']);
  });
});

describe('the dependencies rule', () => {
  it('tells to deploy an undeployed provider first, and does not also report its blocked connection', () => {
    const evidence = evidenceOf();
    const payments = 'component:default/payments';
    evidence.dependencies = {
      edges: [
        {
          consumerRef: evidence.componentRef,
          endpointRef: 'endpoint:default/payments-api',
          declaredAt: 'spec.dependsOn[0]',
          providerRef: payments,
          policy: { allowed: false, reason: 'payments has no pods in dev' },
        },
      ],
      providers: [
        {
          providerRef: payments,
          status: {
            ...evidence.status,
            componentRef: payments,
            desiredState: 'undeployed',
          },
        },
      ],
    };
    const { findings } = runRules(evidence, DIAGNOSIS_RULES, []);
    expect(findings.map(f => f.nextStep.action)).toEqual([
      { name: 'deploy', input: { componentRef: payments, environment: 'dev' } },
    ]);
    expect(findings[0].evidence[0].text).toBe(
      `${payments} was undeployed from dev by user:default/jane`,
    );
  });
});

describe('the drift rule', () => {
  it('reports changes not undone, with a redeploy, and ignores corrected ones', () => {
    const evidence = evidenceOf({
      drift: [
        {
          objectRef: 'apps/v1/Deployment/shop-dev/checkout-api',
          field: 'spec.replicas',
          oldValue: '2',
          newValue: '5',
          detectedAt: new Date('2026-11-30T12:30:00Z'),
        },
        {
          objectRef: 'v1/Service/shop-dev/checkout-api',
          field: 'spec.type',
          detectedAt: new Date('2026-11-30T12:00:00Z'),
          correctedAt: new Date('2026-11-30T12:00:05Z'),
        },
      ],
    });
    const [finding, ...rest] = runRules(evidence, DIAGNOSIS_RULES, []).findings;
    expect(rest).toEqual([]);
    expect(finding.summary).toBe(
      '1 field of apps/v1/Deployment/shop-dev/checkout-api changed by hand and not undone.',
    );
    expect(finding.evidence[0].text).toBe(
      'apps/v1/Deployment/shop-dev/checkout-api spec.replicas: 2 → 5',
    );
    expect(finding.nextStep.action).toEqual({
      name: 'redeploy',
      input: { componentRef: evidence.componentRef, environment: 'dev' },
    });
  });
});

describe('the near-memory-limit rule', () => {
  const usageOf = (memoryBytes: number) =>
    ({
      componentRef: API,
      environment: 'dev',
      available: true,
      pods: [
        {
          name: 'api-1',
          namespace: 'shop-dev',
          phase: 'Running',
          requests: {},
          limits: {},
          containers: [
            {
              name: 'app',
              requests: {},
              limits: { memoryBytes: 100 * 1024 * 1024 },
              usage: { cpuMillicores: 5, memoryBytes },
            },
          ],
        },
      ],
      totals: { requests: {}, limits: {} },
    } as DiagnosisEvidence['usage']);

  it('warns at 90% of the limit with the figures, and not below', () => {
    const near = runRules(
      evidenceOf({ usage: usageOf(95 * 1024 * 1024) }),
      DIAGNOSIS_RULES,
      [],
    ).findings;
    expect(near.map(f => [f.rule, f.severity, f.summary])).toEqual([
      [
        'near-memory-limit',
        'warning',
        'Container app uses 95% of its memory limit (95Mi of 100Mi).',
      ],
    ]);
    expect(
      runRules(
        evidenceOf({ usage: usageOf(80 * 1024 * 1024) }),
        DIAGNOSIS_RULES,
        [],
      ).findings,
    ).toEqual([]);
  });
});
