import { describe, expect, it } from "vitest";
import { copyField, copyLine, copyStatement } from "../../../db/driver/pg.copy.js";

// COPY's text format (PostgreSQL docs, "COPY", File Formats / Text Format): columns separated by a
// tab, rows by a newline, \N for NULL, and a backslash before a backslash, tab, newline or carriage return.
describe("COPY text format", () => {
  it("escapes the four special characters and nothing else", () => {
    expect(copyField("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyField('Borough "A", \'B\' — é ✓')).toBe('Borough "A", \'B\' — é ✓');
    expect(copyField("\\N")).toBe("\\\\N");
    expect(copyField("")).toBe("");
  });

  it("writes NULL as \\N and numbers in decimal", () => {
    expect([copyField(null), copyField(undefined), copyField(0), copyField(1_709_287_200_000), copyField(-1.5), copyField(12n)]).toEqual(["\\N", "\\N", "0", "1709287200000", "-1.5", "12"]);
  });

  it("refuses values it cannot write rather than sending '[object Object]'", () => {
    expect(() => copyField({})).toThrow(/cannot be sent by COPY/);
  });

  it("makes one line per row and quotes names in the statement", () => {
    expect(copyLine(["I1", null, 3, "x\ty"])).toBe("I1\t\\N\t3\tx\\ty\n");
    expect(copyStatement("stage_events", ["id", "at"])).toBe('COPY "stage_events" ("id", "at") FROM STDIN');
  });
});
