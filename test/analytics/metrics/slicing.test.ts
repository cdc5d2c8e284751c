import { describe, expect, it } from "vitest";
import { MAX_RESTARTS, inChunks, runSliced, runToEnd, type Steps } from "../../../analytics/metrics/slicing.js";

/*
 * The drivers of resumable kernels (analytics/metrics/slicing.ts): a fake clock that each step
 * advances stands in for the work, so when a turn is given is exact.
 */

/** A kernel of `n` steps that each take `ms` on `clock`, log their number, and return the sum of 1..n. */
function* counting(n: number, ms: number, clock: { now: number }, log: string[]): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    clock.now += ms;
    sum += i;
    log.push(`step ${i}`);
    if (i < n) yield;
  }
  return sum;
}

describe("runToEnd", () => {
  it("runs every step at once and returns the kernel's answer", () => {
    const log: string[] = [];
    expect(runToEnd(counting(5, 1, { now: 0 }, log))).toBe(15);
    expect(log).toEqual(["step 1", "step 2", "step 3", "step 4", "step 5"]);
  });
});

describe("inChunks", () => {
  it("covers [0, n) once in ranges of the chunk size, with a step between two ranges and none after the last", () => {
    const ranges: string[] = [];
    const gen = inChunks(10, (from, to) => ranges.push(`${from}-${to}`), 4);
    const stops: string[][] = [];
    for (let s = gen.next(); !s.done; s = gen.next()) stops.push([...ranges]);
    expect(ranges).toEqual(["0-4", "4-8", "8-10"]);
    expect(stops).toEqual([["0-4"], ["0-4", "4-8"]]);
    expect(runToEnd(inChunks(0, () => ranges.push("never"), 4))).toBeUndefined();
    expect(ranges).toHaveLength(3);
  });
});

describe("runSliced", () => {
  it("gives a turn once sliceMs of work have passed since the last one, and returns the same answer as runToEnd", async () => {
    const clock = { now: 0 };
    const log: string[] = [];
    const answer = await runSliced(() => counting(7, 4, clock, log), { sliceMs: 10, now: () => clock.now, turn: async () => void log.push(`turn at ${clock.now}`) });
    expect(answer).toBe(28);
    // 4 ms a step: after 3 steps 12 ms ≥ 10 → a turn; the clock restarts at the turn.
    expect(log).toEqual(["step 1", "step 2", "step 3", "turn at 12", "step 4", "step 5", "step 6", "turn at 24", "step 7"]);
  });

  it("starts the kernel again when its input changed during a turn, and keeps the answer of the run that ended", async () => {
    const clock = { now: 0 };
    const log: string[] = [];
    let version = 0;
    let seen = 0;
    let starts = 0;
    const answer = await runSliced(
      () => {
        starts++;
        seen = version;
        log.push(`start ${starts}`);
        return counting(3 + starts, 10, clock, log); // a later start sees other data: another answer
      },
      {
        sliceMs: 10,
        now: () => clock.now,
        turn: async () => {
          log.push("turn");
          if (clock.now === 10) version++; // a write during the first turn only
        },
        changed: () => version !== seen,
      },
    );
    expect(starts).toBe(2);
    expect(answer).toBe(1 + 2 + 3 + 4 + 5); // the second start's kernel (5 steps)
    expect(log).toEqual(["start 1", "step 1", "turn", "start 2", "step 1", "turn", "step 2", "turn", "step 3", "turn", "step 4", "turn", "step 5"]);
  });

  it("runs the kernel to its end without turns after MAX_RESTARTS restarts, so writes without end cannot starve it", async () => {
    const clock = { now: 0 };
    let starts = 0;
    let turns = 0;
    const answer = await runSliced(
      () => {
        starts++;
        return counting(4, 10, clock, []);
      },
      { sliceMs: 10, now: () => clock.now, turn: async () => void turns++, changed: () => true },
    );
    expect(answer).toBe(10);
    expect(starts).toBe(MAX_RESTARTS + 1);
    expect(turns).toBe(MAX_RESTARTS);
  });

  it("stops the kernel when a turn throws (the request's time limit): the promise rejects with that error and the kernel is closed", async () => {
    const clock = { now: 0 };
    let closed = false;
    let stepsRun = 0;
    function* kernel(): Steps<string> {
      try {
        for (;;) {
          clock.now += 10;
          stepsRun++;
          yield;
        }
      } finally {
        closed = true;
      }
    }
    let turns = 0;
    const limit = new Error("time limit");
    const run = runSliced(kernel, {
      sliceMs: 10,
      now: () => clock.now,
      turn: async () => {
        if (++turns === 3) throw limit;
      },
    });
    await expect(run).rejects.toBe(limit);
    expect(stepsRun).toBe(3);
    expect(closed).toBe(true);
  });

  it("lets other work run between slices: a timer set before the kernel fires before the kernel ends", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer"), 0);
    function* kernel(): Steps<void> {
      for (let i = 0; i < 50; i++) {
        const until = performance.now() + 2;
        while (performance.now() < until) {
          /* 2 ms of work */
        }
        yield;
      }
      order.push("kernel done");
    }
    await runSliced(kernel, { sliceMs: 5, turn: () => new Promise((r) => setImmediate(r)) });
    expect(order).toEqual(["timer", "kernel done"]);
  });
});
