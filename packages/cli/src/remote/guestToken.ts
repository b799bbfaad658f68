import { isLoopbackUrl } from './loopback';

/** How long the guest sign-in may take before the CLI goes on without a token. */
const GUEST_SIGN_IN_TIMEOUT_MS = 5_000;

/**
 * The token of the demo's guest sign-in, as the browser gets it when you click _Enter_: lets
 * `yarn stagecraft status checkout-api` work against a local `yarn start` with no setup.
 *
 * Asked only when no token was given and the backend is on this machine (the guest provider
 * exists only in development); answers undefined when the backend offers no guest sign-in or
 * cannot be reached, so the command then fails with the backend's own answer and its advice.
 */
export async function signInAsGuest(
  url: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  if (!isLoopbackUrl(url)) return undefined;
  try {
    const response = await fetchImpl(
      `${url.replace(/\/+$/, '')}/api/auth/guest/refresh`,
      {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        redirect: 'manual',
        signal: AbortSignal.timeout(GUEST_SIGN_IN_TIMEOUT_MS),
      },
    );
    if (!response.ok) return undefined;
    const body = (await response.json()) as {
      backstageIdentity?: { token?: unknown };
    };
    const token = body?.backstageIdentity?.token;
    return typeof token === 'string' && token.length > 0 ? token : undefined;
  } catch {
    return undefined;
  }
}
