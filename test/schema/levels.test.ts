import { describe, expect, it } from "vitest";
import { Levels } from "../../schema/common/levels.js";

const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
const idOf = (r: { id: string }) => r.id;

describe("Levels", () => {
  it("runs a load once for the whole level and answers each row, a copy of a row included", () => {
    const levels = new Levels();
    levels.mark("thing", rows, idOf);
    const loads: string[][] = [];
    const load = (_rows: readonly { id: string }[], keys: readonly string[]) => {
      loads.push([...keys]);
      return keys.map((k) => k.toUpperCase());
    };
    expect(levels.valueOf("thing", "b", "upper", load)).toBe("B");
    expect(levels.valueOf("thing", "a", "upper", load)).toBe("A");
    expect(levels.valueOf("thing", "c", "upper", load)).toBe("C");
    expect(loads).toEqual([["a", "b", "c"]]);
    // Another load key is another load over the same level.
    expect(levels.valueOf("thing", "c", "twice", (_r, keys) => keys.map((k) => k + k))).toBe("cc");
    expect(loads).toHaveLength(1);
  });

  it("answers undefined for a row of no level, and keeps kinds apart", () => {
    const levels = new Levels();
    levels.mark("thing", rows, idOf);
    const load = (_rows: readonly object[], keys: readonly string[]) => keys.map(() => 1);
    expect(levels.valueOf("thing", "z", "one", load)).toBeUndefined();
    expect(levels.valueOf("other", "a", "one", load)).toBeUndefined();
  });

  it("throws a failed load's error for every row of the level, without loading again", () => {
    const levels = new Levels();
    levels.mark("thing", rows, idOf);
    let runs = 0;
    const failure = new Error("database is locked");
    const load = () => {
      runs++;
      throw failure;
    };
    for (const key of ["a", "b", "c"]) expect(() => levels.valueOf("thing", key, "broken", load)).toThrow(failure);
    expect(runs).toBe(1);
  });

  it("answers a row from the last level it was marked in", () => {
    const levels = new Levels();
    levels.mark("thing", rows, idOf);
    levels.mark("thing", [{ id: "b" }, { id: "d" }], idOf);
    const seen: string[][] = [];
    const load = (_rows: readonly object[], keys: readonly string[]) => (seen.push([...keys]), keys.map((k) => k));
    expect(levels.valueOf("thing", "b", "k", load)).toBe("b");
    expect(levels.valueOf("thing", "a", "k", load)).toBe("a");
    expect(seen).toEqual([
      ["b", "d"],
      ["a", "b", "c"],
    ]);
  });
});
