/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return new Array(n).fill("?").join(", ");
}

/** Conditions joined with AND; `1` (always true) when there are none. */
export function allOf(conditions: readonly string[]): string {
  return conditions.length ? conditions.join(" AND ") : "1";
}
