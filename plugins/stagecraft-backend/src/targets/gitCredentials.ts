import { GitOpsRemote } from '@stagecraft/plugin-stagecraft-node';
import { GitOptions } from './git';

/** A string the shell that runs GIT_SSH_COMMAND reads back as exactly one word. */
const shellWord = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * How git commands that talk to `remote` authenticate, as environment variables, and the
 * strings their errors must mask. Credentials never go on a command line, where `ps` shows
 * them to every user of the machine and logs of the command would keep them:
 *
 * - a token becomes an `Authorization: Basic` header through git's environment configuration
 *   (GIT_CONFIG_COUNT/KEY/VALUE, git ≥ 2.31), and credential helpers are switched off so git
 *   neither stores it nor asks anyone for another;
 * - an SSH key becomes GIT_SSH_COMMAND, in batch mode (no passphrase or host prompts) with the
 *   host key checked against the configured known_hosts or the user's.
 *
 * Only the transports a remote may use are allowed, so a URL can never reach a remote helper
 * (`ext::`) that runs commands.
 */
export function remoteAccess(remote: GitOpsRemote): Required<GitOptions> {
  const env: Record<string, string> = {
    GIT_ALLOW_PROTOCOL: 'file:https:http:ssh',
  };
  const auth = remote.auth;
  if (auth?.type === 'token') {
    const basic = Buffer.from(`${auth.username}:${auth.token}`).toString(
      'base64',
    );
    Object.assign(env, {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
      GIT_CONFIG_KEY_1: 'credential.helper',
      GIT_CONFIG_VALUE_1: '',
    });
    return { env, secrets: [auth.token, basic] };
  }
  if (auth?.type === 'ssh') {
    const options = [
      '-o IdentitiesOnly=yes',
      '-o BatchMode=yes',
      '-o StrictHostKeyChecking=yes',
    ];
    if (auth.knownHostsFile)
      options.push(`-o UserKnownHostsFile=${shellWord(auth.knownHostsFile)}`);
    env.GIT_SSH_COMMAND = `ssh -i ${shellWord(auth.keyFile)} ${options.join(
      ' ',
    )}`;
  }
  return { env, secrets: [] };
}
