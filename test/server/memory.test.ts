import { describe, expect, it } from "vitest";
import { cycleTableBytes, typedArrayBytes } from "../../server/memory.js";

describe("typedArrayBytes", () => {
  it("counts each buffer once, at its full length, through plain objects and arrays of objects", () => {
    const shared = new ArrayBuffer(4096);
    const value = {
      a: new Float64Array(100), // 800
      b: new Int32Array(shared, 0, 10), // the shared buffer: 4096
      c: new Uint8Array(shared, 1024, 8), // same buffer: counted once
      spare: new Int32Array(1000).subarray(0, 5), // its whole buffer: 4000
      nested: { d: new Uint16Array(50) }, // 100
      lists: [new Uint8Array(7), new Uint8Array(9)], // 16
      numbers: [1, 2, 3],
      names: ["x"],
      map: new Map([["k", new Float64Array(1000)]]), // not walked
      instance: new (class Box {
        e = new Float64Array(1000);
      })(), // not a plain object: not walked
    };
    expect(typedArrayBytes(value)).toBe(800 + 4096 + 4000 + 100 + 16);
    expect(typedArrayBytes(null)).toBe(0);
    expect(typedArrayBytes(42)).toBe(0);
  });
});

describe("cycleTableBytes", () => {
  it("splits the table's columns from its sign-off columns, a buffer both share counted with the sign-offs", () => {
    const shared = new Int32Array(250); // 1000 bytes
    const table = { n: 3, stage: new Uint8Array(3), at: new Float64Array(8), both: shared, signoffs: { at: new Float64Array(16), both: shared } };
    expect(cycleTableBytes(table)).toEqual({ columns: 3 + 64, signoffs: 128 + 1000 });
    expect(cycleTableBytes({ stage: new Uint8Array(12) })).toEqual({ columns: 12, signoffs: 0 });
    expect(cycleTableBytes(undefined)).toEqual({ columns: 0, signoffs: 0 });
  });
});
