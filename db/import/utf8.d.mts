/** A streaming decoder that throws a TypeError on bytes that are not UTF-8; a BOM is kept. */
export declare function utf8Decoder(): TextDecoder;
/** The first byte of `file` that is not UTF-8 (1-based line, 0-based byte offset; byte -1 for a cut-off sequence), or null. */
export declare function firstInvalidUtf8(file: string): { line: number; offset: number; byte: number } | null;
/** The line and message of a file the strict decoder refused. */
export declare function invalidUtf8Problem(file: string): { line: number; detail: string };
