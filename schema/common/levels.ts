/** One level: its rows, their keys (same order) and what each load gave, by load key. */
interface Level {
  rows: readonly object[];
  keys: readonly string[];
  loaded: Map<string, Loaded>;
}
/** What one level load gave: a value per row key, or the error that every row gets. */
type Loaded = { values: Map<string, unknown> } | { error: unknown };

/**
 * Level batching for one request: the rows a page delivered (one level of an answer: the nodes of
 * a connection, or of every connection one batched statement filled) are marked as a level, and a
 * field of such a row that needs a query (an initiative's stage summaries, a borough's initiatives)
 * runs it once for every row of the level and answers each row from that, synchronously: the same
 * statements a DataLoader batch runs, without a DataLoader promise, a batch tick and a promise
 * per row and field in the compiled query. A row that belongs to no level (one looked up by key)
 * goes through its DataLoader as before.
 *
 * Rows are known by kind and key (an initiative's id, a borough's code), not by object, so a copy
 * of a row (type-graphql copies a `@Root()` into its class where decorator metadata names one) is
 * still found. A value depends only on its row and the load's key (the field and its arguments),
 * so a row in two levels is answered right from either. Made per request: nothing is kept
 * across requests.
 */
export class Levels {
  readonly #byKind = new Map<string, Map<string, Level>>();

  /** Marks `rows` (of `kind`, known by `keyOf`) as one level; a row's level is the last it was marked in. */
  mark<R extends object>(kind: string, rows: readonly R[], keyOf: (row: R) => string): void {
    let levelOf = this.#byKind.get(kind);
    if (!levelOf) this.#byKind.set(kind, (levelOf = new Map()));
    const level: Level = { rows, keys: rows.map(keyOf), loaded: new Map() };
    for (const key of level.keys) levelOf.set(key, level);
  }

  /**
   * The value of the row of `kind` and `key` for the load `loadKey`, from `load` run once over the
   * whole level of that row (`load` gets the level's rows and keys and returns one value per row,
   * in their order; `arg` is passed on, so that a hot caller can pass a function made once rather
   * than a closure per call); `undefined` when the row has no level. A load that throws throws the same
   * error for every row of the level, as a failed batch does.
   */
  valueOf<R extends object, V, A = undefined>(
    kind: string,
    key: string,
    loadKey: string,
    load: (rows: readonly R[], keys: readonly string[], arg: A) => readonly V[],
    arg?: A,
  ): V | undefined {
    const level = this.#byKind.get(kind)?.get(key);
    if (!level) return undefined;
    let loaded = level.loaded.get(loadKey);
    if (!loaded) {
      try {
        const values = load(level.rows as readonly R[], level.keys, arg as A);
        const map = new Map<string, unknown>();
        for (let i = 0; i < level.keys.length; i++) map.set(level.keys[i]!, values[i]);
        loaded = { values: map };
      } catch (error) {
        loaded = { error };
      }
      level.loaded.set(loadKey, loaded);
    }
    if ("error" in loaded) throw loaded.error;
    return loaded.values.get(key) as V;
  }
}
