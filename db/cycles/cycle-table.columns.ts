/**
 * How the cycle table's typed columns are kept so that a delta can update them in place: each
 * column is a view of its first `len` entries over a larger buffer (headroom for appended rows),
 * and a table superseded by an in-place delta keeps its own snapshot through lazy copies (undo
 * records applied to a copy of its successor's column, made only if the old table is read again).
 */

export type Column = Int32Array | Uint16Array | Uint32Array | Uint8Array | Float64Array;

/** Entries a column of `len` values is allocated with: a little headroom for rows a delta appends. */
export function capacityFor(len: number): number {
  return len + Math.max(1024, len >> 6);
}

/** How many entries `a`'s buffer holds from its start. */
function capacityOf(a: Column): number {
  return (a.buffer.byteLength - a.byteOffset) / a.BYTES_PER_ELEMENT;
}

/** The first `len` entries of `a`'s buffer as a view (no copy). */
export function viewOf<A extends Column>(a: A, len: number): A {
  return new (a.constructor as new (b: ArrayBufferLike, o: number, l: number) => A)(a.buffer, a.byteOffset, len);
}

/** A zero-filled column of `len` entries with headroom (a view over a larger buffer). */
export function allocate<A extends Column>(ctor: new (n: number) => A, len: number): A {
  return viewOf(new ctor(capacityFor(len)), len);
}

/**
 * Column `a` lengthened to `len` entries: a view over the same buffer when it has room (`shared`:
 * writes through it are seen by every table over that buffer), else a copy with headroom.
 */
export function extend<A extends Column>(a: A, len: number): { column: A; shared: boolean } {
  if (capacityOf(a) >= len) return { column: viewOf(a, len), shared: true };
  const out = allocate(a.constructor as new (n: number) => A, len);
  out.set(a.subarray(0, Math.min(a.length, len)));
  return { column: out, shared: false };
}

/** Old values of some entries of one column, recorded before a delta overwrites them. */
export class UndoLog {
  readonly at: number[] = [];
  readonly old: number[] = [];
  private readonly seen = new Set<number>();

  constructor(private readonly column: Column) {}

  /** The old column's length (entries past it were never seen by its table). */
  get length(): number {
    return this.column.length;
  }

  /** Records entry k's current value (the first time only: that is the old table's value). */
  save(k: number): void {
    if (k >= this.column.length || this.seen.has(k)) return; // past the old table's end: it never saw it
    this.seen.add(k);
    this.at.push(k);
    this.old.push(this.column[k]!);
  }
}

/**
 * Makes `owner[key]` (a column the successor now shares and overwrites) read as it stood: on first
 * read, a copy of the successor's column cut to the old length with the undo records applied, kept from then
 * on. The successor is read at that moment (itself perhaps superseded: the chain resolves).
 */
export function keepSnapshot(owner: object, key: string, successor: () => Column, undo: UndoLog): void {
  const len = undo.length;
  Object.defineProperty(owner, key, {
    configurable: true,
    enumerable: true,
    get() {
      const copy = successor().slice(0, len);
      for (let j = 0; j < undo.at.length; j++) copy[undo.at[j]!] = undo.old[j]!;
      Object.defineProperty(owner, key, { value: copy, writable: true, configurable: true, enumerable: true });
      return copy;
    },
  });
}

/** Makes `owner[key]` (a value a successor shares and extends) read as `snapshot()` on first read. */
export function keepValue<T>(owner: object, key: string, snapshot: () => T): void {
  Object.defineProperty(owner, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = snapshot();
      Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}

/** Tables a delta has written over in place, and how many times (a kernel suspended over one restarts). */
const overwrites = new WeakMap<object, number>();

/** Marks `table` as written over in place: its successor now shares its buffers and overwrites entries. */
export function markOverwritten(table: object): void {
  overwrites.set(table, (overwrites.get(table) ?? 0) + 1);
}

/**
 * How many deltas have written over `table`'s buffers in place. A kernel that keeps column
 * references across turns of the event loop compares it before and after a turn: when it moved,
 * references taken before may show half of a write, and the kernel starts again (reading the table
 * anew gives its snapshot, see keepSnapshot).
 */
export function overwritesOf(table: object): number {
  return overwrites.get(table) ?? 0;
}
