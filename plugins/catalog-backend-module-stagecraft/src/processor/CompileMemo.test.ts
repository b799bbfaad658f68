import { CompileMemo } from './CompileMemo';

describe('CompileMemo', () => {
  const platform = [{ kind: 'Environment', name: 'dev' }];

  it('reuses the result for an identical input, computes again when any part changes', async () => {
    const memo = new CompileMemo<number>();
    let calls = 0;
    const compute = jest.fn(async () => ++calls);
    await expect(memo.get({ a: 1 }, platform, compute)).resolves.toBe(1);
    // Equal, not the same objects: still the same input.
    await expect(
      memo.get({ a: 1 }, [{ kind: 'Environment', name: 'dev' }], compute),
    ).resolves.toBe(1);
    await expect(memo.get({ a: 2 }, platform, compute)).resolves.toBe(2);
    await expect(
      memo.get({ a: 1 }, [{ kind: 'Environment', name: 'prod' }], compute),
    ).resolves.toBe(3);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('keeps a bounded number of results, dropping the least recently used', async () => {
    const memo = new CompileMemo<string>({ maxResults: 2 });
    const compute = jest.fn(async () => 'x');
    await memo.get('a', platform, compute);
    await memo.get('b', platform, compute);
    await memo.get('a', platform, compute); // a is now the most recent
    await memo.get('c', platform, compute); // evicts b
    expect(compute).toHaveBeenCalledTimes(3);
    await memo.get('a', platform, compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await memo.get('b', platform, compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('takes a catalog copy with a uid and its keys in another order for the same input', async () => {
    const memo = new CompileMemo<number>();
    const compute = jest.fn(async () => 1);
    const copy = { name: 'dev', kind: 'Environment', metadata: { uid: 'u1' } };
    await memo.get(
      'a',
      [{ kind: 'Environment', name: 'dev', metadata: {} }],
      compute,
    );
    await memo.get('a', [copy], compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a result that `keep` refuses (one that depends on the machine)', async () => {
    const memo = new CompileMemo<string>();
    const compute = jest.fn(async () => 'timed out');
    const keep = (result: string) => result !== 'timed out';
    await memo.get('a', platform, compute, keep);
    await memo.get('a', platform, compute, keep);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure', async () => {
    const memo = new CompileMemo<string>();
    const failing = jest.fn(() => Promise.reject(new Error('catalog gone')));
    await expect(memo.get('a', platform, failing)).rejects.toThrow(
      'catalog gone',
    );
    await expect(memo.get('a', platform, async () => 'ok')).resolves.toBe('ok');
  });
});
