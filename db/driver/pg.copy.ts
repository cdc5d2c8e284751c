/**
 * Rows in the text format of PostgreSQL's `COPY ... FROM STDIN` (one row a line, a tab between
 * columns, `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return), for
 * {@link PgConn.copyIn}. Values are sent as node-postgres sends query parameters: numbers and
 * bigints in decimal, strings as they are; null and undefined are NULL.
 */

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;

/** One value as a COPY text field. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") return SPECIAL.test(v) ? v.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  throw new TypeError(`a ${typeof v} cannot be sent by COPY; expected a string, number, bigint, boolean or null`);
}

/** One row as a COPY text line (with its newline). */
export function copyLine(values: readonly unknown[]): string {
  let line = copyField(values[0]);
  for (let i = 1; i < values.length; i++) line += "\t" + copyField(values[i]);
  return line + "\n";
}

/** The statement that copies into `table`'s `columns` (quoted: any identifier). */
export function copyStatement(table: string, columns: readonly string[]): string {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return `COPY ${q(table)} (${columns.map(q).join(", ")}) FROM STDIN`;
}
