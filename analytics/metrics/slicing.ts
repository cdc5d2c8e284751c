/**
 * Resumable kernels: a metric kernel is written as a generator that yields at chunk boundaries
 * (every ROW_CHUNK rows of a pass over the table, every few groups of a per-group loop) and
 * returns its answer. The generator only marks where it may stop; a driver decides whether it does:
 * `runToEnd` runs it to completion at once (the synchronous kernels, as tests and the CLI call
 * them), `runSliced` gives the event loop a turn after about `sliceMs` of work (the server), so a
 * light request waits for one slice of a long metric, not for all of it.
 */

/** A kernel's steps: each `yield` is a point where it may be suspended; the return value is its answer. */
export type Steps<T> = Generator<void, T, void>;

/** Rows one chunk of a pass covers: about a millisecond or two of the costliest passes on the large set. */
export const ROW_CHUNK = 16_384;

/** Groups (or cells) per chunk of a per-group loop (each may sort, select or fit a survival curve). */
export const GROUP_CHUNK = 8;

/** Runs `steps` to completion without suspending (the synchronous kernels). */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** `body(from, to)` over [0, n) in chunks of `chunk`, a step after each. */
export function* inChunks(n: number, body: (from: number, to: number) => void, chunk = ROW_CHUNK): Steps<void> {
  for (let from = 0; from < n; from += chunk) {
    body(from, Math.min(n, from + chunk));
    if (from + chunk < n) yield;
  }
}

/** How `runSliced` shares the event loop. */
export interface SliceOptions {
  /** Work between two turns of the event loop, in ms. */
  sliceMs: number;
  /**
   * Gives the event loop a turn (e.g. `setImmediate`, or the server's fair queue of heavy steps)
   * and may throw to stop the kernel (the request's time limit).
   */
  turn: () => Promise<void>;
  /**
   * True when what the kernel reads changed while it was suspended (a write's delta overwrote the
   * cycle table in place): the kernel is started again with `start`, which reads it anew.
   */
  changed?: () => boolean;
  now?: () => number;
}

/** Restarts after which a kernel runs to its end without turns (so a stream of writes cannot starve it). */
export const MAX_RESTARTS = 3;

/**
 * Runs the kernel `start()` makes, giving the event loop a turn whenever `sliceMs` of work have
 * passed since the last one. After each turn, when `changed()` says its inputs changed meanwhile,
 * the suspended kernel is dropped and `start()` makes it anew (at most MAX_RESTARTS times; then it
 * runs to its end without suspending). An error of a step or of `turn` rejects the promise.
 */
export async function runSliced<T>(start: () => Steps<T>, opts: SliceOptions): Promise<T> {
  const now = opts.now ?? (() => performance.now());
  let steps = start();
  let restarts = 0;
  let sliceStart = now();
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    if (now() - sliceStart < opts.sliceMs) continue;
    try {
      await opts.turn();
    } catch (err) {
      steps.return(undefined as T);
      throw err;
    }
    sliceStart = now();
    if (opts.changed?.()) {
      steps.return(undefined as T);
      steps = start();
      if (++restarts >= MAX_RESTARTS) return runToEnd(steps);
    }
  }
}
