/**
 * `codegen --watch`: regenerates when a metadata file or the config file changes. The parsed models and the
 * formatted files stay in memory between runs (the stages stay pure: the state lives here), so a run after a small
 * change skips parsing unchanged sources and formatting unchanged files. A run that fails prints its diagnostics and
 * writes nothing; watching goes on. SIGINT (or the caller's signal) ends it cleanly.
 */
import { watch as fsWatch, type FSWatcher } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { CachedModel, ModelCache } from "../pipeline.js";
import { EXIT } from "./exit-codes.js";
import { isUrl, redactText } from "../load/load.js";
import { loadOptions, usageMessage, type ParsedFlags, type ResolvedOptions, type ResolvedOutput } from "./options.js";
import { runOutput, summary, type Console, type OutputState } from "./run.js";

export interface WatchContext {
  readonly flags: ParsedFlags;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly console: Console;
  readonly signal?: AbortSignal;
  /** Quiet time after the last file event before regenerating. */
  readonly debounceMs?: number;
}

/** Models by key, keeping only those the last run used (an edited source's old model is dropped). */
export class PruningModelCache implements ModelCache {
  private readonly entries = new Map<string, CachedModel>();
  private readonly used = new Set<string>();
  get(key: string): CachedModel | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }
  set(key: string, value: CachedModel): void {
    this.entries.set(key, value);
    this.used.add(key);
  }
  /** Forgets every entry not read or written since the last prune. */
  prune(): void {
    for (const key of [...this.entries.keys()]) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }
  get size(): number {
    return this.entries.size;
  }
}


/** The files a set of outputs reads (metadata files, migration maps and the config), and the URL sources that cannot be watched. */
export function watchedFiles(options: ResolvedOptions): { files: string[]; urls: string[] } {
  const files = new Set<string>();
  const urls = new Set<string>();
  if (options.configFile !== undefined) files.add(options.configFile);
  for (const o of options.outputs) {
    for (const i of o.generate.inputs) (isUrl(i.source) ? urls : files).add(i.source);
    for (const m of Object.values(o.generate.migration ?? {})) if (m !== false) files.add(m);
  }
  return { files: [...files].sort(), urls: [...urls].sort() };
}

/** Calls `onChange(path)` for changes to any of `files`; watches their folders, so replace-by-rename saves count. */
function watchFiles(files: readonly string[], onChange: (path: string) => void, onError: (message: string) => void): FSWatcher[] {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(basename(f));
  }
  const watchers: FSWatcher[] = [];
  for (const [dir, names] of byDir) {
    try {
      const w = fsWatch(dir, { persistent: true }, (_event, name) => {
        const n = name?.toString();
        if (n === undefined) {
          for (const each of names) onChange(join(dir, each));
        } else if (names.has(n)) onChange(join(dir, n));
      });
      w.on("error", (e) => onError(`cannot watch ${dir}: ${e.message}`));
      watchers.push(w);
    } catch (e) {
      onError(`cannot watch ${dir}: ${(e as Error).message}`);
    }
  }
  return watchers;
}

const clock = (): string => new Date().toTimeString().slice(0, 8);

/** One regeneration's line: what changed and how long it took from the file event, wall and CPU. */
export function regenerationLine(out: string, changes: { added: readonly unknown[]; changed: readonly unknown[]; removed: readonly unknown[] }, wallMs: number, cpuMs: number): string {
  return `codegen: [${clock()}] ${out}: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed in ${Math.round(wallMs)} ms (CPU ${Math.round(cpuMs)} ms)`;
}

export async function watchOutputs(initial: ResolvedOptions, ctx: WatchContext): Promise<number> {
  const io = ctx.console;
  const debounceMs = ctx.debounceMs ?? 10;
  let options = initial;
  const states = new Map<string, OutputState & { models: PruningModelCache }>();
  const stateOf = (o: ResolvedOutput): OutputState & { models: PruningModelCache } => {
    let s = states.get(o.out);
    if (!s) {
      const models = new PruningModelCache();
      s = { models, runCache: { models, pieces: new Map(), renderer: {} }, written: { files: new Map(), dirs: new Map() } };
      states.set(o.out, s);
    }
    return s;
  };
  const shownOut = (out: string): string => relative(ctx.cwd, out) || ".";

  const regenerate = async (outputs: readonly ResolvedOutput[], startedAt: number, cpuAt: NodeJS.CpuUsage | undefined): Promise<void> => {
    for (const o of outputs) {
      const state = stateOf(o);
      try {
        const run = await runOutput(o, { check: false, quiet: options.quiet, verbose: options.verbose }, io, state);
        state.models.prune();
        if (run.code !== EXIT.ok || !run.changes) continue;
        if (options.quiet) continue;
        if (cpuAt === undefined) io.out(summary(shownOut(o.out), run.changes));
        else {
          const cpu = process.cpuUsage(cpuAt);
          io.out(regenerationLine(shownOut(o.out), run.changes, performance.now() - startedAt, (cpu.user + cpu.system) / 1000));
        }
      } catch (e) {
        // A failed write leaves the folder as it was (the write stage stages and renames); keep watching.
        io.err(`codegen: ${shownOut(o.out)}: ${(e as Error).message}`);
      }
    }
  };

  await regenerate(options.outputs, performance.now(), undefined);

  return new Promise<number>((resolveWatch) => {
    let watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout | undefined;
    let pending = new Set<string>();
    let firstEvent: { at: number; cpu: NodeJS.CpuUsage } | undefined;
    let running: Promise<void> | undefined;
    let stopped = false;

    const announce = (): void => {
      const { files, urls } = watchedFiles(options);
      if (!options.quiet) {
        io.err(`codegen: watching ${files.length} file(s) for changes; Ctrl+C stops.`);
        if (urls.length > 0) io.err(`codegen: URL sources are not watched: ${urls.map(redactText).join(", ")}`);
      }
    };
    const rewatch = (): void => {
      for (const w of watchers) w.close();
      watchers = watchFiles(
        watchedFiles(options).files,
        (path) => {
          if (stopped) return;
          pending.add(path);
          firstEvent ??= { at: performance.now(), cpu: process.cpuUsage() };
          if (timer) clearTimeout(timer);
          timer = setTimeout(flush, debounceMs);
        },
        (message) => io.err(`codegen: ${message}`),
      );
    };

    const flush = (): void => {
      timer = undefined;
      if (running) return; // picked up when the current run ends
      const changed = pending;
      const event = firstEvent ?? { at: performance.now(), cpu: process.cpuUsage() };
      pending = new Set();
      firstEvent = undefined;
      running = (async () => {
        let outputs: readonly ResolvedOutput[];
        if (options.configFile !== undefined && changed.has(options.configFile)) {
          try {
            options = await loadOptions(ctx.flags, ctx.cwd, ctx.env, true);
          } catch (e) {
            const message = usageMessage(e);
            io.err(message ?? `codegen: ${(e as Error).message}`);
            io.err("codegen: the config has errors; still watching with the previous one.");
            return;
          }
          rewatch();
          outputs = options.outputs;
        } else {
          outputs = options.outputs.filter(
            (o) => o.generate.inputs.some((i) => changed.has(i.source)) || Object.values(o.generate.migration ?? {}).some((m) => m !== false && changed.has(m)),
          );
        }
        await regenerate(outputs, event.at, event.cpu);
      })().finally(() => {
        running = undefined;
        if (pending.size > 0 && !stopped) flush();
      });
    };

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off("SIGINT", stop);
      ctx.signal?.removeEventListener("abort", stop);
      void (running ?? Promise.resolve()).then(() => {
        if (!options.quiet) io.err("codegen: stopped watching.");
        resolveWatch(EXIT.ok);
      });
    };

    process.on("SIGINT", stop);
    if (ctx.signal?.aborted) return stop();
    ctx.signal?.addEventListener("abort", stop);
    rewatch();
    announce();
  });
}
