/** The repository. */
export declare const ROOT: string;
/** Where builds go (git-ignored), relative to the root. */
export declare const BUILD_DIR: string;
/** Whether the build in `root` is current: the built CLI's path, or why not. */
export declare function checkBuild(root?: string): { fresh: true; entry: string } | { fresh: false; reason: string };
/** Builds `entry` (default server/cli.ts) into a new folder of `outRoot` (default root/dist/hub); returns the built entry's path. */
export declare function build(root?: string, options?: { entry?: string; outRoot?: string }): Promise<string>;
/** The built CLI's path, building first (and logging one line) when missing or stale. */
export declare function ensureBuild(root?: string, options?: { log?: (line: string) => void }): Promise<string>;
/** Packages bundled into the vendor layer (dist/hub/v-<key>). */
export declare const VENDORED: string[];
