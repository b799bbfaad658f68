/**
 * Masks what must never reach a status, a log line or an error body: the user information of
 * URLs (`https://user:token@host` → `https://***@host`) and each of the given secrets.
 */
export function redact(text: string, secrets: string[] = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
  for (const secret of secrets.filter(s => s.length > 0))
    out = out.split(secret).join('***');
  return out;
}

const MAX_PUBLIC_LENGTH = 300;

/**
 * A third party's error message made fit for anyone who may read a deployment's status:
 * client libraries quote URLs with query strings, response headers and bodies, and an
 * exec-credential plugin may print a token. Keeps the first line before any quoted headers or
 * body, masks URL user information, query strings and bearer/basic credentials, and bounds it.
 */
export function publicErrorText(message: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0];
  const beforeQuoted = firstLine.split(
    /\s(?:Headers|Body|headers|body):/,
    1,
  )[0];
  const masked = redact(beforeQuoted)
    .replace(/(:\/\/[^\s?#]*)\?[^\s#]*/g, '$1?***')
    .replace(/\b(Bearer|Basic)\s+[^\s,;"']+/gi, '$1 ***')
    .replace(/\b(token|password|secret)=([^\s&,;"']+)/gi, '$1=***');
  return masked.length > MAX_PUBLIC_LENGTH
    ? `${masked.slice(0, MAX_PUBLIC_LENGTH - 1)}…`
    : masked;
}
