/**
 * The pure parts of the benchmark: statistics, formatting, the results table
 * and the metadata edits (odata2ts' enum workaround, the one-type change).
 * No processes are started here, so the tests can run all of it cheaply.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// ---- statistics -------------------------------------------------------------------------------------------------------

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** Median, min and max; the median of an even count is the mean of the middle two. */
export function stats(values: readonly number[]): Stats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

// ---- units and formatting ---------------------------------------------------------------------------------------------

/** A quantity's unit: how a raw number (seconds, KiB, bytes, count) is shown. */
export interface Unit {
  readonly suffix: string;
  /** Raw value → shown value. */
  readonly scale: (raw: number) => number;
  readonly digits: (shown: number) => number;
}

const sigDigits = (shown: number): number => (Math.abs(shown) >= 100 ? 0 : Math.abs(shown) >= 10 ? 1 : 2);

export const UNITS = {
  seconds: { suffix: " s", scale: (s: number) => s, digits: sigDigits },
  /** Peak RSS is measured in KiB (getrusage); shown in MiB (2^20 bytes). */
  mibFromKiB: { suffix: " MiB", scale: (kib: number) => kib / 1024, digits: () => 0 },
  /** Output sizes in MB (10^6 bytes). */
  mb: { suffix: " MB", scale: (bytes: number) => bytes / 1e6, digits: sigDigits },
  /** Bundle sizes in KB (10^3 bytes). */
  kb: { suffix: " KB", scale: (bytes: number) => bytes / 1e3, digits: sigDigits },
  count: { suffix: "", scale: (n: number) => n, digits: () => 0 },
  ratio: { suffix: "×", scale: (r: number) => r, digits: sigDigits },
} as const satisfies Record<string, Unit>;

export type UnitName = keyof typeof UNITS;

export function formatNumber(raw: number, unit: UnitName, withSuffix = true): string {
  const u: Unit = UNITS[unit];
  const shown = u.scale(raw);
  return `${shown.toFixed(u.digits(shown))}${withSuffix ? u.suffix : ""}`;
}

/** `43.2 s [42.9–44.1]`; a single run or identical runs show only the value. */
export function formatStats(s: Stats | undefined, unit: UnitName): string {
  if (s === undefined) return "–";
  const median = formatNumber(s.median, unit);
  const lo = formatNumber(s.min, unit, false);
  const hi = formatNumber(s.max, unit, false);
  if (s.n === 1 || lo === hi) return median;
  return `${median} [${lo}–${hi}]`;
}

// ---- /usr/bin/time ----------------------------------------------------------------------------------------------------

/**
 * The last line of `/usr/bin/time -f "%e %M"` output: elapsed seconds and peak RSS in KiB; with `-f "%e %M %U %S"`
 * also the CPU time (user + system seconds).
 */
export function parseTimeOutput(text: string): { seconds: number; rssKiB: number; cpuSeconds?: number } | undefined {
  const lines = text.trim().split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*(\d+(?:\.\d+)?)\s+(\d+)(?:\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?))?\s*$/.exec(lines[i]!);
    if (m) return { seconds: Number(m[1]), rssKiB: Number(m[2]), ...(m[3] !== undefined ? { cpuSeconds: Number(m[3]) + Number(m[4]) } : {}) };
  }
  return undefined;
}

// ---- output folders ---------------------------------------------------------------------------------------------------

export interface TreeSize {
  readonly bytes: number;
  readonly files: number;
  /** Bytes of dotfiles at the top (e.g. a generator's manifest), counted separately. */
  readonly dotBytes: number;
}

/** Total size of the regular files under dir; top-level dotfiles are counted apart, not in bytes/files. */
export function treeSize(dir: string): TreeSize {
  let bytes = 0;
  let files = 0;
  let dotBytes = 0;
  const walk = (d: string, top: boolean): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, false);
      else if (e.isFile()) {
        const size = statSync(p).size;
        if (top && e.name.startsWith(".")) dotBytes += size;
        else {
          bytes += size;
          files++;
        }
      }
    }
  };
  walk(dir, true);
  return { bytes, files, dotBytes };
}

/** Bytes of `/** … *\/` doc comments in one TypeScript text (UTF-8). */
export function docCommentBytes(text: string): number {
  let bytes = 0;
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) bytes += Buffer.byteLength(m[0], "utf8");
  return bytes;
}

/**
 * The doc comments of a generated client: bytes of `/** … *\/` comments in its generated .ts files (the hand-written
 * runtime/ left out) and the bytes of those files, to put the docs in proportion.
 */
export function generatedDocSize(dir: string): { readonly docBytes: number; readonly tsBytes: number } {
  let docBytes = 0;
  let tsBytes = 0;
  const walk = (d: string, top: boolean): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!(top && e.name === "runtime")) walk(p, false);
      } else if (e.isFile() && e.name.endsWith(".ts")) {
        const text = readFileSync(p, "utf8");
        tsBytes += Buffer.byteLength(text, "utf8");
        docBytes += docCommentBytes(text);
      }
    }
  };
  walk(dir, true);
  return { docBytes, tsBytes };
}

/** path → identity of the file's current content on disk (inode, mtime, size). */
export type Snapshot = ReadonlyMap<string, string>;

export function snapshot(dir: string): Snapshot {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p, r);
      else if (e.isFile()) {
        const s = statSync(p, { bigint: true });
        out.set(r, `${s.ino}:${s.mtimeNs}:${s.size}`);
      }
    }
  };
  walk(dir, "");
  return out;
}

/** Files added, rewritten (new inode, mtime or size) and removed between two snapshots. */
export function diffSnapshots(before: Snapshot, after: Snapshot): { written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  for (const [p, id] of after) if (before.get(p) !== id) written.push(p);
  for (const p of before.keys()) if (!after.has(p)) removed.push(p);
  return { written: written.sort(), removed: removed.sort() };
}

// ---- metadata edits ---------------------------------------------------------------------------------------------------

/**
 * odata2ts' documented workaround for enum types without members: give each one
 * a member. Handles `<EnumType Name="x"/>` and `<EnumType Name="x"></EnumType>`
 * (whitespace or comments inside); enum types with members are left alone.
 */
export function addMemberToEmptyEnums(xml: string, member = '<Member Name="none" Value="0"/>'): { xml: string; names: string[] } {
  const names: string[] = [];
  const nameOf = (attrs: string): string => /\bName\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1] ?? "?";
  const out = xml.replace(
    /<((?:[\w.-]+:)?)EnumType\b([^>]*?)(?:\/>|>((?:\s|<!--[\s\S]*?-->)*)<\/\1EnumType\s*>)/g,
    (_whole, prefix: string, attrs: string) => {
      names.push(nameOf(attrs));
      return `<${prefix}EnumType${attrs.replace(/\s+$/, "")}>${member}</${prefix}EnumType>`;
    },
  );
  return { xml: out, names };
}

/**
 * Adds one property to the entity type with the given name (the first one
 * found, in any schema): a change to one type, for the regeneration benchmark.
 */
export function addPropertyToEntityType(xml: string, typeName: string, property: string): string {
  const re = new RegExp(`<((?:[\\w.-]+:)?)EntityType\\b([^>]*?\\bName\\s*=\\s*["']${typeName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'][^>]*?)(/?)>`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no EntityType named ${typeName}`);
  const [whole, prefix, attrs, selfClosing] = m;
  const replacement =
    selfClosing === "/" ? `<${prefix}EntityType${attrs!.replace(/\s+$/, "")}>${property}</${prefix}EntityType>` : `${whole}${property}`;
  return xml.slice(0, m.index) + replacement + xml.slice(m.index + whole.length);
}

// ---- codegen --watch ----------------------------------------------------------------------------------------------------

/** The watcher's line for one regeneration: `… in 412 ms (CPU 398 ms)` → milliseconds, wall and CPU. */
export function parseWatchLine(line: string): { wallMs: number; cpuMs: number } | undefined {
  const m = /^codegen: \[[\d:]+\] .*: \d+ added, \d+ changed, \d+ removed in (\d+) ms \(CPU (\d+) ms\)$/.exec(line.trim());
  return m ? { wallMs: Number(m[1]), cpuMs: Number(m[2]) } : undefined;
}

// ---- results ----------------------------------------------------------------------------------------------------------

/** One run of one measurement: wall time, CPU time, peak RSS and any figures of its own (sizes, counts). */
export interface Sample {
  readonly seconds: number;
  /** User + system CPU seconds of the child process and the descendants it waited for. */
  readonly cpuSeconds?: number | undefined;
  readonly rssKiB?: number | undefined;
  readonly figures?: Readonly<Record<string, number>>;
}

export interface FigureSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: UnitName;
}

export interface MeasurementResult {
  readonly id: string;
  readonly title: string;
  readonly samples: readonly Sample[];
  /** The figures besides time and RSS to show, in order. */
  readonly figures: readonly FigureSpec[];
  /** Figures found before the runs (e.g. the files a compiler loads), shown even when every run failed. */
  readonly known?: Readonly<Record<string, number>> | undefined;
  readonly error?: string | undefined;
}

export function statsOf(result: MeasurementResult, key: "seconds" | "cpuSeconds" | "rssKiB" | string): Stats | undefined {
  const values: number[] = [];
  for (const s of result.samples) {
    const v = key === "seconds" ? s.seconds : key === "cpuSeconds" ? s.cpuSeconds : key === "rssKiB" ? s.rssKiB : s.figures?.[key];
    if (typeof v === "number" && Number.isFinite(v)) values.push(v);
  }
  const known = result.known?.[key];
  if (values.length === 0 && typeof known === "number" && Number.isFinite(known)) return stats([known]);
  return stats(values);
}

export interface Target {
  readonly label: string;
  /** Shown limit, e.g. "≤ 4 s". */
  readonly limit: string;
  /** The figure compared, or a reason it is missing. */
  readonly value: Stats | string;
  readonly unit: UnitName;
  /** Pass when the median (raw units) is at most this; none for a peer's figure shown for comparison. */
  readonly max?: number | undefined;
  /** Shown after the figure, e.g. the two figures a ratio is made of. */
  readonly note?: string | undefined;
}

export type Verdict = "pass" | "miss" | "n/a" | "peer";

export function verdict(t: Target): Verdict {
  if (t.max === undefined) return "peer";
  if (typeof t.value === "string") return "n/a";
  return t.value.median <= t.max ? "pass" : "miss";
}

/**
 * a / b of two measured figures: the ratio of the medians, with the extremes (a's smallest over b's largest and the
 * reverse) as the range; a reason instead when either is missing.
 */
export function ratioStats(a: Stats | string, b: Stats | string): Stats | string {
  if (typeof a === "string") return a;
  if (typeof b === "string") return b;
  if (b.median === 0 || b.min === 0) return "division by zero";
  return { median: a.median / b.median, min: a.min / b.max, max: a.max / b.min, n: Math.min(a.n, b.n) };
}

/** Escapes the cell separators of a Markdown table. */
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.map(cell).join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

/** A fixed-width table for the terminal. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function firstLine(text: string, max = 160): string {
  const line = text.trim().split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function measurementRows(results: readonly MeasurementResult[]): string[][] {
  return results.map((r) => {
    const runs = r.samples.length;
    const figures = r.figures
      .map((f) => {
        const s = statsOf(r, f.key);
        return s === undefined ? undefined : `${f.label} ${formatStats(s, f.unit)}`;
      })
      .filter((x): x is string => x !== undefined)
      .join("; ");
    const status = r.error !== undefined ? `FAILED${runs > 0 ? ` after ${runs} run(s)` : ""}: ${firstLine(r.error)}` : `ok (${runs} run${runs === 1 ? "" : "s"})`;
    return [
      r.title,
      formatStats(statsOf(r, "seconds"), "seconds"),
      formatStats(statsOf(r, "cpuSeconds"), "seconds"),
      formatStats(statsOf(r, "rssKiB"), "mibFromKiB"),
      figures === "" ? "–" : figures,
      status,
    ];
  });
}

export const MEASUREMENT_HEADER = ["Measurement", "Wall time", "CPU (user+sys)", "Peak RSS", "Figures", "Status"] as const;
export const TARGET_HEADER = ["Target", "Limit", "Measured (median [min–max])", "Result"] as const;

export function targetRows(targets: readonly Target[]): string[][] {
  return targets.map((t) => {
    const figure = typeof t.value === "string" ? t.value : formatStats(t.value, t.unit);
    return [t.label, t.limit, t.note !== undefined ? `${figure} (${t.note})` : figure, verdict(t)];
  });
}

// ---- selection --------------------------------------------------------------------------------------------------------

/**
 * BENCH_ONLY: measurement ids and group names (a group stands for its ids) → the selected ids in the order of `ids`,
 * and the names that are neither.
 */
export function selectIds(
  ids: readonly string[],
  only: readonly string[],
  groups: Readonly<Record<string, readonly string[]>>,
): { selected: string[]; unknown: string[] } {
  if (only.length === 0) return { selected: [...ids], unknown: [] };
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const name of only) {
    if (Object.hasOwn(groups, name)) for (const id of groups[name]!) wanted.add(id);
    else if (ids.includes(name)) wanted.add(name);
    else unknown.push(name);
  }
  return { selected: ids.filter((id) => wanted.has(id)), unknown };
}

// ---- consumer projects ------------------------------------------------------------------------------------------------

/** The packages a TypeScript file imports (static imports and re-exports, side-effect imports), by package name. */
export function importedPackages(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) continue;
    const parts = spec.split("/");
    names.add(spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return [...names].sort();
}

/**
 * The output of `tsc --listFilesOnly` (TypeScript 5.9 and 7): the files the compiler loads, and how many of them are
 * its own lib files (lib.*.d.ts).
 */
export function countListedFiles(stdout: string): { files: number; libFiles: number } {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const libFiles = lines.filter((l) => /(?:^|[\\/])lib(?:\.[\w-]+)*\.d\.ts$/.test(l)).length;
  return { files: lines.length, libFiles };
}

// ---- the side-by-side table (issue 11) --------------------------------------------------------------------------------

/** One client in the side-by-side table: the ids of its measurements (absent: not measured for it). */
export interface SideBySideRow {
  readonly label: string;
  readonly bundle?: string;
  readonly check5?: string;
  readonly check7?: string;
}

export const SIDE_BY_SIDE_HEADER = [
  "",
  "bundle, min / min+gz",
  "consumer type-check, TS 5.9 (CPU)",
  "consumer type-check, TS 7 (CPU)",
  "files the compiler loads (of them lib)",
] as const;

/** Rows of the side-by-side table: medians, "–" where not measured, "not run", or "failed" with a measurement. */
export function sideBySideRows(rows: readonly SideBySideRow[], results: ReadonlyMap<string, MeasurementResult>): string[][] {
  const median = (id: string | undefined, key: string, unit: UnitName): string => {
    if (id === undefined) return "–";
    const r = results.get(id);
    if (r === undefined) return "not run";
    const s = statsOf(r, key);
    if (s !== undefined) return formatNumber(s.median, unit);
    return r.error !== undefined ? "failed" : "–";
  };
  const check = (id: string | undefined): string => {
    const wall = median(id, "seconds", "seconds");
    const cpu = median(id, "cpuSeconds", "seconds");
    return /\d/.test(wall) && /\d/.test(cpu) ? `${wall} (${cpu})` : wall;
  };
  const files = (row: SideBySideRow): string => {
    const shown = [row.check5, row.check7].map((id) => {
      const all = median(id, "files", "count");
      const lib = median(id, "libFiles", "count");
      return /\d/.test(all) && /\d/.test(lib) ? `${all} (${lib})` : all;
    });
    return shown[0] === shown[1] ? shown[0]! : `${shown[0]} / ${shown[1]}`;
  };
  return rows.map((row) => {
    const min = median(row.bundle, "min", "kb");
    const gz = median(row.bundle, "gz", "kb");
    return [row.label, /\d/.test(min) ? `${min} / ${gz}` : min, check(row.check5), check(row.check7), files(row)];
  });
}
