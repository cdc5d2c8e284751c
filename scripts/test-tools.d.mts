/** Executable names a Chromium goes by on PATH, in the order they are tried. */
export declare const CHROMIUM_NAMES: string[];
/** Where Debian's postgresql packages put initdb, pg_ctl and postgres. */
export declare const DEBIAN_PG_ROOT: string;

/** A program the tests need is missing; the message is one line that says how to fix it. */
export declare class ToolMissingError extends Error {
  constructor(message: string);
}

/** The machine as the finders see it (tests pass their own). */
export interface Machine {
  env: Record<string, string | undefined>;
  isExecutable(path: string): boolean;
  listDirs(dir: string): string[];
  isRoot(): boolean;
  isDebian(): boolean;
  /** Installs Debian packages (apt-get update, then install); throws when it fails. */
  install(packages: string[]): void;
  log(line: string): void;
}

export declare const machine: Machine;
/** The first executable `name` on the machine's PATH, or null. */
export declare function onPath(m: Machine, name: string): string | null;
/** CHROMIUM_PATH, else a Chromium on PATH, else Debian's chromium installed (Debian, root); else throws ToolMissingError. */
export declare function findChromium(m?: Machine): string;
/** IGHUB_TEST_PG_BIN, else Debian's /usr/lib/postgresql/<v>/bin, else initdb's folder on PATH, else Debian's postgresql installed (Debian, root); else throws ToolMissingError. */
export declare function findPostgres(m?: Machine): string;
