import {
  approvalOf,
  deploymentOf,
  FakeStagecraft,
} from '../__testUtils__/FakeStagecraft';
import {
  failureOf,
  outputsOf,
  resumableContext,
  TaskMemory,
} from '../__testUtils__/resumableContext';
import { createPromoteAction } from './createPromoteAction';

function setup() {
  const stagecraft = new FakeStagecraft();
  const action = createPromoteAction({ client: stagecraft, pollIntervalMs: 1 });
  const run = (
    input: Record<string, unknown> = {},
    extra: { memory?: TaskMemory; isDryRun?: boolean; userRef?: string } = {},
  ) => {
    const ctx = resumableContext({
      input: {
        component: 'payments-api',
        from: 'dev',
        wait: false,
        timeoutSeconds: 30,
        ...input,
      } as any,
      ...extra,
    });
    return { ctx, done: action.handler(ctx) };
  };
  return { stagecraft, run };
}

describe('stagecraft:promote', () => {
  it('promotes as the user running the template and waits for the next stage when asked', async () => {
    const { stagecraft, run } = setup();
    stagecraft.progress = [
      deploymentOf({
        environment: 'staging',
        urls: ['http://staging.internal.example/payments'],
        sync: { state: 'synced', reason: 'applied', observedGeneration: 1 },
      }),
    ];
    const { ctx, done } = run({ wait: true });
    await done;
    expect(stagecraft.writes).toEqual([
      {
        call: 'promote',
        by: 'user:default/mock',
        request: { component: 'component:default/payments-api', from: 'dev' },
      },
    ]);
    expect(outputsOf(ctx)).toEqual({
      componentRef: 'component:default/payments-api',
      deployTabUrl: '/catalog/default/component/payments-api/stagecraft-deploy',
      outcome: 'deployed',
      environment: 'staging',
      state: 'synced',
      urls: ['http://staging.internal.example/payments'],
    });
  });

  it('outputs the approval request and where to decide it instead of waiting for a person', async () => {
    const { stagecraft, run } = setup();
    stagecraft.promotion = {
      outcome: 'approval-requested',
      approval: approvalOf(),
    };
    const { ctx, done } = run({ from: 'staging', wait: true });
    await done;
    expect(outputsOf(ctx)).toEqual({
      componentRef: 'component:default/payments-api',
      deployTabUrl: '/catalog/default/component/payments-api/stagecraft-deploy',
      outcome: 'approval-requested',
      environment: 'production',
      approvalId: 7,
      approvalUrl: '/catalog/default/component/payments-api/stagecraft-deploy',
      urls: [],
    });
  });

  it('a resumed task does not promote a second time', async () => {
    const { stagecraft, run } = setup();
    const memory: TaskMemory = new Map();
    await run({}, { memory }).done;
    const second = run({}, { memory });
    await second.done;
    expect(stagecraft.writes).toHaveLength(1);
    expect(outputsOf(second.ctx).outcome).toBe('deployed');
  });

  it('fails the step with the control plane’s refusal when the user may not promote', async () => {
    const { stagecraft, run } = setup();
    const error = await failureOf(
      run({}, { userRef: 'user:default/intruder' }).done,
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toMatch(
      /^stagecraft:promote: user:default\/intruder may not promote/,
    );
    expect(stagecraft.writes).toEqual([]);
  });

  it('changes nothing in a dry run', async () => {
    const { stagecraft, run } = setup();
    const { ctx, done } = run({}, { isDryRun: true });
    await done;
    expect(stagecraft.writes).toEqual([]);
    expect(outputsOf(ctx).outcome).toBe('dry-run');
  });
});
