import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { ClusterAccess } from './kubeconfig';

/** A GET against the API server with the cluster's CA and token; resolves to status and body. */
export function apiGet(
  access: ClusterAccess,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${access.server}${path}`,
      {
        ca: readFileSync(access.caFile),
        headers: { Authorization: `Bearer ${access.token}` },
        timeout: 5000,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function isApiserverReady(
  access: ClusterAccess,
): Promise<boolean> {
  const { status, body } = await apiGet(access, '/readyz');
  return status === 200 && body.trim() === 'ok';
}

export async function namespaceExists(
  access: ClusterAccess,
  name: string,
): Promise<boolean> {
  return (await apiGet(access, `/api/v1/namespaces/${name}`)).status === 200;
}

export async function serviceAccountExists(
  access: ClusterAccess,
  namespace: string,
  name: string,
): Promise<boolean> {
  return (
    (
      await apiGet(
        access,
        `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`,
      )
    ).status === 200
  );
}

export async function nodeIsReady(
  access: ClusterAccess,
  name: string,
): Promise<boolean> {
  const { status, body } = await apiGet(access, `/api/v1/nodes/${name}`);
  if (status !== 200) return false;
  const node = JSON.parse(body) as {
    status?: { conditions?: { type: string; status: string }[] };
  };
  return (
    node.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}
