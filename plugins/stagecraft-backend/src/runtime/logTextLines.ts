/**
 * The longest piece of a log line passed on as one line. A container may write megabytes
 * without a newline (a binary dump, a minified bundle, an attacker); the kubelet passes such a
 * line on whole, and a reader that waits for its end holds all of it, with every follower.
 */
export const MAX_LOG_LINE_CHARS = 64 * 1024;

/**
 * The lines of a streamed pod log as they arrive, each at most `maxChars` long: a longer one
 * is passed on in pieces, so memory stays bounded whatever the container writes. Blank lines
 * are dropped (the log API prefixes every real line with its timestamp).
 *
 * @remarks
 * Unlike `readLines` in kube/ (watch streams, whose JSON lines must never be cut), this one
 * is for text nobody controls.
 */
export async function* logTextLines(
  body: AsyncIterable<string>,
  maxChars = MAX_LOG_LINE_CHARS,
): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of body) {
    pending += chunk;
    let start = 0;
    for (
      let newline = pending.indexOf('\n');
      newline !== -1;
      newline = pending.indexOf('\n', start)
    ) {
      yield* pieces(pending.slice(start, newline), maxChars);
      start = newline + 1;
    }
    pending = pending.slice(start);
    // No newline yet: pass on what cannot be held any longer.
    while (pending.length >= maxChars) {
      yield pending.slice(0, maxChars);
      pending = pending.slice(maxChars);
    }
  }
  if (pending.trim() !== '') yield pending;
}

function* pieces(line: string, maxChars: number): Generator<string> {
  if (line.trim() === '') return;
  for (let at = 0; at < line.length; at += maxChars)
    yield line.slice(at, at + maxChars);
}
