import { Readable } from 'node:stream';
import { logTextLines } from './logTextLines';

async function linesOf(chunks: string[], maxChars?: number) {
  const lines: string[] = [];
  for await (const line of logTextLines(Readable.from(chunks), maxChars))
    lines.push(line);
  return lines;
}

describe('logTextLines', () => {
  it('splits lines across chunks and drops blank ones', async () => {
    await expect(linesOf(['a\nb', 'c\n\n', 'd'])).resolves.toEqual([
      'a',
      'bc',
      'd',
    ]);
  });

  it('passes on a line without end in bounded pieces, holding no more than the bound', async () => {
    // A container that writes 10 MiB without a newline, in 64 KiB chunks, then one line.
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = [...Array.from({ length: 160 }, () => chunk), '\nafter\n'];
    const lengths: number[] = [];
    let last = '';
    for await (const line of logTextLines(Readable.from(chunks), 100_000)) {
      lengths.push(line.length);
      last = line;
    }

    expect(Math.max(...lengths)).toBe(100_000);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(160 * 64 * 1024 + 5);
    expect(last).toBe('after');
  });

  it('cuts a long line that arrived whole', async () => {
    await expect(linesOf(['abcdefg\nhi\n'], 3)).resolves.toEqual([
      'abc',
      'def',
      'g',
      'hi',
    ]);
  });
});
