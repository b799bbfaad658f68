import { mockCredentials } from '@backstage/backend-test-utils';
import { deploymentOf, FakeStagecraft } from '../__testUtils__/FakeStagecraft';
import {
  failureOf,
  outputsOf,
  resumableContext,
  TaskMemory,
} from '../__testUtils__/resumableContext';
import { createDeployAction } from './createDeployAction';

const component = 'payments-api';

function setup(catalogCatchUpMs = 200) {
  const stagecraft = new FakeStagecraft();
  const action = createDeployAction({
    client: stagecraft,
    pollIntervalMs: 1,
    catalogCatchUpMs,
  });
  const run = (
    input: Record<string, unknown>,
    extra: Parameters<typeof resumableContext>[0] extends infer O
      ? Partial<O>
      : never = {},
  ) => {
    const ctx = resumableContext({
      input: {
        component,
        redeploy: false,
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

describe('stagecraft:deploy', () => {
  it('deploys as the user running the template and waits until synced with every replica ready', async () => {
    const { stagecraft, run } = setup();
    stagecraft.progress = [
      deploymentOf({
        generation: 1,
        sync: {
          state: 'progressing',
          reason: 'rolling out',
          observedGeneration: 1,
        },
        replicas: { desired: 2, ready: 0, updated: 2 },
      }),
      deploymentOf({
        generation: 1,
        sync: { state: 'synced', reason: 'applied', observedGeneration: 1 },
        replicas: { desired: 2, ready: 1, updated: 2 },
      }),
      deploymentOf({
        generation: 1,
        sync: { state: 'synced', reason: 'applied', observedGeneration: 1 },
        replicas: { desired: 2, ready: 2, updated: 2 },
        urls: ['http://dev.internal.example/payments'],
      }),
    ];
    const { ctx, done } = run({ wait: true });
    await done;
    expect(stagecraft.writes).toEqual([
      {
        call: 'deploy',
        by: 'user:default/mock',
        request: {
          component: 'component:default/payments-api',
          environment: undefined,
          refresh: true,
        },
      },
    ]);
    expect(outputsOf(ctx)).toEqual({
      componentRef: 'component:default/payments-api',
      deployTabUrl: '/catalog/default/component/payments-api/stagecraft-deploy',
      environment: 'dev',
      state: 'synced',
      reason: 'applied',
      releaseId: 'a'.repeat(64),
      urls: ['http://dev.internal.example/payments'],
      replicas: { desired: 2, ready: 2 },
    });
  });

  it('does not count a synced state the reconcile reached before this deployment', async () => {
    const { stagecraft, run } = setup();
    stagecraft.progress = [
      // generation 1 is this deploy; observedGeneration 0 is what ran before it
      deploymentOf({
        sync: { state: 'synced', reason: 'old release', observedGeneration: 0 },
      }),
      deploymentOf({
        sync: { state: 'synced', reason: 'new release', observedGeneration: 1 },
      }),
    ];
    const { ctx, done } = run({ wait: true });
    await done;
    expect(outputsOf(ctx).reason).toBe('new release');
  });

  it('a resumed task waits for the deployment it asked for, without deploying again', async () => {
    const { stagecraft, run } = setup();
    const memory: TaskMemory = new Map();
    stagecraft.progress = [
      deploymentOf({
        sync: { state: 'synced', reason: 'applied', observedGeneration: 1 },
      }),
    ];
    await run({ wait: true }, { memory }).done;
    const second = run({}, { memory });
    await second.done;
    expect(stagecraft.writes).toHaveLength(1);
    expect(outputsOf(second.ctx).releaseId).toBe('a'.repeat(64));
  });

  it('fails the step with the control plane’s refusal when the user may not deploy', async () => {
    const { stagecraft, run } = setup();
    const { done } = run(
      {},
      { credentials: mockCredentials.user('user:default/intruder') },
    );
    const error = await failureOf(done);
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      'stagecraft:deploy: user:default/intruder may not deploy component:default/payments-api: only its owners (team-payments) may',
    );
    expect(stagecraft.writes).toEqual([]);
  });

  it('asks again while the control plane does not know a component the catalog just showed', async () => {
    // A generous bound: three refused calls must fit in it on a loaded machine.
    const { stagecraft, run } = setup(60_000);
    stagecraft.unknownFor = 3;
    await run({}).done;
    expect(stagecraft.writes.map(w => w.call)).toEqual(['deploy']);
  });

  it('fails with the control plane’s answer when the component stays unknown', async () => {
    const { stagecraft, run } = setup(20);
    stagecraft.unknownFor = Number.MAX_SAFE_INTEGER;
    const error = await failureOf(run({}).done);
    expect(error?.name).toBe('NotFoundError');
    expect(error?.message).toBe(
      'stagecraft:deploy: component:default/payments-api is not in the catalog',
    );
    expect(stagecraft.writes).toEqual([]);
  });

  it('fails at once, without asking again, when the environment is unknown', async () => {
    const { stagecraft, run } = setup(60_000);
    stagecraft.unknownEnvironment = 'dve';
    const deploy = jest.spyOn(stagecraft, 'deploy');
    const error = await failureOf(run({ environment: 'dve' }).done);
    expect(error?.message).toBe(
      'stagecraft:deploy: environment "dve" is not in the catalog',
    );
    expect(deploy).toHaveBeenCalledTimes(1);
    expect(stagecraft.writes).toEqual([]);
  });

  it('fails at once when the deployment cannot be applied', async () => {
    const { stagecraft, run } = setup();
    stagecraft.progress = [
      deploymentOf({
        sync: {
          state: 'failed',
          reason: 'namespace quota exceeded',
          observedGeneration: 1,
        },
      }),
    ];
    const error = await failureOf(run({ wait: true }).done);
    expect(error?.message).toBe(
      'component:default/payments-api in dev failed to deploy: namespace quota exceeded',
    );
  });

  it('gives up after the timeout with the last state, saying where to follow it', async () => {
    const { stagecraft, run } = setup();
    stagecraft.progress = [
      deploymentOf({
        sync: {
          state: 'progressing',
          reason: 'pulling image',
          observedGeneration: 1,
        },
        replicas: { desired: 1, ready: 0, updated: 1 },
      }),
    ];
    const error = await failureOf(run({ wait: true, timeoutSeconds: 1 }).done);
    expect(error?.message).toBe(
      "component:default/payments-api in dev was not ready after 1 s: progressing, 0/1 replicas ready (pulling image). It keeps deploying; follow it on the component's Deploy tab",
    );
  });

  it('redeploys the release an environment runs, and needs the environment for it', async () => {
    const { stagecraft, run } = setup();
    await run({ redeploy: true, environment: 'staging' }).done;
    expect(stagecraft.writes.map(w => [w.call, w.request])).toEqual([
      [
        'redeploy',
        { component: 'component:default/payments-api', environment: 'staging' },
      ],
    ]);
    const error = await failureOf(run({ redeploy: true }).done);
    expect(error?.name).toBe('InputError');
  });

  it('changes nothing in a dry run', async () => {
    const { stagecraft, run } = setup();
    const { ctx, done } = run({ wait: true }, { isDryRun: true });
    await done;
    expect(stagecraft.writes).toEqual([]);
    expect(outputsOf(ctx)).toMatchObject({ state: 'dry-run', urls: [] });
  });

  it('refuses a reference to anything but a component', async () => {
    const { run } = setup();
    const error = await failureOf(
      run({ component: 'system:default/payments' }).done,
    );
    expect(error?.message).toMatch(/is a system, not a component/);
  });
});
