import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';
import { DataPlaneTarget } from './DataPlaneTarget';
import { readGitOpsRemote } from './readGitOpsRemote';

const TARGET_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Reads `stagecraft.targets` from app-config. Every target is checked here, at start-up, so a
 * typo fails loudly instead of surfacing as a failed deployment hours later.
 *
 * @throws InputError naming the config key at fault.
 * @public
 */
export function readDataPlaneTargets(config: Config): DataPlaneTarget[] {
  const targets = config.getOptionalConfig('stagecraft.targets');
  if (!targets) {
    return [];
  }
  return targets.keys().map(name => {
    const key = `stagecraft.targets.${name}`;
    if (!TARGET_NAME.test(name)) {
      throw new InputError(
        `${key}: target names must be DNS-1123 labels (lower case, digits, "-")`,
      );
    }
    const target = targets.getConfig(name);
    const type = target.getString('type');
    switch (type) {
      case 'gitops':
        return {
          type,
          name,
          directory: resolvePath(target.getString('directory')),
          remote: readGitOpsRemote(target, key),
        };
      case 'kubernetes':
        return { type, name, connection: readConnection(target, key) };
      default:
        throw new InputError(
          `${key}.type: unknown target type "${type}"; expected "kubernetes" or "gitops"`,
        );
    }
  });
}

function readConnection(target: Config, key: string) {
  const kubeconfig = target.getOptionalString('kubeconfig');
  const url = target.getOptionalString('url');
  if (kubeconfig && url) {
    throw new InputError(`${key}: set either "url" or "kubeconfig", not both`);
  }
  if (kubeconfig) {
    return {
      type: 'kubeconfig' as const,
      file: resolvePath(kubeconfig),
      context: target.getOptionalString('context'),
    };
  }
  if (!url) {
    throw new InputError(
      `${key}: a kubernetes target needs "url" or "kubeconfig"`,
    );
  }
  if (!/^https?:\/\//.test(url)) {
    throw new InputError(`${key}.url: "${url}" is not an http(s) URL`);
  }
  return {
    type: 'url' as const,
    url,
    token: target.getOptionalString('token'),
    caData: target.getOptionalString('caData'),
    caFile: target.getOptionalString('caFile'),
    skipTLSVerify: target.getOptionalBoolean('skipTLSVerify') ?? false,
  };
}
