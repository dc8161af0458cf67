/**
 * One output, once: generate, print the diagnostics, then write the folder or (--check) compare it. Shared by a
 * plain run and by each regeneration of --watch, which passes its in-memory caches.
 */
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FormatCache } from "../format/format.js";
import { isUrl, redactText } from "../load/load.js";
import { generate, type GenerateResult, type RunCache, type Stage } from "../pipeline.js";
import { manifestText, MANIFEST } from "../write/manifest.js";
import { diffOutput, OutputFolderError, writeOutput, type OutputChanges, type WriteMemory } from "../write/write.js";
import { driftReport, type FileDrift } from "./diff.js";
import { EXIT } from "./exit-codes.js";
import type { ResolvedOutput } from "./options.js";
import { createProgress } from "./progress.js";

/** Error codes that come from the config alone, not the metadata: a run with no other errors exits 2 (usage). */
const CONFIG_ERRORS = ["unknown-capability-target", "invalid-migration-map"];

export interface Console {
  out(line: string): void;
  err(line: string): void;
}

export const processConsole: Console = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

export interface RunFlags {
  readonly check: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Most lines of diff --check prints. */
  readonly maxDiffLines?: number;
  /** The folder --check's diff paths are relative to, so that `git apply` takes it there. Default: process.cwd(). */
  readonly cwd?: string;
}

/** What --watch keeps between runs of one output. */
export interface OutputState {
  readonly runCache: RunCache;
  /** The files of the last run that was written (path → hash of the unformatted text, text). */
  formatCache?: FormatCache;
  /** What the last write left in the folder (the write stage fills it): the next one reads only files touched since. */
  readonly written?: WriteMemory;
}

export interface OutputRun {
  readonly code: number;
  readonly changes?: OutputChanges;
  /** Milliseconds per stage (write included). */
  readonly timings: ReadonlyMap<string, number>;
  readonly diagnostics: readonly Diagnostic[];
}


/** Diagnostics as printed: URL credentials hidden (in the file and the message); silenced warnings (and with --quiet every warning) left out. */
export function visibleDiagnostics(list: readonly Diagnostic[], silence: ReadonlySet<string>, quiet: boolean): Diagnostic[] {
  return list
    .filter((d) => d.severity === "error" || (!quiet && !silence.has(d.code)))
    .map((d) => ({ ...d, file: redactText(d.file), message: redactText(d.message) }));
}

export function formatTimings(timings: ReadonlyMap<string, number>): string {
  return [...timings].map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(", ");
}

export async function runOutput(output: ResolvedOutput, flags: RunFlags, io: Console, state?: OutputState): Promise<OutputRun> {
  const timings = new Map<string, number>();
  let current: string | undefined;
  let since = performance.now();
  const enter = (stage: Stage | "write" | "compare" | undefined): void => {
    const now = performance.now();
    if (current !== undefined) timings.set(current, (timings.get(current) ?? 0) + now - since);
    current = stage;
    since = now;
    if (stage !== undefined) progress.stage(stage);
  };
  if (flags.verbose) {
    io.err(`codegen: output ${output.out} (${output.generate.mode ?? "package"})`);
    for (const i of output.generate.inputs) {
      if (!isUrl(i.source)) io.err(`codegen:   ${i.label}: reading ${i.source}`);
      else {
        const names = Object.keys(i.headers ?? {});
        const extra = [names.length > 0 ? `headers ${names.join(", ")}` : "", i.timeoutMs !== undefined ? `time limit ${i.timeoutMs / 1000} s` : ""].filter(Boolean);
        io.err(`codegen:   ${i.label}: fetching ${redactText(i.source)}${extra.length > 0 ? ` (${extra.join("; ")})` : ""}`);
      }
    }
  }
  const progress = createProgress(relative(process.cwd(), output.out) || ".", flags);
  let result: GenerateResult;
  try {
    // Only --watch's own memory of what it formatted is reused: a cache read back from the output folder would trust
    // files and a manifest anyone can edit (a file edited together with its manifest line would survive), so a run
    // formats everything afresh and the write compares the bytes. --check never reuses anything.
    const formatCache = flags.check ? undefined : state?.formatCache;
    result = await generate({
      ...output.generate,
      ...(formatCache ? { formatCache } : {}),
      ...(state ? { runCache: state.runCache } : {}),
      onStage: enter,
    });
  } finally {
    enter(undefined);
    progress.done();
  }
  const shown = visibleDiagnostics(result.diagnostics, output.silence, flags.quiet);
  for (const d of shown) io.err(formatDiagnostic(d));
  if (hasErrors(result.diagnostics)) {
    const n = result.diagnostics.filter((d) => d.severity === "error").length;
    io.err(`codegen: ${n} error(s); nothing was written.`);
    // Errors of the config alone (a capability override naming nothing) are config errors.
    const configOnly = result.diagnostics.every((d) => d.severity !== "error" || CONFIG_ERRORS.includes(d.code));
    return { code: configOnly ? EXIT.usage : EXIT.metadata, timings, diagnostics: result.diagnostics };
  }

  if (flags.check) {
    // A folder that the real run would refuse fails the check the same way (diffOutput makes the write's checks).
    let changes: OutputChanges;
    try {
      enter("compare");
      changes = await diffOutput(output.out, result.files);
    } catch (e) {
      if (!(e instanceof OutputFolderError)) throw e;
      io.err(`codegen --check: ${e.message}`);
      return { code: EXIT.usage, timings, diagnostics: result.diagnostics };
    } finally {
      enter(undefined);
    }
    const drifted = changes.added.length + changes.changed.length + changes.removed.length;
    if (flags.verbose) io.err(`codegen:   ${formatTimings(timings)}`);
    if (drifted === 0) {
      if (!flags.quiet) io.out(`codegen --check: ${output.out} is up to date (${changes.unchanged} files).`);
      return { code: EXIT.ok, changes, timings, diagnostics: result.diagnostics };
    }
    const byPath = new Map(result.files.map((f) => [f.path, f.text]));
    byPath.set(MANIFEST, manifestText(result.files));
    const read = (p: string): string | undefined => {
      try {
        return readFileSync(join(output.out, p), "utf8");
      } catch {
        return undefined;
      }
    };
    // Paths as seen from the working folder (src/outlook/client.ts), so a diff of several outputs stays apart.
    const shown = (p: string): string => relative(flags.cwd ?? process.cwd(), join(output.out, p)).split(sep).join("/");
    const files: FileDrift[] = [
      ...changes.added.map((p) => ({ path: shown(p), before: undefined, after: byPath.get(p) })),
      ...changes.changed.map((p) => ({ path: shown(p), before: read(p), after: byPath.get(p) })),
      ...changes.removed.map((p) => ({ path: shown(p), before: read(p), after: undefined })),
    ];
    const report = driftReport(files, flags.maxDiffLines ?? 400);
    const list = [
      ...changes.added.map((p) => `  added:   ${p}`),
      ...changes.changed.map((p) => `  changed: ${p}`),
      ...changes.removed.map((p) => `  removed: ${p}`),
    ];
    io.err(`codegen --check: ${drifted} file(s) would change in ${output.out}:\n${list.join("\n")}`);
    for (const line of report.lines) io.out(line);
    io.err(
      `codegen --check: ${report.files} file(s), +${report.added} -${report.removed} lines` +
        (report.omitted > 0 ? `; the diff above stops after ${report.lines.length} lines (${report.omitted} more)` : ""),
    );
    return { code: EXIT.drift, changes, timings, diagnostics: result.diagnostics };
  }

  enter("write");
  let changes: OutputChanges;
  try {
    changes = await writeOutput(output.out, result.files, state?.written);
  } catch (e) {
    // A file, or a folder that holds files codegen did not write (--out . in a project): refused, nothing written.
    if (!(e instanceof OutputFolderError)) throw e;
    io.err(`codegen: ${e.message}`);
    return { code: EXIT.usage, timings, diagnostics: result.diagnostics };
  } finally {
    enter(undefined);
  }
  if (state) state.formatCache = new Map(result.files.flatMap((f) => ("sourceHash" in f && f.sourceHash ? [[f.path, { sourceHash: f.sourceHash, text: f.text }] as const] : [])));
  if (flags.verbose) io.err(`codegen:   ${formatTimings(timings)}`);
  return { code: EXIT.ok, changes, timings, diagnostics: result.diagnostics };
}

export function summary(out: string, changes: OutputChanges): string {
  return `codegen: ${out}: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed, ${changes.unchanged} unchanged.`;
}
