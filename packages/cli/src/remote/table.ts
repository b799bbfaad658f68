/**
 * Makes text from the backend safe to print on a terminal: control characters (escape
 * sequences a hostile log line or reason could use to rewrite the screen or the title bar)
 * and carriage returns (which can overwrite what was printed) are shown as `\xNN`; tabs and
 * line feeds stay unless `oneLine`, which shows them escaped too, so a table cell never
 * spills over.
 */
export function printable(text: string, o: { oneLine?: boolean } = {}): string {
  /* eslint-disable no-control-regex -- matching control characters is the point */
  const control = o.oneLine
    ? /[\x00-\x1f\x7f-\x9f]/g
    : /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
  /* eslint-enable no-control-regex */
  return text.replace(
    control,
    c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * A table for people: a header row, columns padded to their widest cell with two spaces
 * between them, every cell made printable and kept to one line. An empty cell shows as `-`.
 */
export function formatTable(
  headers: string[],
  rows: (string | number | undefined)[][],
): string {
  const cells = [
    headers,
    ...rows.map(row =>
      headers.map((_, i) => {
        const value = row[i];
        return value === undefined || value === ''
          ? '-'
          : printable(String(value), { oneLine: true });
      }),
    ),
  ];
  const widths = headers.map((_, i) =>
    Math.max(...cells.map(row => row[i].length)),
  );
  return cells
    .map(row =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell.padEnd(widths[i]),
        )
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}

/** The first 12 hex digits of a release id, as people quote it. */
export function shortRelease(
  releaseId: string | undefined,
): string | undefined {
  return releaseId?.slice(0, 12);
}

/** An ISO timestamp as `2026-11-30 11:35:07Z`: sortable, one column wide. */
export function shortTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]}Z` : iso;
}
