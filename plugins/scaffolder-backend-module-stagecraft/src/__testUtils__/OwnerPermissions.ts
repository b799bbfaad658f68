import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * Permission decisions as the demo's policy makes them, for the permissions this module
 * checks: a resource permission for the resource's owners, anything for platform admins.
 */
export class OwnerPermissions {
  readonly asked: { permission: string; resourceRef?: string; user: string }[] =
    [];

  constructor(
    private readonly owners: Record<string, string[]>,
    private readonly admins: string[] = [],
  ) {}

  asService(): PermissionsService {
    return this as unknown as PermissionsService;
  }

  async authorize(
    requests: { permission: { name: string }; resourceRef?: string }[],
    options: { credentials: BackstageCredentials },
  ) {
    const user = String(
      (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef,
    );
    return requests.map(({ permission, resourceRef }) => {
      this.asked.push({ permission: permission.name, resourceRef, user });
      const allowed =
        this.admins.includes(user) ||
        (!!resourceRef && (this.owners[resourceRef] ?? []).includes(user));
      return {
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    });
  }
}
