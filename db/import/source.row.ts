/**
 * What the readers of import files hand over: one record at a time as the file streams in (so
 * memory does not grow with the file), each with its line and its fields as the file names them,
 * and the problems with the file itself.
 */

export type ImportFormat = "csv" | "json";

/** One record of a source file. `get` returns a field's raw value (arrays only from JSON). */
export interface SourceRow {
  line: number;
  get(field: string): unknown;
  /** The record's own field names (JSON records, whose keys vary); absent for CSV (the header names them). */
  keys?(): string[];
  /** CSV: the record's raw fields in header order (readers that index columns once skip `get`). */
  values?: string[];
}

/** A problem with the file itself (not one record): unreadable, bad syntax, a missing column. */
export class SourceFileError extends Error {
  readonly userFacing = true;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: column ${column}: ${detail}`);
    this.name = "SourceFileError";
  }
}

export interface ReadHandlers {
  /** Called once with the field names (CSV header; for JSON, the keys of the first record). Throw to refuse the file. */
  onHeader(fields: string[]): void;
  /** Called for each record. The row object may be reused for the next record: read it before returning. */
  onRow(row: SourceRow): void;
  /** Bytes read so far and the file size. */
  onProgress?(bytes: number, total: number): void;
  /** How columns are named in errors: CSV `3 (borough)`, JSON the key. Set by the reader before rows arrive. */
  onColumnNamer?(namer: (field: string) => string): void;
}

