/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return new Array(n).fill("?").join(", ");
}

/** Conditions joined with AND; `1 = 1` (always true, on SQLite and PostgreSQL) when there are none. */
export function allOf(conditions: readonly string[]): string {
  return conditions.length ? conditions.join(" AND ") : "1 = 1";
}

/**
 * Whether a text value can equal a stored one. PostgreSQL text cannot hold U+0000 (it refuses such
 * a parameter outright), so a key or search text with it matches nothing, and a read leaves it out
 * rather than sending it. The graph answers the same on SQLite, where only a write that let U+0000
 * through could have stored one.
 */
export function matchable(text: string): boolean {
  return !text.includes("\u0000");
}
