/** DataLoader batch results in key order, from rows read with one `WHERE key IN (...)`. */

/**
 * Groups rows by a key and returns one array per requested key, in key order (what a DataLoader
 * batch function must return).
 */
export function groupInKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const k of keys) byKey.set(k, []);
  for (const r of rows) byKey.get(keyOf(r))?.push(r);
  return keys.map((k) => byKey.get(k)!);
}

/** One row (or null) per requested key, in key order. */
export function oneInKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const r of rows) byKey.set(keyOf(r), r);
  return keys.map((k) => byKey.get(k) ?? null);
}
