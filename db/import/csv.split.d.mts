/** A syntax error of the CSV text: the line it was found on and what is wrong (without the file). */
export declare class CsvSyntaxError extends Error {
  readonly line: number;
  readonly detail: string;
  constructor(line: number, detail: string);
}

/** The streaming RFC 4180 splitter (see csv.split.mjs). Throws CsvSyntaxError on bad syntax. */
export declare class CsvSplitter {
  /** `onPlain`, if given, gets each record without quotes unsplit: its fields are `text.slice(start, end).split(",")`. */
  constructor(onRecord: (fields: string[], line: number) => void, onPlain?: (text: string, start: number, end: number, line: number) => void);
  /** Feeds the next piece of text. */
  push(chunk: string): void;
  /** The end of the input: the last line may lack its newline. */
  end(): void;
}
