import { Manifest } from '@stagecraft/plugin-stagecraft-node';

type Route = {
  spec?: {
    hostnames?: string[];
    rules?: {
      matches?: { path?: { value?: string } }[];
      host?: string;
      http?: { paths?: { path?: string }[] };
    }[];
  };
};

/** The URLs a deployment's HTTPRoutes and Ingresses expose, sorted. */
export function exposedUrls(manifests: Manifest[]): string[] {
  const urls = new Set<string>();
  for (const m of manifests) {
    const spec = (m as Route).spec;
    if (m.kind === 'HTTPRoute') {
      for (const host of spec?.hostnames ?? [])
        for (const rule of spec?.rules ?? [])
          for (const match of rule.matches ?? [])
            urls.add(`https://${host}${match.path?.value ?? '/'}`);
    } else if (m.kind === 'Ingress') {
      for (const rule of spec?.rules ?? [])
        for (const p of rule.http?.paths ?? [])
          if (rule.host) urls.add(`https://${rule.host}${p.path ?? '/'}`);
    }
  }
  return [...urls].sort();
}
