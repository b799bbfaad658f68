/** Hands the C heap's free pages back to the operating system; see {@link loadNativeHeapTrim}. */
export type NativeHeapTrim = () => void;

/** Opens a shared library and binds one of its functions (koffi's `load(…).func(…)`). */
export type BindNativeFunction = (
  library: string,
  signature: string,
) => (...args: number[]) => number;

/**
 * glibc's `malloc_trim(0)`, or undefined where the process does not run on glibc (macOS,
 * Alpine's musl) or the FFI library cannot load there.
 *
 * A low-memory collection frees the native memory that garbage JavaScript objects held
 * (sockets, TLS and HTTP parser state, buffers, the database drivers' messages), but glibc
 * keeps what was freed inside its heap — everything but the top of the main arena, and
 * nothing of the threads' arenas — until someone calls `malloc_trim`. Node has no call for it;
 * koffi, an FFI library that ships prebuilt binaries (nothing is compiled at install), binds
 * it. docs/benchmarks.md ("Memory of the real backend") has what it returned at 1,000
 * components.
 */
export function loadNativeHeapTrim(
  bind: BindNativeFunction = bindWithKoffi,
): NativeHeapTrim | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const mallocTrim = bind('libc.so.6', 'int malloc_trim(size_t pad)');
    return () => {
      mallocTrim(0);
    };
  } catch {
    // Not glibc (musl names its C library otherwise and has no malloc_trim), or koffi has no
    // binary for this machine: the V8 release still runs without it.
    return undefined;
  }
}

function bindWithKoffi(library: string, signature: string) {
  // Required here and not imported at the top: koffi loads its native binary as it is loaded
  // and throws where it has none, which must cost the backend the trim, not its start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const koffi: typeof import('koffi') = require('koffi');
  return koffi.load(library).func(signature) as (...args: number[]) => number;
}
