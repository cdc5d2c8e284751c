import { EventEmitter } from "node:events";
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { SupergraphManager } from "@apollo/gateway";
import type { Logger } from "pino";
import { readSupergraphConfig, type SubgraphEndpoint } from "./supergraph.config.js";
import { composeSupergraph, type CompositionAttempt } from "./supergraph.compose.js";

/** What ApolloGateway passes to `initialize` (the type is not exported by @apollo/gateway). */
type SupergraphSdlHookOptions = Parameters<SupergraphManager["initialize"]>[0];

/** Tuning of the manager; the defaults suit a person editing the file by hand. */
export interface FileSupergraphManagerOptions {
  /** Path of `supergraph.json`. */
  configPath: string;
  logger: Logger;
  /** First delay before retrying an unreachable subgraph; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Editors write a file in several steps: wait this long after the last change before reading it. */
  debounceMs?: number;
  /** Re-compose every so often even if the file did not change (subgraphs deploy new schemas); 0 = never. */
  pollIntervalMs?: number;
  /** Timeout of one `_service { sdl }` request. */
  fetchTimeoutMs?: number;
}

/** What the manager tells listeners (`composed` and `failed` events). */
export interface ComposedEvent {
  subgraphs: SubgraphEndpoint[];
  supergraphSdl: string;
  initial: boolean;
}
export interface FailedEvent {
  reason: "config" | "unreachable" | "composition";
  errors: string[];
  /** Whether a previously composed supergraph keeps being served. */
  keptPrevious: boolean;
}

/** Where the gateway stands, for /health and for the "not ready" answer. */
export interface SupergraphStatus {
  ready: boolean;
  subgraphs: SubgraphEndpoint[];
  lastErrors: string[];
}

/**
 * Composes the supergraph from the subgraphs listed in a JSON file and keeps it current: it
 * re-composes when the file changes (and, optionally, on a timer). A bad file, an unreachable
 * subgraph or a composition error never replaces a working supergraph: the previous one keeps
 * being served and the problem is logged. At start, it retries until the subgraphs answer.
 *
 * Plugs into ApolloGateway as `supergraphSdl` (the SupergraphManager form).
 */
export class FileSupergraphManager extends EventEmitter implements SupergraphManager {
  private readonly configPath: string;
  private readonly logger: Logger;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly debounceMs: number;
  private readonly pollIntervalMs: number;
  private readonly fetchTimeoutMs: number;

  private update: SupergraphSdlHookOptions["update"] | null = null;
  private current: { sdl: string; subgraphs: SubgraphEndpoint[] } | null = null;
  private lastErrors: string[] = [];
  private watcher: FSWatcher | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = false;
  private wakeInitial: (() => void) | null = null;

  constructor(options: FileSupergraphManagerOptions) {
    super();
    this.configPath = resolve(options.configPath);
    this.logger = options.logger;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.debounceMs = options.debounceMs ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 0;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 5000;
    this.retryDelay = this.retryDelayMs;
  }

  /** Called by ApolloGateway.load(): resolves with the first supergraph that composes. */
  async initialize({ update }: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    this.startWatching();
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw new Error("gateway stopped before the supergraph was composed");
      const outcome = await this.attempt(true);
      if (outcome.ok) break;
      const delay = this.nextRetryDelay();
      this.logger.warn(
        { attempt, retryInMs: delay, errors: outcome.errors },
        `supergraph not composed yet (${outcome.reason}): ${outcome.errors.join("; ")} — retrying in ${Math.round(delay / 100) / 10}s or when ${basename(this.configPath)} changes`,
      );
      // Wait for the retry delay or a change of the file, whichever comes first.
      await new Promise<void>((done) => {
        const timer = setTimeout(done, delay);
        this.wakeInitial = () => {
          clearTimeout(timer);
          done();
        };
      });
      this.wakeInitial = null;
    }
    if (this.pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => void this.recompose("poll"), this.pollIntervalMs);
      this.pollTimer.unref();
    }
    return { supergraphSdl: this.current!.sdl, cleanup: async () => this.stop() };
  }

  /** The gateway's state, for health checks and "not ready" answers. */
  status(): SupergraphStatus {
    return { ready: this.current !== null, subgraphs: this.current?.subgraphs ?? [], lastErrors: this.lastErrors };
  }

  /**
   * Re-reads the file and re-composes now (what a file change triggers after the debounce).
   * Attempts never overlap: a request during one runs once more after it.
   */
  async recompose(trigger = "manual"): Promise<void> {
    if (this.stopped || !this.current) return;
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        this.logger.debug({ trigger }, "re-composing the supergraph");
        const outcome = await this.attempt(false);
        if (!outcome.ok && outcome.reason === "unreachable") this.scheduleRetry();
      } while (this.rerun && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops watching the file and all timers; an initialize still waiting gives up. */
  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = null;
    for (const timer of [this.debounceTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.wakeInitial?.();
  }

  private nextRetryDelay(): number {
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.maxRetryDelayMs);
    return delay;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.nextRetryDelay();
    this.logger.warn({ retryInMs: delay }, `will retry composing in ${Math.round(delay / 100) / 10}s`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.recompose("retry");
    }, delay);
    this.retryTimer.unref();
  }

  /** One attempt: read the file, fetch every SDL, compose; on success install the supergraph. */
  private async attempt(initial: boolean): Promise<CompositionAttempt | { ok: false; reason: "config"; errors: string[] }> {
    let subgraphs: SubgraphEndpoint[];
    try {
      subgraphs = readSupergraphConfig(this.configPath).subgraphs;
    } catch (err) {
      return this.failed({ ok: false, reason: "config", errors: [(err as Error).message] });
    }
    const outcome = await composeSupergraph(subgraphs, this.fetchTimeoutMs);
    if (this.stopped) return outcome;
    if (!outcome.ok) return this.failed(outcome);
    this.retryDelay = this.retryDelayMs;
    this.lastErrors = [];
    if (this.current?.sdl === outcome.supergraphSdl) {
      this.current = { sdl: outcome.supergraphSdl, subgraphs };
      return outcome;
    }
    if (!initial) {
      try {
        // ApolloGateway validates the new supergraph and builds its query planner here.
        this.update!(outcome.supergraphSdl);
      } catch (err) {
        return this.failed({ ok: false, reason: "composition", errors: [(err as Error).message] });
      }
    }
    this.current = { sdl: outcome.supergraphSdl, subgraphs };
    this.logger.info({ subgraphs: subgraphs.map((s) => s.name) }, `supergraph composed from ${subgraphs.map((s) => `"${s.name}"`).join(", ")}`);
    this.emit("composed", { subgraphs, supergraphSdl: outcome.supergraphSdl, initial } satisfies ComposedEvent);
    return outcome;
  }

  private failed<T extends { ok: false; reason: FailedEvent["reason"]; errors: string[] }>(outcome: T): T {
    this.lastErrors = outcome.errors;
    const keptPrevious = this.current !== null;
    if (keptPrevious) {
      this.logger.error(
        { reason: outcome.reason, errors: outcome.errors },
        `supergraph not updated, still serving the previous one (${outcome.reason}): ${outcome.errors.join("; ")}`,
      );
    }
    this.emit("failed", { reason: outcome.reason, errors: outcome.errors, keptPrevious } satisfies FailedEvent);
    return outcome;
  }

  private startWatching(): void {
    // Watch the folder, not the file: editors save by writing a new file and renaming it over
    // the old one, which would silently end a watch on the file itself.
    const name = basename(this.configPath);
    this.watcher = watch(dirname(this.configPath), (_event, filename) => {
      if (filename !== null && filename !== name) return;
      if (this.debounceTimer) clearTimeout(this.debounceTimer);
      this.debounceTimer = setTimeout(() => {
        this.debounceTimer = null;
        if (this.wakeInitial) this.wakeInitial();
        else void this.recompose("file change");
      }, this.debounceMs);
    });
    this.watcher.on("error", (err) => this.logger.error({ err }, `cannot watch ${this.configPath}; restart the gateway to pick up changes`));
  }
}
