/** The environment `hub serve` runs with (on Linux; other systems' malloc ignores these names). */
export declare const SERVE_MALLOC: Readonly<Record<string, string>>;
/** Whether this `hub` run is `serve` on Linux, without the settings yet and not opted out. */
export declare function needsServeMalloc(argv?: readonly string[], env?: NodeJS.ProcessEnv | Record<string, string | undefined>, platform?: string): boolean;
/** Starts `serve` as a child with SERVE_MALLOC set when needed; returns whether it did. */
export declare function serveMalloc(): boolean;
/** V8 flags the server started by serveMalloc runs with (unless NODE_OPTIONS or the command line sets them). */
export declare const SERVE_NODE_FLAGS: readonly string[];
