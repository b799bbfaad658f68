import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** `user:default/ann`, or `service:<subject>` for agent tools and other backends. */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
  if (p.type === 'service' && p.subject) return `service:${p.subject}`;
  return 'anonymous';
}
