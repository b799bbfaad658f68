import { appendBounded } from './logBuffer';

describe('appendBounded', () => {
  it('appends while there is room', () => {
    expect(appendBounded([1, 2], [3], 5)).toEqual([1, 2, 3]);
  });

  it('drops the oldest lines beyond the bound', () => {
    expect(appendBounded([1, 2, 3, 4], [5, 6, 7], 5)).toEqual([3, 4, 5, 6, 7]);
  });

  it('keeps only the newest incoming lines when a batch alone exceeds the bound', () => {
    expect(appendBounded([1, 2], [3, 4, 5, 6, 7, 8], 3)).toEqual([6, 7, 8]);
  });

  it('leaves its inputs untouched', () => {
    const lines = [1, 2, 3];
    appendBounded(lines, [4], 3);
    expect(lines).toEqual([1, 2, 3]);
  });
});
