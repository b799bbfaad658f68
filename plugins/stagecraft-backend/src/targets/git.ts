import { redact } from '../redaction/redact';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A git command that exited non-zero; `stderr` is git's own explanation, with secrets masked. */
export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    options?: { exitCode?: number },
  ) {
    super(`git ${args.join(' ')} failed: ${stderr}`);
    this.name = 'GitError';
    this.exitCode = options?.exitCode;
  }

  /** git's exit status, when it ran and failed. */
  readonly exitCode?: number;
}

/** What a git command that talks to a remote needs beyond the defaults. */
export interface GitOptions {
  /** Added to the environment, e.g. how to authenticate; never logged nor put in errors. */
  env?: Record<string, string>;
  /** Strings masked in every error this command throws (a token, its basic-auth form). */
  secrets?: string[];
}

// Inherited variables that would make git trace its traffic (headers included), ask someone for
// a password, or read configuration that is not the repository's and ours.
const DROPPED =
  /^(GIT_TRACE.*|GIT_CURL_VERBOSE|GIT_ASKPASS|SSH_ASKPASS|GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+|PARAMETERS))$/;

/**
 * The environment of every git command: Stagecraft's identity for the commits it writes.
 * Variables that redirect git to another repository or index are dropped, because a backend
 * started from a git hook (or a test run from one) inherits them and would commit elsewhere.
 * git never prompts: a prompt would hang the sync.
 */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const {
    GIT_DIR: _dir,
    GIT_WORK_TREE: _workTree,
    GIT_INDEX_FILE: _index,
    ...inherited
  } = process.env;
  const env = Object.fromEntries(
    Object.entries(inherited).filter(([name]) => !DROPPED.test(name)),
  );
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Stagecraft',
    GIT_AUTHOR_EMAIL: 'stagecraft@localhost',
    GIT_COMMITTER_NAME: 'Stagecraft',
    GIT_COMMITTER_EMAIL: 'stagecraft@localhost',
    ...extra,
  };
}

/**
 * Runs `git <args>` in `cwd` without a shell and returns its stdout. Commits are never signed:
 * the backend has no access to a signing key or agent, and a prompt would hang the sync. A
 * failure's error carries git's stderr with secrets masked, and not the raw process error,
 * whose message repeats stderr unmasked.
 */
export async function git(
  cwd: string,
  args: string[],
  options: GitOptions = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(
      'git',
      ['-c', 'commit.gpgsign=false', ...args],
      { cwd, env: gitEnv(options.env), maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const code = (error as { code?: unknown }).code;
    const mask = (text: string) => redact(text, options.secrets);
    throw new GitError(
      args.map(mask),
      mask(stderr || (error instanceof Error ? error.message : String(error))),
      { exitCode: typeof code === 'number' ? code : undefined },
    );
  }
}

/** The commit HEAD points to, or `undefined` while the branch has no commit yet. */
export async function headRevision(cwd: string): Promise<string | undefined> {
  const out = await git(cwd, ['rev-parse', '-q', '--verify', 'HEAD']).catch(
    () => '',
  );
  return out.trim() || undefined;
}

/**
 * The top-level directory of the work tree `directory` belongs to, creating `directory` and
 * making it a new repository (branch `main`) when it is in none. Only "not a git repository" leads to an init:
 * any other failure (e.g. git's ownership check) must not create a nested repository.
 */
export async function ensureRepository(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const topLevel = () => git(directory, ['rev-parse', '--show-toplevel']);
  let enclosing: string | undefined;
  try {
    enclosing = (await topLevel()).trim();
  } catch (error) {
    if (
      !(error instanceof GitError && /not a git repository/.test(error.stderr))
    )
      throw error;
  }
  // A directory the enclosing repository ignores (the default `.stagecraft/gitops` inside a
  // Backstage checkout) is not that repository's content: committing there would write
  // deployments into someone's source repository. It gets a repository of its own.
  if (enclosing && !(await isIgnored(enclosing, directory))) return enclosing;
  await git(directory, ['init', '-q', '-b', 'main']);
  return (await topLevel()).trim();
}

async function isIgnored(repository: string, directory: string) {
  try {
    await git(repository, ['check-ignore', '-q', '--', directory]);
    return true;
  } catch (error) {
    // Exit status 1: not ignored. Anything else is a real failure.
    if (error instanceof GitError && error.exitCode === 1) return false;
    throw error;
  }
}

const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every task queued before it under the same key has settled. Git's index
 * is not safe for concurrent writers, so every writer of one repository queues on its path.
 */
export function withRepositoryLock<T>(
  key: string,
  task: () => Promise<T>,
): Promise<T> {
  const run = (chains.get(key) ?? Promise.resolve()).then(task);
  const settled = run.catch(() => undefined);
  chains.set(key, settled);
  // Forget the chain once idle, so the map does not grow with every directory ever used.
  settled.then(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
  return run;
}
