import { describe, expect, it } from "vitest";
import { parseIntegerList } from "../../../db/cycles/cycle-table.build.js";

describe("parseIntegerList (the column-wise read of an integer column)", () => {
  it("reads decimals separated by commas, epoch milliseconds and negatives exactly", () => {
    expect([...parseIntegerList("1560159394984,-2,0,9007199254740991")]).toEqual([1560159394984, -2, 0, 9007199254740991]);
    expect([...parseIntegerList("7")]).toEqual([7]);
    expect(parseIntegerList("")).toHaveLength(0);
  });

  it("refuses anything but integers, naming where", () => {
    expect(() => parseIntegerList("1,,2")).toThrow(/not a list of integers: "1,,2" at character 2/);
    expect(() => parseIntegerList("1.5")).toThrow(/at character 1/);
    expect(() => parseIntegerList("3,")).toThrow(/at character 2/);
    expect(() => parseIntegerList("--1")).toThrow(/at character 1/);
  });
});
