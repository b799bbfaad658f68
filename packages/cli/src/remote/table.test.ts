import { formatTable, printable, shortTime } from './table';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell, with - for empty cells', () => {
    expect(
      formatTable(
        ['ENV', 'STATE', 'BY'],
        [
          ['dev', 'deployed', 'user:default/ann'],
          ['production', undefined, ''],
        ],
      ),
    ).toBe(
      [
        'ENV         STATE     BY',
        'dev         deployed  user:default/ann',
        'production  -         -',
        '',
      ].join('\n'),
    );
  });

  it('keeps a hostile cell on one line and its escape sequences inert', () => {
    const table = formatTable(['REASON'], [['ok\n\x1b]0;pwned\x07\x1b[2J']]);
    expect(table).toBe('REASON\nok\\x0a\\x1b]0;pwned\\x07\\x1b[2J\n');
  });
});

describe('printable', () => {
  it('shows C0 and C1 control characters except tabs and (unless oneLine) line breaks', () => {
    expect(printable('a\tb\nc\r\x1b[31m\x9b')).toBe(
      'a\tb\nc\\x0d\\x1b[31m\\x9b',
    );
    expect(printable('a\tb', { oneLine: true })).toBe('a\\x09b');
  });
});

describe('shortTime', () => {
  it('shortens UTC ISO timestamps and leaves anything else as it is', () => {
    expect(shortTime('2026-11-30T11:35:07.123Z')).toBe('2026-11-30 11:35:07Z');
    expect(shortTime('2026-11-30T11:35:07+01:00')).toBe(
      '2026-11-30T11:35:07+01:00',
    );
  });
});
