import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findChromium, findPostgres, ToolMissingError, type Machine } from "../../scripts/test-tools.mjs";

/**
 * A machine made of a list of executable files: what is on PATH, whether it is Debian, whether we
 * are root, and an installer that records what it was asked for (and "installs" by adding files).
 */
function fakeMachine(opts: { executables?: string[]; env?: Record<string, string>; debian?: boolean; root?: boolean; installs?: Record<string, string[]>; installFails?: string }) {
  const files = new Set(opts.executables ?? []);
  const installed: string[][] = [];
  const logged: string[] = [];
  const m: Machine = {
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", ...opts.env },
    isExecutable: (path) => files.has(path),
    listDirs: (dir) => [...new Set([...files].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split("/")[0]!))],
    isRoot: () => opts.root ?? false,
    isDebian: () => opts.debian ?? false,
    install: (packages) => {
      installed.push(packages);
      if (opts.installFails) throw new Error(opts.installFails);
      for (const p of packages) for (const f of opts.installs?.[p] ?? []) files.add(f);
    },
    log: (line) => logged.push(line),
  };
  return { m, installed, logged };
}

/** The error a finder throws, checked to be one line. */
function failure(find: () => string): string {
  try {
    find();
  } catch (err) {
    expect(err).toBeInstanceOf(ToolMissingError);
    const message = (err as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected the finder to throw");
}

describe("findChromium", () => {
  it("uses CHROMIUM_PATH when it is an executable, before anything on PATH", () => {
    const { m, installed } = fakeMachine({ executables: ["/opt/chrome/chrome", "/usr/bin/chromium"], env: { CHROMIUM_PATH: "/opt/chrome/chrome" } });
    expect(findChromium(m)).toBe("/opt/chrome/chrome");
    expect(installed).toEqual([]);
  });

  it("fails in one line naming CHROMIUM_PATH when it points to a missing file, without looking further or installing", () => {
    const { m, installed } = fakeMachine({ executables: ["/usr/bin/chromium"], env: { CHROMIUM_PATH: "/nope" }, debian: true, root: true });
    expect(failure(() => findChromium(m))).toBe(
      "CHROMIUM_PATH: /nope is not an executable file; set CHROMIUM_PATH to a Chromium or Chrome executable, or unset it to use chromium from PATH",
    );
    expect(installed).toEqual([]);
  });

  it("tries the usual names in order (chromium before google-chrome), each along PATH", () => {
    const { m } = fakeMachine({ executables: ["/usr/local/bin/google-chrome", "/bin/chromium"] });
    expect(findChromium(m)).toBe("/bin/chromium");
    const { m: chromeOnly } = fakeMachine({ executables: ["/usr/bin/google-chrome-stable", "/usr/local/bin/chromium-browser"] });
    expect(findChromium(chromeOnly)).toBe("/usr/local/bin/chromium-browser");
    const { m: notOnPath } = fakeMachine({ executables: ["/opt/chromium/chromium"] });
    expect(() => findChromium(notOnPath)).toThrow(ToolMissingError);
  });

  it("installs Debian's chromium when none is found on Debian as root, saying so in one line", () => {
    const { m, installed, logged } = fakeMachine({ debian: true, root: true, installs: { chromium: ["/usr/bin/chromium"] } });
    expect(findChromium(m)).toBe("/usr/bin/chromium");
    expect(installed).toEqual([["chromium"]]);
    expect(logged).toEqual(["Chromium for the browser test not found: installing Debian's chromium (apt-get install --no-install-recommends)"]);
  });

  it("without root, or off Debian, names what to install and the variable to set, and installs nothing", () => {
    const expected =
      "no Chromium for the browser test (CHROMIUM_PATH is unset and none of chromium, chromium-browser, google-chrome, google-chrome-stable, chrome is on PATH): install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable";
    for (const [debian, root] of [[true, false], [false, true], [false, false]]) {
      const { m, installed, logged } = fakeMachine({ debian, root });
      expect(failure(() => findChromium(m))).toBe(expected);
      expect(installed).toEqual([]);
      expect(logged).toEqual([]);
    }
  });

  it("fails in one line when the install fails or installs no executable", () => {
    const { m } = fakeMachine({ debian: true, root: true, installFails: "apt-get update failed (exit 100; log: /tmp/x/apt.log)" });
    expect(failure(() => findChromium(m))).toBe("Chromium for the browser test: installing Debian's chromium failed: apt-get update failed (exit 100; log: /tmp/x/apt.log)");
    const { m: empty } = fakeMachine({ debian: true, root: true });
    expect(failure(() => findChromium(empty))).toMatch(/even after installing Debian's chromium; set CHROMIUM_PATH to its executable$/);
  });
});

describe("findPostgres", () => {
  it("uses IGHUB_TEST_PG_BIN when it holds initdb, and names the variable when it does not", () => {
    const { m } = fakeMachine({ executables: ["/opt/pg/bin/initdb", "/usr/lib/postgresql/15/bin/initdb"], env: { IGHUB_TEST_PG_BIN: "/opt/pg/bin" } });
    expect(findPostgres(m)).toBe("/opt/pg/bin");
    const { m: bad, installed } = fakeMachine({ executables: ["/usr/lib/postgresql/15/bin/initdb"], env: { IGHUB_TEST_PG_BIN: "/nope" }, debian: true, root: true });
    expect(failure(() => findPostgres(bad))).toBe("IGHUB_TEST_PG_BIN: no initdb in /nope; set IGHUB_TEST_PG_BIN to the folder holding PostgreSQL's initdb, pg_ctl and postgres, or unset it");
    expect(installed).toEqual([]);
  });

  it("takes the newest Debian version, then initdb's folder on PATH", () => {
    const { m } = fakeMachine({ executables: ["/usr/lib/postgresql/9.6/bin/initdb", "/usr/lib/postgresql/15/bin/initdb", "/usr/lib/postgresql/13/bin/initdb", "/usr/bin/initdb"] });
    expect(findPostgres(m)).toBe("/usr/lib/postgresql/15/bin");
    const { m: onPath } = fakeMachine({ executables: ["/usr/local/bin/initdb"] });
    expect(findPostgres(onPath)).toBe("/usr/local/bin");
  });

  it("installs Debian's postgresql on Debian as root, else says what to install and set", () => {
    const { m, installed, logged } = fakeMachine({ debian: true, root: true, installs: { postgresql: ["/usr/lib/postgresql/15/bin/initdb"] } });
    expect(findPostgres(m)).toBe("/usr/lib/postgresql/15/bin");
    expect(installed).toEqual([["postgresql"]]);
    expect(logged).toEqual(["PostgreSQL for test:pg not found: installing Debian's postgresql (apt-get install --no-install-recommends)"]);
    const { m: user, installed: none } = fakeMachine({ debian: true, root: false });
    expect(failure(() => findPostgres(user))).toBe(
      "PostgreSQL server binaries not found (no initdb in /usr/lib/postgresql/*/bin or on PATH): install PostgreSQL (Debian: apt-get install postgresql) or set IGHUB_TEST_PG_BIN to the folder holding initdb, pg_ctl and postgres",
    );
    expect(none).toEqual([]);
  });
});

describe("node scripts/test-tools.mjs", () => {
  const script = join(dirname(dirname(import.meta.dirname)), "scripts/test-tools.mjs");

  it("prints what it found, or one line and exit code 2", () => {
    const bad = spawnSync(process.execPath, [script, "chromium"], { encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: "/nope" } });
    expect({ status: bad.status, stdout: bad.stdout, stderr: bad.stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr: "CHROMIUM_PATH: /nope is not an executable file; set CHROMIUM_PATH to a Chromium or Chrome executable, or unset it to use chromium from PATH\n",
    });
    const pg = spawnSync(process.execPath, [script, "postgres"], { encoding: "utf8", env: { ...process.env, IGHUB_TEST_PG_BIN: "/nope" } });
    expect([pg.status, pg.stderr.trim().split("\n").length]).toEqual([2, 1]);
  });
});
