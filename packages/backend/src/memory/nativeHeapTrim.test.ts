import { collectAllAvailableGarbage } from './collectAllAvailableGarbage';
import { loadNativeHeapTrim } from './nativeHeapTrim';

const MIB = 2 ** 20;

describe('loadNativeHeapTrim', () => {
  it('hands the C heap pages that freed buffers left behind back to the system', async () => {
    // These machines (and the usual node:22 images) run on glibc, where the trim must load.
    const trim = loadNativeHeapTrim();
    expect(trim).toBeDefined();

    // 150,000 buffers of 1 KiB, each its own malloc (allocUnsafeSlow bypasses Node's pool,
    // and 1 KiB is far under glibc's mmap threshold): ~150 MiB inside glibc's heap.
    let buffers: Buffer[] | undefined = Array.from({ length: 150_000 }, () =>
      Buffer.allocUnsafeSlow(1024).fill(1),
    );
    expect(buffers.length).toBe(150_000);
    buffers = undefined;
    // The collection frees the buffers; glibc keeps the pages they were in.
    await collectAllAvailableGarbage();
    const collected = process.memoryUsage.rss();

    trim!();

    expect(process.memoryUsage.rss()).toBeLessThan(collected - 100 * MIB);
  });

  it('is undefined, not an error, where the C library has no malloc_trim', async () => {
    const trim = loadNativeHeapTrim(() => {
      throw new Error('libc.so.6: cannot open shared object file');
    });
    expect(trim).toBeUndefined();
  });
});
