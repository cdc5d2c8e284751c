/**
 * The hub's one seeded pseudo-random generator: mulberry32 (Tommy Ettinger's 32-bit generator),
 * floats in [0, 1). Seeded draws make the bootstrap intervals, and the test fixtures built from
 * them, reproducible: the same seed gives the same sequence, bit for bit, on every platform (only
 * 32-bit integer arithmetic). Pure.
 */

/** A generator seeded by `seed` (taken as an unsigned 32-bit integer) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
