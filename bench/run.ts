/**
 * `npm run bench`: times codegen and its neighbours, each in its own child
 * process, and writes bench/RESULTS.md. Installs nothing; reads the corpus from
 * ../shared/corpus; writes only to os.tmpdir() (cleaned up) and RESULTS.md.
 *
 * Environment:
 *   BENCH_RUNS=3          runs per measurement (median [min–max] is reported); unset, the consumer type-checks run 5 times
 *   BENCH_ONLY=a,b        only these measurements (ids, or the group issue11: see GROUPS); RESULTS.md then says so
 *   BENCH_TIMEOUT_S=900   per child process
 *   BENCH_RESULTS=path    where to write the results (default bench/RESULTS.md)
 *   BENCH_WATCH_EDITS=6   edits per run of the watch measurement
 *
 * The bench relies on codegen's CLI, the generated client's public API and the
 * output layout (<out>/<version>/index.ts, <out>/runtime/, <out>/package.json) only.
 * The apps it bundles and type-checks side by side with the peers are bench/apps/*.ts.
 */
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { writeBigMetadata, type BigKind } from "./big-metadata.js";
import {
  addMemberToEmptyEnums,
  addPropertyToEntityType,
  countListedFiles,
  diffSnapshots,
  formatNumber,
  generatedDocSize,
  importedPackages,
  markdownTable,
  MEASUREMENT_HEADER,
  parseWatchLine,
  measurementRows,
  parseTimeOutput,
  ratioStats,
  selectIds,
  SIDE_BY_SIDE_HEADER,
  sideBySideRows,
  snapshot,
  stats,
  statsOf,
  TARGET_HEADER,
  targetRows,
  textTable,
  treeSize,
  type FigureSpec,
  type MeasurementResult,
  type Sample,
  type SideBySideRow,
  type Target,
} from "./lib.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = resolve(REPO, "..", "shared", "corpus");
const GRAPH = join(CORPUS, "graph-v1.0.csdl.xml");
const OUTLOOK = ["v1.0", "v2.0", "beta"].map((v) => ({ label: v, file: join(REPO, "metadata", `${v}.xml`) }));
const CODEGEN = join(REPO, "generator", "cli", "codegen.mjs");
const TSC5 = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TSC7 = join(REPO, "node_modules", "typescript7", "bin", "tsc");
const ODATA2TS = join(REPO, "node_modules", "@odata2ts", "odata2ts", "lib", "run-cli.js");
const APPS = join(REPO, "bench", "apps");

const RUNS = positiveInt(process.env.BENCH_RUNS, 3);
/** The consumer type-checks: 5 runs unless BENCH_RUNS says otherwise (issue 11's figures are medians of 5). */
const CONSUMER_RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const TIMEOUT_MS = positiveInt(process.env.BENCH_TIMEOUT_S, 900) * 1000;
const ONLY = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter((s) => s !== "");
const RESULTS_FILE = resolve(REPO, process.env.BENCH_RESULTS ?? join("bench", "RESULTS.md"));

function positiveInt(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

// ---- child processes --------------------------------------------------------------------------------------------------

const TIME_BIN = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p));
const PRELOAD = join(REPO, "bench", "rss-preload.cjs");

interface Timed {
  readonly seconds: number;
  readonly rssKiB?: number | undefined;
  /** User + system CPU seconds. */
  readonly cpuSeconds?: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node args…` in its own process group and returns wall time (measured
 * here), CPU time and peak RSS: from GNU time's %U + %S (the child and the
 * descendants it waited for) and %M (the largest process of the tree) when
 * /usr/bin/time exists, else from a preload that records each node process's
 * CPU time and maxRSS at exit. Rejects on a non-zero exit or the timeout.
 */
async function timedNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, stdoutLimit = 256 * 1024): Promise<Timed> {
  const scratch = mkdtempSync(join(os.tmpdir(), "codegen-bench-time-"));
  const rssFile = join(scratch, "rss");
  const cpuFile = join(scratch, "cpu");
  try {
    let command: string;
    let argv: string[];
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NO_COLOR: "1" };
    if (TIME_BIN !== undefined) {
      command = TIME_BIN;
      argv = ["-f", "%e %M %U %S", "-o", rssFile, process.execPath, ...args];
    } else {
      command = process.execPath;
      argv = [...args];
      childEnv.BENCH_RSS_FILE = rssFile;
      childEnv.BENCH_CPU_FILE = cpuFile;
      childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ""} --require ${JSON.stringify(PRELOAD)}`.trim();
    }
    const start = performance.now();
    const { code, signal, stdout, stderr, timedOut } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
      timedOut: boolean;
    }>((resolvePromise, reject) => {
      const child = spawn(command, argv, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const out = tail(stdoutLimit);
      const err = tail();
      child.stdout.on("data", (d: Buffer) => out.push(d));
      child.stderr.on("data", (d: Buffer) => err.push(d));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }, TIMEOUT_MS);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolvePromise({ code, signal, stdout: out.text(), stderr: err.text(), timedOut });
      });
    });
    const seconds = (performance.now() - start) / 1000;
    if (timedOut) throw new Error(`timed out after ${TIMEOUT_MS / 1000} s`);
    const rssText = existsSync(rssFile) ? readFileSync(rssFile, "utf8") : "";
    if (code !== 0) {
      const why = signal !== null ? `killed by ${signal}` : `exit ${code ?? "?"}`;
      throw new Error(`${why}: ${lastLines(stderr || stdout)}`);
    }
    let rssKiB: number | undefined;
    let cpuSeconds: number | undefined;
    if (TIME_BIN !== undefined) {
      const parsed = parseTimeOutput(rssText);
      rssKiB = parsed?.rssKiB;
      cpuSeconds = parsed?.cpuSeconds;
    } else {
      const values = rssText.split(/\s+/).filter(Boolean).map(Number).filter(Number.isFinite);
      rssKiB = values.length > 0 ? Math.max(...values) : undefined;
      // Node processes only (the preload's reach): a native child such as TypeScript 7's compiler is not counted.
      const micros = (existsSync(cpuFile) ? readFileSync(cpuFile, "utf8") : "").split(/\s+/).filter(Boolean).map(Number).filter(Number.isFinite);
      cpuSeconds = micros.length > 0 ? micros.reduce((a, b) => a + b, 0) / 1e6 : undefined;
    }
    return { seconds, rssKiB, cpuSeconds, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Keeps the last `limit` bytes of a stream (at least its last chunk). */
function tail(limit = 256 * 1024): { push(d: Buffer): void; text(): string } {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    push(d) {
      chunks.push(d);
      size += d.length;
      while (size > limit && chunks.length > 1) size -= chunks.shift()!.length;
    },
    text: () => {
      const all = Buffer.concat(chunks).toString("utf8");
      chunks = [Buffer.from(all)];
      return all;
    },
  };
}

/** The error lines at the end of a failed process's output (warnings before them are skipped). */
function lastLines(text: string): string {
  const lines = text.trim().split(/\r?\n/).filter((l) => l.trim() !== "");
  const errorLine = lines.findIndex((l) => /error|Error|ERR!|failed/.test(l) && !/warning/.test(l));
  const from = errorLine >= 0 ? errorLine : Math.max(0, lines.length - 5);
  return lines.slice(from, from + 5).join(" / ").slice(0, 600) || "(no output)";
}

// ---- temp folders and shared setup ------------------------------------------------------------------------------------

const ROOT = mkdtempSync(join(os.tmpdir(), "codegen-bench-"));
let counter = 0;
const tempDir = (name: string): string => {
  const dir = join(ROOT, `${String(++counter).padStart(2, "0")}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const cleanup = (): void => rmSync(ROOT, { recursive: true, force: true });
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

const codegenArgs = (inputs: readonly { label: string; file: string }[], out: string): string[] => [
  CODEGEN,
  ...inputs.flatMap((i) => ["--metadata", `${i.label}=${i.file}`]),
  "--out",
  out,
];

/** A fresh Graph client: the last one measurement 1 made, or one generated now (untimed). */
let graphOut: string | undefined;
async function graphClient(): Promise<string> {
  if (graphOut !== undefined && existsSync(join(graphOut, "v1.0", "index.ts"))) return graphOut;
  const out = tempDir("graph-client");
  rmSync(out, { recursive: true, force: true });
  await timedNode(codegenArgs([{ label: "v1.0", file: GRAPH }], out), REPO);
  graphOut = out;
  return out;
}

/** tsconfig for type-checking a whole generated client: its own tsconfig.json when it ships one. */
function clientTsconfig(out: string, versions: readonly string[]): string {
  const own = join(out, "tsconfig.json");
  if (existsSync(own)) return own;
  const file = join(tempDir("tsconfig"), "tsconfig.json");
  writeFileSync(
    file,
    JSON.stringify({
      compilerOptions: { ...STRICT, skipLibCheck: false, noEmit: true },
      include: [join(out, "runtime", "**", "*.ts"), ...versions.map((v) => join(out, v, "**", "*.ts"))],
    }),
  );
  return file;
}

const STRICT = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
};

// ---- the measurements -------------------------------------------------------------------------------------------------

interface Measurement {
  readonly id: string;
  readonly title: string;
  readonly figures?: readonly FigureSpec[];
  /** Runs of this measurement (default BENCH_RUNS). */
  readonly runs?: number;
  /**
   * Adjacent measurements with the same key run in rounds (run 1 of each, then run 2 of each, …), so that what else
   * the machine is doing falls on all of them alike: for figures that are compared with each other.
   */
  readonly interleave?: string;
  /** One run; i counts from 0. */
  run(i: number): Promise<Sample>;
  setup?(): Promise<void>;
  /** Figures found by the setup, reported even when the runs fail. */
  known?(): Readonly<Record<string, number>>;
}

const OUTPUT_FIGURES: FigureSpec[] = [
  { key: "bytes", label: "output", unit: "mb" },
  { key: "files", label: "files", unit: "count" },
];

const sample = (t: Timed, figures?: Record<string, number>): Sample => ({
  seconds: t.seconds,
  cpuSeconds: t.cpuSeconds,
  rssKiB: t.rssKiB,
  ...(figures ? { figures } : {}),
});

function codegenMeasurement(id: string, title: string, inputs: () => { label: string; file: string }[], keep?: (out: string) => void): Measurement {
  return {
    id,
    title,
    figures: [...OUTPUT_FIGURES, { key: "dotBytes", label: "manifest", unit: "mb" }],
    async run() {
      const out = tempDir(id);
      rmSync(out, { recursive: true, force: true });
      const t = await timedNode(codegenArgs(inputs(), out), REPO);
      const size = treeSize(out);
      if (keep) keep(out);
      else rmSync(out, { recursive: true, force: true });
      return sample(t, { bytes: size.bytes, files: size.files, dotBytes: size.dotBytes });
    },
  };
}

/**
 * codegen on a large generated document (bench/big-metadata.ts, written once to the temp folder): peak RSS, CPU time
 * (the CPU column) and the peak as a multiple of the document's size (issue 10: under 10×, Node's own RSS included).
 */
function bigDocumentMeasurement(id: string, title: string, kind: BigKind, megabytes: number): Measurement {
  let file = "";
  let size = 0;
  return {
    id,
    title,
    figures: [
      { key: "input", label: "input", unit: "mb" },
      { key: "ratio", label: "peak / input", unit: "ratio" },
      { key: "bytes", label: "output", unit: "mb" },
    ],
    async setup() {
      file = join(tempDir(`${id}-input`), `${kind}.xml`);
      size = writeBigMetadata(kind, megabytes, file);
    },
    async run() {
      const out = tempDir(id);
      rmSync(out, { recursive: true, force: true });
      const t = await timedNode(codegenArgs([{ label: "v1.0", file }], out), REPO);
      const bytes = treeSize(out).bytes;
      rmSync(out, { recursive: true, force: true });
      const figures: Record<string, number> = { input: size, bytes };
      if (t.rssKiB !== undefined) figures["ratio"] = (t.rssKiB * 1024) / size;
      return sample(t, figures);
    },
  };
}

function tscMeasurement(id: string, title: string, tsc: string, project: () => Promise<string>): Measurement {
  let tsconfig = "";
  return {
    id,
    title,
    async setup() {
      tsconfig = await project();
    },
    async run() {
      return sample(await timedNode([tsc, "-p", tsconfig, "--noEmit"], dirname(tsconfig)));
    },
  };
}

/** Graph metadata with odata2ts' workaround applied, and the list of enum types it touched. */
let patchedGraph: { file: string; enums: string[] } | undefined;
function graphForOdata2ts(): { file: string; enums: string[] } {
  if (patchedGraph) return patchedGraph;
  const { xml, names } = addMemberToEmptyEnums(readFileSync(GRAPH, "utf8"));
  const file = join(tempDir("odata2ts-input"), "graph-v1.0.xml");
  writeFileSync(file, xml);
  patchedGraph = { file, enums: names };
  return patchedGraph;
}

function odata2tsMeasurement(id: string, title: string, extra: Record<string, unknown>): Measurement {
  return {
    id,
    title,
    figures: OUTPUT_FIGURES,
    async run() {
      const dir = tempDir(id);
      const { file } = graphForOdata2ts();
      // Its CLI compiles nothing in emitMode "ts" but still reads the tsconfig.json of the working folder.
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT, skipLibCheck: true } }));
      const config = {
        mode: 3, // Modes.all: models, q-objects and services
        emitMode: "ts",
        bundledFileGeneration: false, // one file per type ("unbundled")
        ...extra,
        services: { graph: { source: file, output: "out" } },
      };
      writeFileSync(join(dir, "odata2ts.config.js"), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
      try {
        const t = await timedNode([ODATA2TS], dir);
        const size = treeSize(join(dir, "out"));
        return sample(t, { bytes: size.bytes, files: size.files });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---- the issue-11 app, side by side: consumer projects and bundles -------------------------------------------------------

/** The name a generated output's package.json gives its package (what a consumer imports). */
function packageName(out: string): string {
  return (JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { name: string }).name;
}

/**
 * The Graph client as a consumer installs it: the output's package.json and its declarations in dist/, built once
 * (untimed) with emitDeclarationOnly by TypeScript 5.9, the compiler the generated package builds itself with.
 */
let graphPackageDir: string | undefined;
async function graphPackage(): Promise<string> {
  if (graphPackageDir !== undefined) return graphPackageDir;
  const out = await graphClient();
  const dir = tempDir("graph-package");
  const build = join(tempDir("graph-package-build"), "tsconfig.json");
  writeFileSync(
    build,
    JSON.stringify({
      extends: clientTsconfig(out, ["v1.0"]),
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: join(dir, "dist"), rootDir: out },
    }),
  );
  try {
    await timedNode([TSC5, "-p", build], dirname(build));
  } catch (e) {
    throw new Error(`the Graph client's declarations do not build: ${(e as Error).message}`);
  }
  cpSync(join(out, "package.json"), join(dir, "package.json"));
  graphPackageDir = dir;
  return dir;
}

/**
 * A fresh consumer project in the temp folder: one app of bench/apps, a package.json of type module, a tsconfig
 * (strict, skipLibCheck, module/moduleResolution NodeNext, noEmit) and node_modules holding each package the app
 * imports: a link to the installed peer (the bench workspace's pins), or the folder `provided` gives for it.
 */
async function consumerProject(name: string, appFile: string, provided: Readonly<Record<string, () => Promise<string>>> = {}): Promise<string> {
  const dir = tempDir(`consumer-${name}`);
  const source = readFileSync(appFile, "utf8");
  writeFileSync(join(dir, "app.ts"), source);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `bench-consumer-${name}`, private: true, type: "module" }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT, skipLibCheck: true, noEmit: true }, files: ["app.ts"] }));
  for (const pkg of importedPackages(source)) {
    const from = Object.hasOwn(provided, pkg) ? await provided[pkg]!() : join(REPO, "node_modules", pkg);
    if (!existsSync(join(from, "package.json"))) throw new Error(`${basename(appFile)} imports ${pkg}, which is not installed (npm install at the repository root)`);
    const link = join(dir, "node_modules", pkg);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(from, link, "dir");
  }
  return join(dir, "tsconfig.json");
}

/** The Graph app of this client: its consumer project, after checking that the app imports the package codegen wrote. */
let oursGraphProject: Promise<string> | undefined;
function oursGraphConsumer(): Promise<string> {
  oursGraphProject ??= (async () => {
    const name = packageName(await graphClient());
    const app = join(APPS, "graph-ours.ts");
    if (!importedPackages(readFileSync(app, "utf8")).includes(name)) throw new Error(`bench/apps/graph-ours.ts does not import ${name}, the package codegen wrote`);
    return consumerProject("graph-ours", app, { [name]: graphPackage });
  })();
  return oursGraphProject;
}

/**
 * `tsc -p <consumer>/tsconfig.json` (noEmit), timed; before the runs (untimed), `tsc --listFilesOnly` with the same
 * compiler counts the files it loads, lib files included.
 */
function consumerMeasurement(id: string, title: string, tsc: string, project: () => Promise<string>): Measurement {
  let tsconfig = "";
  let files: Record<string, number> = {};
  return {
    id,
    title,
    runs: CONSUMER_RUNS,
    interleave: tsc,
    figures: [
      { key: "files", label: "files loaded", unit: "count" },
      { key: "libFiles", label: "of them lib", unit: "count" },
    ],
    async setup() {
      tsconfig = await project();
      // Every line counts: a client's list runs to megabytes.
      const listed = await timedNode([tsc, "-p", tsconfig, "--listFilesOnly"], dirname(tsconfig), {}, 256 * 1024 * 1024);
      files = countListedFiles(listed.stdout);
    },
    async run() {
      return sample(await timedNode([tsc, "-p", tsconfig], dirname(tsconfig)), files);
    },
    known: () => files,
  };
}

function regenMeasurement(
  id: string,
  title: string,
  inputs: (changed: string | undefined) => { label: string; file: string }[],
  source: string,
  typeName: string,
  baseline: () => Promise<string>,
): Measurement {
  let out = "";
  let changed = "";
  return {
    id,
    title,
    figures: [
      { key: "written", label: "files written", unit: "count" },
      { key: "removed", label: "removed", unit: "count" },
    ],
    async setup() {
      // A copy of a fresh output (generated from the unchanged metadata) and the metadata with one type changed.
      const fresh = await baseline();
      out = join(tempDir(id), "out");
      cpSync(fresh, out, { recursive: true });
      // Same file name as the original: generated files may name their source.
      changed = join(tempDir(`${id}-input`), basename(source));
      writeFileSync(changed, addPropertyToEntityType(readFileSync(source, "utf8"), typeName, '<Property Name="benchExtra" Type="Edm.String"/>'));
    },
    async run(i) {
      // Runs alternate between the changed and the original metadata: each is a change to one type from the folder's state.
      const before = snapshot(out);
      const t = await timedNode(codegenArgs(inputs(i % 2 === 0 ? changed : undefined), out), REPO);
      const { written, removed } = diffSnapshots(before, snapshot(out));
      return sample(t, { written: written.length, removed: removed.length });
    },
  };
}

/**
 * `node bench/bundle.mjs <app>` on one app of bench/apps, in place (peers resolve from the repository's node_modules);
 * `aliases` points a generated package's entry at its TypeScript source.
 */
function bundleMeasurement(id: string, title: string, app: string, aliases?: () => Promise<Record<string, string>>): Measurement {
  let args: string[] = [];
  return {
    id,
    title,
    figures: [
      { key: "min", label: "min", unit: "kb" },
      { key: "gz", label: "min+gz", unit: "kb" },
    ],
    async setup() {
      const file = join(APPS, app);
      const map = aliases ? await aliases() : {};
      const imported = importedPackages(readFileSync(file, "utf8"));
      for (const spec of Object.keys(map)) {
        const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
        if (!imported.includes(pkg)) throw new Error(`bench/apps/${app} does not import ${pkg}, the package codegen wrote`);
      }
      args = [join(REPO, "bench", "bundle.mjs"), file, ...Object.entries(map).flatMap(([spec, to]) => ["--alias", `${spec}=${to}`])];
    },
    async run() {
      const t = await timedNode(args, REPO);
      const r = JSON.parse(t.stdout.trim()) as { min: number; gz: number };
      return sample(t, { min: r.min, gz: r.gz });
    },
  };
}

/** Edits per run of the watch measurement; runs alternate the type's change and the original. */
const WATCH_EDITS = positiveInt(process.env.BENCH_WATCH_EDITS, 6);

/**
 * `codegen --watch` on a copy of a metadata file: after the first generation, the file is rewritten with one entity
 * type changed (a property added, then the original again, in turn), and each regeneration's time is read from the
 * watcher's own line (from the first file event to the written result, wall and CPU). The figure per run is the
 * median over its edits.
 */
function watchMeasurement(id: string, title: string, source: string, typeName: string): Measurement {
  return {
    id,
    title,
    figures: [
      { key: "slowest", label: "slowest edit", unit: "seconds" },
      { key: "edits", label: "edits", unit: "count" },
    ],
    async run() {
      const dir = tempDir(id);
      const file = join(dir, basename(source));
      const original = readFileSync(source, "utf8");
      writeFileSync(file, original);
      const child = spawn(process.execPath, [CODEGEN, "--watch", "--metadata", `v1.0=${file}`, "--out", join(dir, "out")], {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      const exited = new Promise<number | null>((ok) => child.on("close", ok));
      /** Waits until `test` finds something in the output, or the child ends, or the time limit passes. */
      const waitFor = async <T>(test: () => T | undefined): Promise<T> => {
        const until = performance.now() + TIMEOUT_MS;
        for (;;) {
          const hit = test();
          if (hit !== undefined) return hit;
          if (child.exitCode !== null) throw new Error(`codegen --watch ended (exit ${child.exitCode}): ${lastLines(stderr || stdout)}`);
          if (performance.now() > until) throw new Error(`timed out: ${lastLines(stderr || stdout)}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      const wall: number[] = [];
      const cpu: number[] = [];
      try {
        await waitFor(() => (stderr.includes("codegen: watching") ? true : undefined));
        await new Promise((r) => setTimeout(r, 500)); // let the watcher settle after its first write
        for (let e = 0; e < WATCH_EDITS; e++) {
          const seen = stdout.length;
          const text = e % 2 === 0 ? addPropertyToEntityType(original, typeName, `\n<Property Name="benchWatch${e}" Type="Edm.String"/>`) : original;
          writeFileSync(file, text);
          const figures = await waitFor(() =>
            stdout
              .slice(seen)
              .split("\n")
              .map(parseWatchLine)
              .find((x) => x !== undefined),
          );
          wall.push(figures.wallMs / 1000);
          cpu.push(figures.cpuMs / 1000);
        }
      } finally {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGINT");
        } catch {
          child.kill("SIGINT");
        }
        await exited;
        rmSync(dir, { recursive: true, force: true });
      }
      return { seconds: stats(wall)!.median, cpuSeconds: stats(cpu)!.median, figures: { slowest: Math.max(...wall), edits: wall.length } };
    },
  };
}

const outlookInputs = (changedV2?: string): { label: string; file: string }[] =>
  OUTLOOK.map((o) => (o.label === "v2.0" && changedV2 !== undefined ? { label: o.label, file: changedV2 } : o));

const MEASUREMENTS: Measurement[] = [
  codegenMeasurement("codegen-graph", "1. codegen, Graph v1.0 (whole process)", () => [{ label: "v1.0", file: GRAPH }], (out) => {
    if (graphOut !== undefined && graphOut !== out) rmSync(graphOut, { recursive: true, force: true });
    graphOut = out;
  }),
  codegenMeasurement("codegen-outlook", "2. codegen, Outlook v1.0+v2.0+beta (whole process)", () => outlookInputs()),
  {
    // What the doc comments cost: the whole Graph output, and the bytes of its generated doc comments (descriptions
    // from the metadata, EDM types and facts, HTTP methods and URL shapes).
    id: "docs-graph",
    title: "2b. doc comments in the Graph v1.0 output",
    figures: [
      { key: "bytes", label: "output", unit: "mb" },
      { key: "tsBytes", label: "generated .ts", unit: "mb" },
      { key: "docBytes", label: "doc comments", unit: "mb" },
    ],
    async run() {
      const out = tempDir("docs-graph");
      rmSync(out, { recursive: true, force: true });
      const t = await timedNode(codegenArgs([{ label: "v1.0", file: GRAPH }], out), REPO);
      const size = treeSize(out);
      const docs = generatedDocSize(out);
      rmSync(out, { recursive: true, force: true });
      return sample(t, { bytes: size.bytes, tsBytes: docs.tsBytes, docBytes: docs.docBytes });
    },
  },
  {
    id: "parse-floor",
    title: "3. parse floor: fast-xml-parser + walk, Graph v1.0",
    figures: [
      { key: "elements", label: "elements", unit: "count" },
      { key: "attributes", label: "attributes", unit: "count" },
    ],
    async run() {
      const t = await timedNode([join(REPO, "bench", "parse-floor.mjs"), GRAPH], REPO);
      const r = JSON.parse(t.stdout.trim()) as { elements: number; attributes: number };
      return sample(t, { elements: r.elements, attributes: r.attributes });
    },
  },
  odata2tsMeasurement("odata2ts", "4a. odata2ts 0.34.0, Graph v1.0, unbundled, all (models+qobjects+service), emit ts", {}),
  odata2tsMeasurement("odata2ts-renaming", "4b. odata2ts 0.34.0, as 4a + allowRenaming", { allowRenaming: true }),
  tscMeasurement("tsc5-graph", "5a. tsc --noEmit, whole Graph client, TS 5.9", TSC5, async () => clientTsconfig(await graphClient(), ["v1.0"])),
  tscMeasurement("tsc7-graph", "5b. tsc --noEmit, whole Graph client, TS 7", TSC7, async () => clientTsconfig(await graphClient(), ["v1.0"])),
  // Issue 11: one app (bench/apps), this client and the two peers, type-checked as a consumer would; each compiler's
  // three in rounds, so that the ratios compare runs made under the same load.
  consumerMeasurement("consumer5-graph", "6a. consumer type-check, Graph app, this client (.d.ts), TS 5.9", TSC5, oursGraphConsumer),
  consumerMeasurement("consumer5-graph-kiota", "6b. consumer type-check, Graph app, Kiota (msgraph-sdk + -users), TS 5.9", TSC5, () =>
    consumerProject("graph-kiota", join(APPS, "graph-kiota.ts")),
  ),
  consumerMeasurement("consumer5-graph-sdk", "6c. consumer type-check, Graph app, microsoft-graph-client + -types (types only), TS 5.9", TSC5, () =>
    consumerProject("graph-sdk", join(APPS, "graph-sdk.ts")),
  ),
  consumerMeasurement("consumer7-graph", "6d. consumer type-check, Graph app, this client (.d.ts), TS 7", TSC7, oursGraphConsumer),
  consumerMeasurement("consumer7-graph-kiota", "6e. consumer type-check, Graph app, Kiota (msgraph-sdk + -users), TS 7", TSC7, () =>
    consumerProject("graph-kiota-7", join(APPS, "graph-kiota.ts")),
  ),
  consumerMeasurement("consumer7-graph-sdk", "6f. consumer type-check, Graph app, microsoft-graph-client + -types (types only), TS 7", TSC7, () =>
    consumerProject("graph-sdk-7", join(APPS, "graph-sdk.ts")),
  ),
  regenMeasurement(
    "regen-graph",
    "7a. regenerate Graph after a change to one type (message)",
    (changed) => [{ label: "v1.0", file: changed ?? GRAPH }],
    GRAPH,
    "message",
    graphClient,
  ),
  regenMeasurement("regen-outlook", "7b. regenerate Outlook after a change to one type (v2.0 Message)", outlookInputs, OUTLOOK[1]!.file, "Message", async () => {
    const out = tempDir("outlook-baseline");
    rmSync(out, { recursive: true, force: true });
    await timedNode(codegenArgs(outlookInputs(), out), REPO);
    return out;
  }),
  bigDocumentMeasurement("memory-description", "10a. codegen, a 52 MB document that is one description (whole process)", "description", 52),
  bigDocumentMeasurement("memory-types", "10b. codegen, a 52 MB document of 4,000 described entity types (whole process)", "types", 52),
  watchMeasurement("watch-graph", "9. codegen --watch, Graph v1.0: a change to one type (message) until written, as the watcher reports it", GRAPH, "message"),
  bundleMeasurement("bundle-outlook", "8a. esbuild bundle, Outlook v2.0 app, this client (generated/)", "outlook-v2.0-ours.ts", async () => ({
    [`${packageName(join(REPO, "generated"))}/v2.0`]: join(REPO, "generated", "v2.0", "index.ts"),
  })),
  bundleMeasurement("bundle-graph", "8b. esbuild bundle, Graph app, this client", "graph-ours.ts", async () => {
    const out = await graphClient();
    return { [`${packageName(out)}/v1.0`]: join(out, "v1.0", "index.ts") };
  }),
  bundleMeasurement("bundle-graph-kiota", "8c. esbuild bundle, Graph app, Kiota (msgraph-sdk + -users)", "graph-kiota.ts"),
  bundleMeasurement("bundle-graph-sdk", "8d. esbuild bundle, Graph app, microsoft-graph-client + -types (types only)", "graph-sdk.ts"),
];

// ---- running and reporting --------------------------------------------------------------------------------------------

/**
 * Runs the measurements in order, each `runs` times (setup first, untimed); adjacent measurements with the same
 * `interleave` key run in rounds. A failed run is reported and not repeated: these runs are deterministic.
 */
async function measureAll(list: readonly Measurement[], results: Map<string, MeasurementResult>): Promise<void> {
  for (let start = 0; start < list.length; ) {
    const key = list[start]!.interleave;
    let end = start + 1;
    while (key !== undefined && end < list.length && list[end]!.interleave === key) end++;
    const batch = list.slice(start, end);
    start = end;

    const state = new Map<Measurement, { samples: Sample[]; error?: string }>();
    for (const m of batch) {
      console.log(m.title);
      const st: { samples: Sample[]; error?: string } = { samples: [] };
      state.set(m, st);
      try {
        const t0 = performance.now();
        if (m.setup) await m.setup();
        if (m.setup) console.log(`  ${m.id} setup ${((performance.now() - t0) / 1000).toFixed(2)} s (untimed)`);
      } catch (e) {
        st.error = `setup: ${(e as Error).message}`;
        console.log(`  ${m.id} setup failed`);
      }
    }
    const rounds = Math.max(...batch.map((m) => m.runs ?? RUNS));
    for (let i = 0; i < rounds; i++) {
      for (const m of batch) {
        const st = state.get(m)!;
        const runs = m.runs ?? RUNS;
        if (st.error !== undefined || i >= runs) continue;
        process.stdout.write(`  ${m.id} run ${i + 1}/${runs} … `);
        try {
          const s = await m.run(i);
          st.samples.push(s);
          process.stdout.write(`${s.seconds.toFixed(2)} s${s.cpuSeconds !== undefined ? ` (CPU ${s.cpuSeconds.toFixed(2)} s)` : ""}\n`);
        } catch (e) {
          process.stdout.write("failed\n");
          st.error = (e as Error).message;
        }
      }
    }
    for (const m of batch) {
      const st = state.get(m)!;
      const known = m.known?.();
      results.set(m.id, {
        id: m.id,
        title: m.title,
        figures: m.figures ?? [],
        samples: st.samples,
        ...(known !== undefined && Object.keys(known).length > 0 ? { known } : {}),
        ...(st.error !== undefined ? { error: st.error } : {}),
      });
    }
  }
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "missing";
  }
}

function gitHead(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: REPO, encoding: "utf8" }).trim() !== "";
    return `${head}${dirty ? " (with uncommitted changes)" : ""}`;
  } catch {
    return "unknown";
  }
}

/** The measurements issue 11's goal is read from (BENCH_ONLY=issue11): its targets and the peers' rows. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  issue11: [
    "codegen-graph",
    "parse-floor",
    "tsc5-graph",
    "consumer5-graph",
    "consumer5-graph-kiota",
    "consumer5-graph-sdk",
    "consumer7-graph",
    "consumer7-graph-kiota",
    "consumer7-graph-sdk",
    "bundle-outlook",
    "bundle-graph",
    "bundle-graph-kiota",
    "bundle-graph-sdk",
  ],
};

/** The side-by-side table of issue 11: one app, this client and the peers. */
const SIDE_BY_SIDE: readonly SideBySideRow[] = [
  { label: "this client, Graph v1.0", bundle: "bundle-graph", check5: "consumer5-graph", check7: "consumer7-graph" },
  { label: "Kiota (`@microsoft/msgraph-sdk` + `-users`)", bundle: "bundle-graph-kiota", check5: "consumer5-graph-kiota", check7: "consumer7-graph-kiota" },
  {
    label: "`@microsoft/microsoft-graph-client` + `microsoft-graph-types` (untyped calls)",
    bundle: "bundle-graph-sdk",
    check5: "consumer5-graph-sdk",
    check7: "consumer7-graph-sdk",
  },
  { label: "this client, Outlook v2.0", bundle: "bundle-outlook" },
];

function targets(results: ReadonlyMap<string, MeasurementResult>): { issue11: Target[]; earlier: Target[] } {
  const get = (id: string, key: string): Target["value"] => {
    const r = results.get(id);
    if (r === undefined) return "not run";
    const s = statsOf(r, key);
    if (s !== undefined) return s;
    return r.error !== undefined ? "failed" : "no figure";
  };
  const shown = (v: Target["value"], unit: Parameters<typeof formatNumber>[1]): string => (typeof v === "string" ? v : formatNumber(v.median, unit));
  const graphTime = get("codegen-graph", "seconds");
  // Ratios of the medians, the extremes (slowest/fastest floor and the reverse) as the range.
  const floorRatio = ratioStats(graphTime, get("parse-floor", "seconds"));

  // The Graph app's bundle: at most 10 KB, and at most the untyped SDK's in the same run.
  const sdkGz = get("bundle-graph-sdk", "gz");
  const bundleMax = typeof sdkGz === "string" ? 10_000 : Math.min(10_000, sdkGz.median);
  const bundleLimit = `≤ 10 KB and ≤ the untyped SDK's (8d${typeof sdkGz === "string" ? `: ${sdkGz}` : ` = ${formatNumber(sdkGz.median, "kb")}`})`;

  /** This client's consumer type-check over the types-only route's, wall time (the target) and CPU time (the note). */
  const checkRatio = (ts: "5.9" | "7", ours: string, sdk: string, kiota: string, letters: string): Target[] => {
    const wallRatio = ratioStats(get(ours, "seconds"), get(sdk, "seconds"));
    const cpuRatio = ratioStats(get(ours, "cpuSeconds"), get(sdk, "cpuSeconds"));
    const peer = (label: string, id: string, letter: string): Target => ({
      label: `consumer type-check, TS ${ts}, ${label} (${letter})`,
      limit: "peer",
      value: get(id, "seconds"),
      unit: "seconds",
      note: `CPU ${shown(get(id, "cpuSeconds"), "seconds")}; ${shown(get(id, "files"), "count")} files`,
    });
    const [oursWall, sdkWall, oursFiles] = [get(ours, "seconds"), get(sdk, "seconds"), get(ours, "files")];
    const note = [
      typeof oursWall !== "string" && typeof sdkWall !== "string"
        ? `${shown(oursWall, "seconds")} / ${shown(sdkWall, "seconds")}`
        : `this client ${shown(oursWall, "seconds")}, types-only ${shown(sdkWall, "seconds")}`,
      typeof cpuRatio !== "string" ? `CPU ${shown(cpuRatio, "ratio")}` : undefined,
      typeof oursFiles !== "string" ? `${shown(oursFiles, "count")} files` : undefined,
    ]
      .filter((x) => x !== undefined)
      .join("; ");
    return [
      {
        label: `consumer type-check, TS ${ts}: this client / types-only route (${letters})`,
        limit: "≤ 1.5×",
        value: wallRatio,
        unit: "ratio",
        max: 1.5,
        note,
      },
      peer("Kiota", kiota, letters === "6a / 6c" ? "6b" : "6e"),
      peer("types-only route", sdk, letters === "6a / 6c" ? "6c" : "6f"),
    ];
  };

  const issue11: Target[] = [
    { label: "Graph app bundle, min+gz, this client (8b)", limit: bundleLimit, value: get("bundle-graph", "gz"), unit: "kb", max: bundleMax },
    { label: "Graph app bundle, min+gz, Kiota (8c)", limit: "peer", value: get("bundle-graph-kiota", "gz"), unit: "kb" },
    { label: "Graph app bundle, min+gz, untyped SDK + types (8d)", limit: "peer", value: sdkGz, unit: "kb" },
    { label: "Outlook v2.0 app bundle, min+gz, this client (8a)", limit: "≤ 6 KB", value: get("bundle-outlook", "gz"), unit: "kb", max: 6_000 },
    ...checkRatio("5.9", "consumer5-graph", "consumer5-graph-sdk", "consumer5-graph-kiota", "6a / 6c"),
    ...checkRatio("7", "consumer7-graph", "consumer7-graph-sdk", "consumer7-graph-kiota", "6d / 6f"),
    { label: "tsc --noEmit over the whole Graph output, TS 5.9 (5a)", limit: "≤ 5 s", value: get("tsc5-graph", "seconds"), unit: "seconds", max: 5 },
    { label: "Graph output size (1)", limit: "≤ 4 MB", value: get("codegen-graph", "bytes"), unit: "mb", max: 4e6 },
    { label: "Graph generation / parse floor (1 / 3)", limit: "≤ 3×", value: floorRatio, unit: "ratio", max: 3 },
  ];
  const earlier: Target[] = [
    { label: "Graph generation time (1)", limit: "≤ 4 s", value: graphTime, unit: "seconds", max: 4 },
    { label: "Graph generation peak RSS (1)", limit: "≤ 400 MiB", value: get("codegen-graph", "rssKiB"), unit: "mibFromKiB", max: 400 * 1024 },
    { label: "tsc over the Graph client, TS 7 (5b)", limit: "≤ 5 s", value: get("tsc7-graph", "seconds"), unit: "seconds", max: 5 },
    { label: "Outlook generation, 3 versions (2)", limit: "≤ 1.5 s", value: get("codegen-outlook", "seconds"), unit: "seconds", max: 1.5 },
    { label: "regeneration after a one-type change, Graph (7a)", limit: "≤ 1 s", value: get("regen-graph", "seconds"), unit: "seconds", max: 1 },
    { label: "regeneration after a one-type change, Outlook (7b)", limit: "≤ 1 s", value: get("regen-outlook", "seconds"), unit: "seconds", max: 1 },
    { label: "watch: regeneration after a one-type change, Graph (9)", limit: "≤ 0.5 s", value: get("watch-graph", "seconds"), unit: "seconds", max: 0.5 },
    { label: "peak RSS / input, one 52 MB description (10a)", limit: "≤ 10×", value: get("memory-description", "ratio"), unit: "ratio", max: 10 },
    { label: "peak RSS / input, 4,000 types in 52 MB (10b)", limit: "≤ 10×", value: get("memory-types", "ratio"), unit: "ratio", max: 10 },
  ];
  return { issue11, earlier };
}

async function main(): Promise<void> {
  if (!existsSync(GRAPH)) throw new Error(`${GRAPH} is missing: the bench reads ../shared/corpus beside the repository`);
  const ids = MEASUREMENTS.map((m) => m.id);
  const { selected: selectedIds, unknown } = selectIds(ids, ONLY, GROUPS);
  if (unknown.length > 0) {
    throw new Error(`unknown BENCH_ONLY ids: ${unknown.join(", ")}; known: ${ids.join(", ")}; groups: ${Object.keys(GROUPS).join(", ")}`);
  }
  const selected = MEASUREMENTS.filter((m) => selectedIds.includes(m.id));

  const cpus = os.cpus();
  const machine = [
    `${cpus.length} logical cores (${cpus[0]?.model.trim() ?? "unknown CPU"})`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `${os.type()} ${os.release()} ${os.arch()}`,
  ].join(", ");
  const tools: [string, string][] = [
    ["node", process.version.slice(1)],
    ["typescript", versionOf("typescript")],
    ["typescript7", versionOf("typescript7")],
    ["prettier", versionOf("prettier")],
    ["fast-xml-parser", versionOf("fast-xml-parser")],
    ["tsx", versionOf("tsx")],
    ["@odata2ts/odata2ts", versionOf("@odata2ts/odata2ts")],
    ["esbuild", versionOf("esbuild")],
    ["@microsoft/msgraph-sdk", versionOf("@microsoft/msgraph-sdk")],
    ["@microsoft/msgraph-sdk-users", versionOf("@microsoft/msgraph-sdk-users")],
    ["@microsoft/kiota-abstractions", versionOf("@microsoft/kiota-abstractions")],
    ["@microsoft/microsoft-graph-client", versionOf("@microsoft/microsoft-graph-client")],
    ["@microsoft/microsoft-graph-types", versionOf("@microsoft/microsoft-graph-types")],
  ];
  console.log(`codegen bench: ${selected.length} measurement(s), ${RUNS} run(s) each (consumer type-checks ${CONSUMER_RUNS}); ${machine}`);
  console.log(`RSS via ${TIME_BIN !== undefined ? `${TIME_BIN} (%M)` : "a node preload (process.resourceUsage().maxRSS)"}; temp folder ${ROOT}`);

  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const results = new Map<string, MeasurementResult>();
  await measureAll(selected, results);

  const ordered = selected.map((m) => results.get(m.id)!);
  const mRows = measurementRows(ordered);
  // Targets of measurements left out by BENCH_ONLY are not listed.
  const { issue11, earlier } = targets(results);
  const tRows11 = targetRows(issue11.filter((t) => t.value !== "not run"));
  const tRowsEarlier = targetRows(earlier.filter((t) => t.value !== "not run"));
  const sRows = SIDE_BY_SIDE.some((r) => [r.bundle, r.check5, r.check7].some((id) => id !== undefined && results.has(id)))
    ? sideBySideRows(SIDE_BY_SIDE, results)
    : [];
  console.log(
    [
      sRows.length > 0 ? textTable(SIDE_BY_SIDE_HEADER, sRows) : undefined,
      tRows11.length > 0 ? textTable(TARGET_HEADER, tRows11) : undefined,
      tRowsEarlier.length > 0 ? textTable(TARGET_HEADER, tRowsEarlier) : undefined,
      textTable(MEASUREMENT_HEADER, mRows),
    ]
      .filter((x) => x !== undefined)
      .map((x) => `\n${x}`)
      .join("\n") + "\n",
  );

  const enums = patchedGraph?.enums ?? [];
  const load = `1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (anything else running shares the cores)`;
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  const sections = [
    sRows.length > 0
      ? `## Issue 11: one app, side by side

The app lists 10 inbox messages with \`$select\`, then sends one mail (bench/apps/). Medians; CPU time (user + system) in
parentheses; the files are those \`tsc --listFilesOnly\` lists for the consumer project (TS 5.9 / TS 7 when they differ), lib
files in parentheses.

${markdownTable(SIDE_BY_SIDE_HEADER, sRows)}
`
      : "",
    tRows11.length > 0
      ? `## Targets (issue 11)

"peer" rows are the peers' figures from the same run, for comparison; a ratio's note gives its two medians, the ratio of
the CPU times and the files the compiler loads.

${markdownTable(TARGET_HEADER, tRows11)}
`
      : "",
    tRowsEarlier.length > 0 ? `## Targets (earlier issues)\n\n${markdownTable(TARGET_HEADER, tRowsEarlier)}\n` : "",
  ]
    .filter((x) => x !== "")
    .map((x) => `${x}\n`)
    .join("");
  const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, repository at ${gitHead()}, in ${minutes} min.
${ONLY.length > 0 ? `\nOnly these measurements were run (BENCH_ONLY=${ONLY.join(",")}): ${selectedIds.join(", ")}.\n` : ""}
- Machine: ${machine}; ${load}
- Runs: ${RUNS} per measurement (BENCH_RUNS), ${CONSUMER_RUNS} for the consumer type-checks (6a–6f; BENCH_RUNS when set); each figure is the median [min–max] over the runs; a failed run is not repeated
- Tools: ${tools.map(([n, v]) => `${n} ${v}`).join(", ")}
- CPU time: ${TIME_BIN !== undefined ? "GNU time's %U + %S of each child process (user + system seconds, the descendants it waited for included)" : "the sum of process.resourceUsage() user + system time of the node processes in each child's tree (a native child, such as TypeScript 7's compiler, is not counted)"}; beside the wall time because the machine's disk stalls at random: a wall time well above its CPU time waited for something
- Peak RSS: ${TIME_BIN !== undefined ? `GNU time's %M of each child process (the largest process in its tree)` : "the largest process.resourceUsage().maxRSS of the node processes in each child's tree"}; MiB = 2^20 bytes
- Sizes: MB = 10^6 bytes, KB = 10^3 bytes; output sizes count every file except top-level dotfiles (codegen's \`.codegen-manifest\`, shown apart as "manifest")

${sections}## Measurements

Every measurement is a separate child process, timed from spawn to exit (Node start-up included); its CPU time is
user + system seconds of that process tree.

${markdownTable(MEASUREMENT_HEADER, mRows)}

## What each measurement does

1. \`node generator/cli/codegen.mjs --metadata v1.0=../shared/corpus/graph-v1.0.csdl.xml --out <fresh temp folder>\`.
2. The same with \`--metadata v1.0=metadata/v1.0.xml --metadata v2.0=… --metadata beta=…\` (the default inputs of \`npx codegen\`).
3. \`bench/parse-floor.mjs\`: fast-xml-parser (the generator's version, its preserveOrder/attribute options) parses the Graph
   document and a walk counts every element and attribute. The target ratio is the median of 1 over the median of 3.
4. odata2ts on a temporary copy of the Graph document with its documented workaround applied: the member-less enum types
   (${enums.length > 0 ? enums.map((e) => `\`${e}\``).join(", ") : "none found in this run"}) get \`<Member Name="none" Value="0"/>\`. Config: \`mode: all\`
   (models, q-objects, services), \`emitMode: "ts"\`, \`bundledFileGeneration: false\`; run as \`node node_modules/@odata2ts/odata2ts/lib/run-cli.js\`
   in a temp folder holding \`odata2ts.config.js\` and the \`tsconfig.json\` its CLI insists on. 4a keeps the metadata's names (its default);
   4b adds \`allowRenaming: true\`, which is what gets it past the entity type \`microsoft.graph.security.case\` (4a emits \`interface case\`,
   a reserved word, and ts-morph aborts).
5. \`tsc -p <Graph output>/tsconfig.json --noEmit\` (the strict tsconfig the generated package ships), TypeScript 5.9 and 7.
6. Issue 11's app, one file per client in bench/apps/: list 10 inbox messages with \`$select\`, then send one mail.
   \`graph-ours.ts\` (this client: \`client.me.mailFolders.byId("inbox").messages.list({ select, top: 10 })\`,
   \`client.me.sendMail({ Message, SaveToSentItems: true })\`, the action's parameters as the metadata names them), \`graph-kiota.ts\` (Kiota:
   \`client.me.mailFolders.byMailFolderId("inbox").messages.get({ queryParameters: { select, top: 10 } })\`, \`client.me.sendMail.post(…)\`)
   and \`graph-sdk.ts\` (the types-only route: \`client.api("/me/mailFolders/inbox/messages").select(…).top(10).get()\` typed as
   \`{ value: Message[] }\` from microsoft-graph-types, \`client.api("/me/sendMail").post({ message, … })\`). Each is copied into a fresh
   consumer project in the temp folder: \`package.json\` of type module, a tsconfig (strict, noUncheckedIndexedAccess,
   exactOptionalPropertyTypes, \`skipLibCheck: true\`, module and moduleResolution NodeNext, noEmit, no @types) and a
   node_modules holding each package the app imports: a link to the peer the bench workspace pins, or for this client the
   Graph output as a consumer installs it (its package.json and \`dist/*.d.ts\`, built once beforehand with
   \`emitDeclarationOnly\` by TypeScript 5.9, the compiler the generated package builds with). Then \`tsc -p tsconfig.json\`,
   TypeScript 5.9 (6a–6c) and 7 (6d–6f), the three of each compiler in rounds (run 1 of each, then run 2 of each, …), 5 runs
   unless BENCH_RUNS is set. "files loaded" is what \`tsc --listFilesOnly\` with the same compiler lists (run once, untimed),
   "of them lib" the compiler's own lib.*.d.ts. The targets compare this client with the types-only route: the ratio of the
   medians, its range the extremes (slowest over fastest and the reverse).
7. A copy of a fresh output folder, then codegen again into it with one entity type changed (a property added to
   \`message\` in Graph, to \`Message\` in Outlook v2.0). Runs alternate between the changed and the original metadata, so each
   run is a one-type change from the folder's state. "files written" counts files whose inode, mtime or size changed.
8. \`bench/bundle.mjs\`: esbuild (bundle, minify, ESM, browser, ES2022, tree shaking) of the app of 6, in place:
   \`outlook-v2.0-ours.ts\` with \`outlook-rest-client/v2.0\` pointed at \`generated/v2.0/index.ts\` (8a), \`graph-ours.ts\` with
   \`graph-client/v1.0\` pointed at the Graph output's \`v1.0/index.ts\` (8b), \`graph-kiota.ts\` (8c) and \`graph-sdk.ts\` (8d) against
   the installed peers (the SDK's browser build, by its package.json). Sizes from the output and \`zlib.gzipSync\` (level 9).
   Time, CPU and RSS are bundle.mjs's process with the esbuild binary it runs and waits for. The Graph target is at most
   10 KB and at most 8d's size in the same run. \`BENCH_ONLY=issue11\` runs what issue 11's targets and the peers' rows need:
   ${GROUPS["issue11"]!.join(", ")}.
9. \`codegen --watch\` on a copy of the Graph document; after the first generation the file is rewritten ${WATCH_EDITS} times
   (BENCH_WATCH_EDITS), alternately with a property added to \`message\` and as it was. Each edit's time is the watcher's own
   figure, from the first file event (so its 10 ms debounce counts) to the written output, wall and CPU (the CPU column) of
   the watcher process; a run's figure is the median over its edits ("slowest edit" is the largest). Time is not the
   process's life.
10. \`bench/big-metadata.ts\` writes two 52 MB documents to the temp folder (never committed): 10a one entity type whose
   Core.Description is the whole document (prose in lines of about 2,000 characters), 10b 4,000 entity types of 25
   properties and 4 navigations, each described, with an entity set each. Then \`codegen --metadata v1.0=<file> --out <fresh
   folder>\`; "peak / input" is the peak RSS (Node's own included) over the document's size.
`;
  writeFileSync(RESULTS_FILE, md);
  console.log(`wrote ${RESULTS_FILE}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});

