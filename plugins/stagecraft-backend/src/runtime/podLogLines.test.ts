import { logLine } from './podLogLines';

const source = { pod: 'api-1', container: 'main' };

describe('logLine', () => {
  it('splits the kubelet timestamp from the text, keeping the text as written', () => {
    expect(
      logLine('2026-01-02T03:04:05.123456789Z   indented: a b', source, true),
    ).toEqual({
      ...source,
      timestamp: '2026-01-02T03:04:05.123456789Z',
      text: '  indented: a b',
    });
  });

  it('drops the timestamp when it was not asked for', () => {
    expect(logLine('2026-01-02T03:04:05Z hello', source, false)).toEqual({
      ...source,
      text: 'hello',
    });
  });

  it('keeps an empty line empty and a line without timestamp whole', () => {
    expect(logLine('2026-01-02T03:04:05Z', source, true)).toEqual({
      ...source,
      timestamp: '2026-01-02T03:04:05Z',
      text: '',
    });
    expect(logLine('no timestamp here', source, true)).toEqual({
      ...source,
      text: 'no timestamp here',
    });
  });
});
