import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `openssl req` arguments for a new, unencrypted EC P-256 key. */
const NEW_EC_KEY = [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:P-256',
  '-nodes',
];

/** The name the aggregator's client certificate carries (`--requestheader-allowed-names`). */
export const FRONT_PROXY_CLIENT = 'front-proxy-client';

/** The aggregator checks an extension server's certificate for `<service>.<namespace>.svc`. */
export const METRICS_SERVER_DNS_NAME = 'metrics-server.kube-system.svc';

/** Files of the throwaway PKI of one local cluster. */
export interface ClusterCertificates {
  caCert: string;
  caKey: string;
  /** Serving certificate of the API server (and of kwok's kubelet endpoint): 127.0.0.1, localhost. */
  servingCert: string;
  servingKey: string;
  /** Client certificate the API server presents to kwok's kubelet endpoint (logs, exec). */
  kubeletClientCert: string;
  kubeletClientKey: string;
  /**
   * Client certificate the API server's aggregator presents to extension API servers
   * (metrics-server), which trust the user it asserts in request headers because of it.
   */
  frontProxyClientCert: string;
  frontProxyClientKey: string;
  /** Serving certificate of metrics-server, for the name the aggregator dials and 127.0.0.1. */
  metricsServerCert: string;
  metricsServerKey: string;
  /** Key pair that signs and verifies service account tokens. */
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

/** Where {@link createCertificates} writes each file of a cluster in `dir`. */
export function certificatePaths(dir: string): ClusterCertificates {
  const file = (name: string) => join(dir, name);
  return {
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    servingCert: file('serving.crt'),
    servingKey: file('serving.key'),
    kubeletClientCert: file('kubelet-client.crt'),
    kubeletClientKey: file('kubelet-client.key'),
    frontProxyClientCert: file('front-proxy-client.crt'),
    frontProxyClientKey: file('front-proxy-client.key'),
    metricsServerCert: file('metrics-server.crt'),
    metricsServerKey: file('metrics-server.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPublicKey: file('sa.pub'),
  };
}

/**
 * Creates a CA and the certificates a local control plane needs, with the openssl CLI.
 * EC P-256 keys: a fraction of the time of RSA and accepted by every component.
 */
export async function createCertificates(
  dir: string,
): Promise<ClusterCertificates> {
  const certs = certificatePaths(dir);
  await openssl(
    'req',
    '-x509',
    ...NEW_EC_KEY,
    '-keyout',
    certs.caKey,
    '-out',
    certs.caCert,
    '-days',
    '30',
    '-subj',
    '/CN=stagecraft-test-ca',
  );
  await issue(
    dir,
    certs,
    'serving',
    '/CN=kube-apiserver',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n',
  );
  await issue(
    dir,
    certs,
    'kubelet-client',
    '/O=system:masters/CN=kube-apiserver-kubelet-client',
    'extendedKeyUsage=clientAuth\n',
  );
  await issue(
    dir,
    certs,
    'front-proxy-client',
    `/CN=${FRONT_PROXY_CLIENT}`,
    'extendedKeyUsage=clientAuth\n',
  );
  await issue(
    dir,
    certs,
    'metrics-server',
    '/CN=metrics-server',
    `subjectAltName=IP:127.0.0.1,DNS:${METRICS_SERVER_DNS_NAME}\nextendedKeyUsage=serverAuth\n`,
  );
  await openssl(
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    certs.serviceAccountKey,
  );
  await openssl(
    'pkey',
    '-in',
    certs.serviceAccountKey,
    '-pubout',
    '-out',
    certs.serviceAccountPublicKey,
  );
  return certs;
}

async function issue(
  dir: string,
  certs: ClusterCertificates,
  name: string,
  subject: string,
  extensions: string,
) {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await openssl(
    'req',
    '-new',
    ...NEW_EC_KEY,
    '-keyout',
    key,
    '-out',
    csr,
    '-subj',
    subject,
  );
  await openssl(
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    certs.caCert,
    '-CAkey',
    certs.caKey,
    '-CAcreateserial',
    '-out',
    join(dir, `${name}.crt`),
    '-days',
    '30',
    '-extfile',
    ext,
  );
}

async function openssl(...args: string[]) {
  try {
    await run('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `openssl ${args[0]} failed: ${stderr.trim() || (error as Error).message}`,
      { cause: error },
    );
  }
}
