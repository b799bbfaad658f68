import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';
import { GitOpsRemote } from './DataPlaneTarget';

/** How a remote URL is reached: what decides which credentials fit it. */
type Transport = 'http' | 'ssh' | 'local';

// `[user@]host:path`, git's scp-like SSH syntax: no slash before the colon, no `//` after it,
// and no `::` (`ext::…`, `fd::…` name remote helpers that run commands).
const SCP_LIKE =
  /^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:(?!\/\/|:)\S+$/;
// Plain names and paths joined by single slashes; no `..`, no `.lock` ending, no leading `-`.
const BRANCH =
  /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*\.lock$)[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/;

/**
 * The transport of a remote URL, or undefined for anything git should not be pointed at
 * (relative paths, `ext::` and other remote helpers, an argument that starts with `-`).
 */
function transportOf(url: string): Transport | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !URL.canParse(url))
    return undefined;
  if (/^https?:\/\//i.test(url)) return 'http';
  if (/^ssh:\/\//i.test(url)) return 'ssh';
  if (/^file:\/\//i.test(url) || url.startsWith('/')) return 'local';
  if (SCP_LIKE.test(url)) return 'ssh';
  return undefined;
}

/**
 * A password in any URL, or any user name in an http(s) URL (hosts take a token there too):
 * credentials belong in the secret `token`, never in a URL that logs and errors may show.
 */
function carriesCredentials(url: string, transport: Transport): boolean {
  if (transport === 'ssh' && !/^ssh:/i.test(url)) return false; // user@host:path
  if (transport === 'local' && url.startsWith('/')) return false;
  const parsed = new URL(url);
  return (
    parsed.password !== '' || (transport === 'http' && parsed.username !== '')
  );
}

/**
 * Reads `stagecraft.targets.<name>.remote`: the URL, the branch (default `main`) and at most
 * one credential: `token` (with `username`, default `x-access-token`) for https, or
 * `sshKeyFile` (with `knownHostsFile`) for SSH. Error messages never repeat the URL, which
 * could hold a credential someone put there.
 */
export function readGitOpsRemote(
  target: Config,
  targetKey: string,
): GitOpsRemote | undefined {
  const remote = target.getOptionalConfig('remote');
  if (!remote) return undefined;
  const key = `${targetKey}.remote`;
  const url = remote.getString('url');
  const transport = transportOf(url);
  if (!transport) {
    throw new InputError(
      `${key}.url is not a git URL Stagecraft pushes to; use https://…, ssh://…, user@host:path, file://… or an absolute path`,
    );
  }
  if (carriesCredentials(url, transport)) {
    throw new InputError(
      `${key}.url carries credentials; leave them out of the URL and set ${key}.token (a secret) instead`,
    );
  }
  const branch = remote.getOptionalString('branch') ?? 'main';
  if (!BRANCH.test(branch)) {
    throw new InputError(`${key}.branch "${branch}" is not a branch name`);
  }
  const token = remote.getOptionalString('token');
  const keyFile = remote.getOptionalString('sshKeyFile');
  if (token !== undefined && keyFile !== undefined) {
    throw new InputError(
      `${key}: set either "token" or "sshKeyFile", not both`,
    );
  }
  if (token !== undefined) {
    if (transport !== 'http') {
      throw new InputError(
        `${key}.token is for https URLs; use sshKeyFile for SSH`,
      );
    }
    if (/^http:/i.test(url) && !LOOPBACK.test(new URL(url).hostname)) {
      throw new InputError(
        `${key}.url: a token is never sent over plain http except to this machine; use https`,
      );
    }
    const username = remote.getOptionalString('username') ?? 'x-access-token';
    return { url, branch, auth: { type: 'token', username, token } };
  }
  if (keyFile !== undefined) {
    if (transport !== 'ssh') {
      throw new InputError(
        `${key}.sshKeyFile is for SSH URLs; use token for https`,
      );
    }
    const knownHosts = remote.getOptionalString('knownHostsFile');
    return {
      url,
      branch,
      auth: {
        type: 'ssh',
        keyFile: resolvePath(keyFile),
        knownHostsFile: knownHosts && resolvePath(knownHosts),
      },
    };
  }
  return { url, branch };
}
