import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { resolve } from 'node:path';
import { GitOpsTarget } from './DataPlaneTarget';
import { readDataPlaneTargets } from './readDataPlaneTargets';

const read = (remote: JsonObject) =>
  readDataPlaneTargets(
    new ConfigReader({
      stagecraft: {
        targets: { fleet: { type: 'gitops', directory: 'out', remote } },
      },
    }),
  )[0] as GitOpsTarget;
const readError = (remote: JsonObject) => {
  try {
    read(remote);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the remote to be refused');
};

describe('a gitops target remote', () => {
  it('reads an https remote with a token, defaulting branch and user name', () => {
    expect(
      read({ url: 'https://git.example.com/fleet.git', token: 's3cret' }),
    ).toEqual({
      type: 'gitops',
      name: 'fleet',
      directory: resolve('out'),
      remote: {
        url: 'https://git.example.com/fleet.git',
        branch: 'main',
        auth: { type: 'token', username: 'x-access-token', token: 's3cret' },
      },
    });
  });

  it('reads an SSH remote with a key file and known hosts, resolving both paths', () => {
    expect(
      read({
        url: 'git@git.example.com:platform/fleet.git',
        branch: 'clusters/dev',
        sshKeyFile: 'keys/fleet',
        knownHostsFile: 'keys/known_hosts',
      }).remote,
    ).toEqual({
      url: 'git@git.example.com:platform/fleet.git',
      branch: 'clusters/dev',
      auth: {
        type: 'ssh',
        keyFile: resolve('keys/fleet'),
        knownHostsFile: resolve('keys/known_hosts'),
      },
    });
  });

  it.each(['/srv/git/fleet.git', 'file:///srv/git/fleet.git', 'ssh://git@h/x'])(
    'reads %s without credentials',
    url => {
      expect(read({ url }).remote).toEqual({ url, branch: 'main' });
    },
  );

  it('accepts a token over plain http only to this machine', () => {
    expect(
      read({ url: 'http://127.0.0.1:8080/fleet.git', token: 't' }).remote?.auth,
    ).toMatchObject({ type: 'token' });
    expect(
      readError({ url: 'http://git.example.com/fleet.git', token: 't' }),
    ).toMatch(/never sent over plain http/);
  });

  it.each([
    ['a password', 'https://bot:tok-123@git.example.com/fleet.git'],
    [
      'a user name (hosts take tokens there)',
      'https://tok-123@git.example.com/x',
    ],
    ['an SSH password', 'ssh://git:tok-123@git.example.com/x'],
  ])('refuses a URL with %s, without repeating it', (_, url) => {
    const message = readError({ url });
    expect(message).toMatch(/remote.url carries credentials/);
    expect(message).not.toContain('tok-123');
  });

  it.each([
    'ext::sh -c touch% /tmp/pwned',
    'ext::sh',
    'fd::17',
    '-oProxyCommand=touch /tmp/pwned:x',
    'relative/path',
    'https://exa mple.com/x',
  ])('refuses %s as a git URL', url => {
    expect(readError({ url })).toMatch(
      /^stagecraft.targets.fleet.remote.url is not a git URL/,
    );
  });

  it.each(['-f', 'a..b', 'main.lock', 'a//b', '/main', 'a b'])(
    'refuses the branch %s',
    branch => {
      expect(readError({ url: '/srv/fleet.git', branch })).toMatch(
        /is not a branch name/,
      );
    },
  );

  it('refuses credentials that do not fit the URL', () => {
    expect(readError({ url: 'git@h:x', token: 't' })).toMatch(
      /token is for https URLs/,
    );
    expect(readError({ url: 'https://h/x', sshKeyFile: '/k' })).toMatch(
      /sshKeyFile is for SSH URLs/,
    );
    expect(
      readError({ url: 'https://h/x', token: 't', sshKeyFile: '/k' }),
    ).toMatch(/not both/);
  });
});
