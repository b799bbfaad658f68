import { mockCredentials } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';

/**
 * What the scaffolder keeps of a task between runs of a step: its checkpoints. Share one
 * between two contexts to run a step again as a resumed task would.
 */
export type TaskMemory = Map<string, unknown>;

/**
 * An action context whose `checkpoint` behaves as the scaffolder's: the first run stores the
 * value (as JSON), a resumed run gets the stored value back without running `fn` again. The
 * test-utils mock runs `fn` every time, which would hide a step that is not idempotent.
 */
export function resumableContext<TInput extends JsonObject>(options: {
  input: TInput;
  workspacePath?: string;
  memory?: TaskMemory;
  taskId?: string;
  credentials?: BackstageCredentials;
  isDryRun?: boolean;
  userRef?: string;
}): ActionContext<TInput, any> {
  const memory = options.memory ?? new Map();
  const userRef = options.userRef ?? 'user:default/mock';
  const ctx = createMockActionContext<TInput>({
    input: options.input,
    workspacePath: options.workspacePath,
    task: { id: options.taskId ?? 'task-1' },
    user: { ref: userRef },
  });
  // createMockActionContext leaves these two out of what it copies.
  ctx.isDryRun = options.isDryRun;
  ctx.getInitiatorCredentials = async () =>
    options.credentials ?? mockCredentials.user(userRef);
  ctx.checkpoint = async ({ key, fn }) => {
    if (memory.has(key)) return memory.get(key) as any;
    const value = await fn();
    memory.set(key, JSON.parse(JSON.stringify(value ?? null)));
    return value;
  };
  return ctx;
}

/** Runs a handler and returns the error it failed with, or undefined. */
export async function failureOf(
  run: Promise<void>,
): Promise<Error | undefined> {
  return run.then(
    () => undefined,
    (error: Error) => error,
  );
}

/** The outputs a context was given, by name. */
export function outputsOf(
  ctx: ActionContext<any, any>,
): Record<string, unknown> {
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
}
