import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Diagnosis } from '@stagecraft/plugin-stagecraft-common';
import type { AgentActionDeps } from './AgentActionDeps';
import { registerDiagnoseAction } from './diagnoseAction';

const diagnosis: Diagnosis = {
  componentRef: 'component:default/checkout-api',
  environment: 'dev',
  diagnosedAt: '2026-11-30T13:00:00.000Z',
  findings: [
    {
      rule: 'crash-loop',
      severity: 'critical',
      summary:
        'Container main keeps crashing (CrashLoopBackOff, exit code 3) in pod api-1.',
      evidence: [
        {
          kind: 'status',
          text: 'last termination: Error, exit code 3',
          pod: 'api-1',
        },
      ],
      nextStep: {
        text: 'Roll back to release aaaaaaaaaaaa, the last good one in history.',
        action: {
          name: 'rollback',
          input: {
            componentRef: 'component:default/checkout-api',
            environment: 'dev',
            releaseId: 'a'.repeat(64),
          },
        },
      },
    },
  ],
  checked: ['containers restarting in a loop'],
  gaps: [],
};

function setUp() {
  const registry = actionsRegistryServiceMock();
  const diagnose = jest.fn(async () => diagnosis);
  registerDiagnoseAction({
    registry,
    diagnosis: { diagnose },
  } as unknown as AgentActionDeps);
  const credentials = mockCredentials.user('user:default/jane');
  const invoke = (input: Record<string, unknown>) =>
    registry.invoke({ id: 'test:diagnose', input: input as any, credentials });
  return { diagnose, invoke, credentials, registry };
}

describe('diagnose action', () => {
  it('diagnoses as the invoking caller and answers the diagnosis as the schema states it', async () => {
    const { diagnose, invoke, credentials } = setUp();
    const { output } = await invoke({
      component: 'checkout-api',
      environment: 'dev',
    });
    expect(diagnose).toHaveBeenCalledWith(
      { componentRef: 'component:default/checkout-api', environment: 'dev' },
      { credentials },
    );
    expect(output).toEqual(diagnosis);
  });

  it('refuses another catalog namespace or a malformed environment before diagnosing', async () => {
    const { diagnose, invoke } = setUp();
    await expect(
      invoke({ component: 'component:other/checkout-api', environment: 'dev' }),
    ).rejects.toThrow(/is not a component reference/);
    await expect(
      invoke({ component: 'checkout-api', environment: 'Dev/../x' }),
    ).rejects.toThrow();
    expect(diagnose).not.toHaveBeenCalled();
  });

  it('is not registered without a diagnosis service', async () => {
    const registry = actionsRegistryServiceMock();
    registerDiagnoseAction({ registry } as unknown as AgentActionDeps);
    await expect(
      registry.invoke({
        id: 'test:diagnose',
        input: {} as any,
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow();
  });
});
