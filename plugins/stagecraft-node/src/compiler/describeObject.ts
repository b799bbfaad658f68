import { excerpt } from '../templates/excerpt';
import { Manifest } from './types';

/**
 * An object as error messages name it: `Deployment shop-dev/api`. Kind and name come from
 * templates, so they are untrusted: at most a short excerpt is quoted, never a 200 kB name.
 */
export const describeObject = (m: Manifest): string =>
  excerpt(
    `${String(m.kind)} ${String(m.metadata?.namespace ?? '')}/${String(
      m.metadata?.name,
    )}`,
  );
