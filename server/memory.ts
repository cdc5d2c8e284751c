/**
 * Where the process's memory is, for `hub serve`'s warm-up log line and `npm run bench:rss` (issue
 * 17): the bytes of the typed arrays a cached cycle table holds (its columns and, once read, its
 * sign-off columns), found by walking the table object, so no layout is named here.
 */

/** Bytes of the typed arrays reachable from `value` through plain objects and arrays (each buffer counted once, at its full length: spare capacity is memory too). */
export function typedArrayBytes(value: unknown, seen = new Set<ArrayBufferLike>(), depth = 0): number {
  if (value === null || typeof value !== "object" || depth > 4) return 0;
  if (ArrayBuffer.isView(value)) {
    if (seen.has(value.buffer)) return 0;
    seen.add(value.buffer);
    return value.buffer.byteLength;
  }
  let bytes = 0;
  if (Array.isArray(value)) {
    // Lists of strings or numbers hold no typed arrays: only the first element is looked at for them.
    if (value.length === 0 || value[0] === null || typeof value[0] !== "object") return 0;
    for (const item of value) bytes += typedArrayBytes(item, seen, depth + 1);
    return bytes;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return 0;
  for (const item of Object.values(value)) bytes += typedArrayBytes(item, seen, depth + 1);
  return bytes;
}

/** The cycle table's typed columns and, separately, its sign-off columns' (0 when not read), in bytes. */
export function cycleTableBytes(table: object | undefined): { columns: number; signoffs: number } {
  if (!table) return { columns: 0, signoffs: 0 };
  const seen = new Set<ArrayBufferLike>();
  const signoffs = typedArrayBytes((table as { signoffs?: unknown }).signoffs, seen);
  return { columns: typedArrayBytes({ ...table, signoffs: undefined }, seen), signoffs };
}
