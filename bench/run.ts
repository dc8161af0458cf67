/**
 * `npm run bench`: times codegen and its neighbours, each in its own child
 * process, and writes bench/RESULTS.md. Installs nothing; reads the corpus from
 * ../shared/corpus; writes only to os.tmpdir() (cleaned up) and RESULTS.md.
 *
 * Environment:
 *   BENCH_RUNS=3          runs per measurement (median [min–max] is reported)
 *   BENCH_ONLY=a,b        only these measurements (ids below); RESULTS.md then says so
 *   BENCH_TIMEOUT_S=900   per child process
 *   BENCH_RESULTS=path    where to write the results (default bench/RESULTS.md)
 *   BENCH_WATCH_EDITS=6   edits per run of the watch measurement
 *
 * The bench relies on codegen's CLI, the generated client's public API and the
 * output layout (<out>/<version>/index.ts, <out>/runtime/) only.
 */
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { writeBigMetadata, type BigKind } from "./big-metadata.js";
import {
  addMemberToEmptyEnums,
  addPropertyToEntityType,
  diffSnapshots,
  generatedDocSize,
  markdownTable,
  MEASUREMENT_HEADER,
  parseWatchLine,
  measurementRows,
  parseTimeOutput,
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

const RUNS = positiveInt(process.env.BENCH_RUNS, 3);
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
  /** User + system CPU seconds (GNU time only). */
  readonly cpuSeconds?: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node args…` in its own process group and returns wall time (measured
 * here) and peak RSS: from GNU time's %M (the largest process of the tree) when
 * /usr/bin/time exists, else from a preload that records each node process's
 * maxRSS at exit. Rejects on a non-zero exit or the timeout.
 */
async function timedNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const scratch = mkdtempSync(join(os.tmpdir(), "codegen-bench-time-"));
  const rssFile = join(scratch, "rss");
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
      const out = tail();
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
    }
    return { seconds, rssKiB, cpuSeconds, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Keeps the last 256 KB of a stream. */
function tail(): { push(d: Buffer): void; text(): string } {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    push(d) {
      chunks.push(d);
      size += d.length;
      while (size > 256 * 1024 && chunks.length > 1) size -= chunks.shift()!.length;
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
  /** One run; i counts from 0. */
  run(i: number): Promise<Sample>;
  setup?(): Promise<void>;
}

const OUTPUT_FIGURES: FigureSpec[] = [
  { key: "bytes", label: "output", unit: "mb" },
  { key: "files", label: "files", unit: "count" },
];

const sample = (t: Timed, figures?: Record<string, number>): Sample => ({ seconds: t.seconds, rssKiB: t.rssKiB, ...(figures ? { figures } : {}) });

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
 * and the peak as a multiple of the document's size (issue 10: under 10×, Node's own RSS included).
 */
function bigDocumentMeasurement(id: string, title: string, kind: BigKind, megabytes: number): Measurement {
  let file = "";
  let size = 0;
  return {
    id,
    title,
    figures: [
      { key: "input", label: "input", unit: "mb" },
      { key: "cpu", label: "CPU", unit: "seconds" },
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
      if (t.cpuSeconds !== undefined) figures["cpu"] = t.cpuSeconds;
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

/** The Graph client's declarations (built once, untimed) and a consumer project against them. */
let consumerProject: string | undefined;
async function graphConsumer(): Promise<string> {
  if (consumerProject !== undefined) return consumerProject;
  const out = await graphClient();
  const dir = tempDir("consumer");
  const client = join(dir, "client");
  // Declarations as the published package has them (dist/*.d.ts), with the faster compiler.
  const build = join(dir, "tsconfig.build.json");
  writeFileSync(
    build,
    JSON.stringify({
      extends: clientTsconfig(out, ["v1.0"]),
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: client, rootDir: out },
    }),
  );
  try {
    await timedNode([TSC7, "-p", build], dir);
  } catch {
    await timedNode([TSC5, "-p", build], dir);
  }
  writeFileSync(join(client, "package.json"), JSON.stringify({ type: "module" }));
  const app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "consumer.ts"), GRAPH_CONSUMER);
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...STRICT, skipLibCheck: true, noEmit: true }, files: ["consumer.ts"] }),
  );
  consumerProject = join(app, "tsconfig.json");
  return consumerProject;
}

const GRAPH_CONSUMER = `import { createClient } from "../client/v1.0/index.js";

const client = createClient({ getAccessToken: async () => "token" });

export async function inbox(): Promise<number> {
  const page = await client.me.messages.list({ select: ["subject", "from", "receivedDateTime"], orderby: ["receivedDateTime desc"], top: 10 });
  const folder = await client.users("sadie@contoso.com").mailFolders.byId("inbox").messages.list({ select: ["subject"], top: 5 });
  await client.me.sendMail({ Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] }, SaveToSentItems: true });
  return page.value.length + folder.value.length;
}
`;

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

function bundleMeasurement(id: string, title: string, app: () => Promise<string>): Measurement {
  let entry = "";
  return {
    id,
    title,
    figures: [
      { key: "min", label: "min", unit: "kb" },
      { key: "gz", label: "min+gz", unit: "kb" },
    ],
    async setup() {
      entry = join(tempDir(id), "app.ts");
      writeFileSync(entry, await app());
    },
    async run() {
      const t = await timedNode([join(REPO, "bench", "bundle.mjs"), entry], REPO);
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
      { key: "cpu", label: "CPU", unit: "seconds" },
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
      return { seconds: stats(wall)!.median, figures: { cpu: stats(cpu)!.median, slowest: Math.max(...wall), edits: wall.length } };
    },
  };
}

const bundleApp = (index: string, names: { me: string; folder: string; select: string; message: string; subject: string; to: string; email: string; address: string }): string =>
  `import { createClient } from ${JSON.stringify(index)};

const client = createClient({ getAccessToken: async () => "token" });

async function main(): Promise<void> {
  const inbox = await client.me.${names.folder}.byId("Inbox").messages.list({ select: [${JSON.stringify(names.select)}], top: 10 });
  console.log(inbox.value.length);
  await client.me.sendMail({ ${names.message}: { ${names.subject}: "Hi", ${names.to}: [{ ${names.email}: { ${names.address}: "a@contoso.com" } }] } });
}

main().catch((e) => console.error(e));
`;

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
  tscMeasurement("consumer5-graph", "6a. consumer type-check (Graph .d.ts, skipLibCheck), TS 5.9", TSC5, graphConsumer),
  tscMeasurement("consumer7-graph", "6b. consumer type-check (Graph .d.ts, skipLibCheck), TS 7", TSC7, graphConsumer),
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
  bundleMeasurement("bundle-outlook", "8a. esbuild bundle: inbox + sendMail, Outlook v2.0 (generated/)", async () =>
    bundleApp(join(REPO, "generated", "v2.0", "index.ts"), {
      me: "me",
      folder: "mailFolders",
      select: "Subject",
      message: "Message",
      subject: "Subject",
      to: "ToRecipients",
      email: "EmailAddress",
      address: "Address",
    }),
  ),
  bundleMeasurement("bundle-graph", "8b. esbuild bundle: inbox + sendMail, Graph v1.0", async () =>
    bundleApp(join(await graphClient(), "v1.0", "index.ts"), {
      me: "me",
      folder: "mailFolders",
      select: "subject",
      message: "Message",
      subject: "subject",
      to: "toRecipients",
      email: "emailAddress",
      address: "address",
    }),
  ),
];

// ---- running and reporting --------------------------------------------------------------------------------------------

async function measure(m: Measurement): Promise<MeasurementResult> {
  const samples: Sample[] = [];
  const base = { id: m.id, title: m.title, figures: m.figures ?? [] };
  try {
    if (m.setup) await m.setup();
  } catch (e) {
    return { ...base, samples, error: `setup: ${(e as Error).message}` };
  }
  for (let i = 0; i < RUNS; i++) {
    process.stdout.write(`  ${m.id} run ${i + 1}/${RUNS} … `);
    try {
      const s = await m.run(i);
      samples.push(s);
      process.stdout.write(`${s.seconds.toFixed(2)} s\n`);
    } catch (e) {
      // A failure is reported and not repeated: these runs are deterministic.
      process.stdout.write("failed\n");
      return { ...base, samples, error: (e as Error).message };
    }
  }
  return { ...base, samples };
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

function targets(results: ReadonlyMap<string, MeasurementResult>): Target[] {
  const get = (id: string, key: string): Target["value"] => {
    const r = results.get(id);
    if (r === undefined) return "not run";
    const s = statsOf(r, key);
    if (s !== undefined) return s;
    return r.error !== undefined ? "failed" : "no figure";
  };
  const graphTime = get("codegen-graph", "seconds");
  const floor = get("parse-floor", "seconds");
  const ratio: Target["value"] =
    typeof graphTime === "string" || typeof floor === "string"
      ? typeof graphTime === "string"
        ? graphTime
        : floor
      : // Ratios of the medians, the extremes (slowest/fastest floor and the reverse) as the range.
        { median: graphTime.median / floor.median, min: graphTime.min / floor.max, max: graphTime.max / floor.min, n: Math.min(graphTime.n, floor.n) };
  const regen = (id: string): Target["value"] => get(id, "seconds");
  return [
    { label: "Graph generation time (1)", limit: "≤ 4 s", value: graphTime, unit: "seconds", max: 4 },
    { label: "Graph generation / parse floor (1 / 3)", limit: "≤ 10×", value: ratio, unit: "ratio", max: 10 },
    { label: "Graph generation peak RSS (1)", limit: "≤ 400 MiB", value: get("codegen-graph", "rssKiB"), unit: "mibFromKiB", max: 400 * 1024 },
    { label: "Graph output size (1)", limit: "≤ 6 MB", value: get("codegen-graph", "bytes"), unit: "mb", max: 6e6 },
    { label: "tsc over the Graph client, TS 5.9 (5a)", limit: "≤ 5 s", value: get("tsc5-graph", "seconds"), unit: "seconds", max: 5 },
    { label: "tsc over the Graph client, TS 7 (5b)", limit: "≤ 5 s", value: get("tsc7-graph", "seconds"), unit: "seconds", max: 5 },
    { label: "consumer type-check, TS 5.9 (6a)", limit: "≤ 1.1 s", value: get("consumer5-graph", "seconds"), unit: "seconds", max: 1.1 },
    { label: "consumer type-check, TS 7 (6b)", limit: "≤ 1.1 s", value: get("consumer7-graph", "seconds"), unit: "seconds", max: 1.1 },
    { label: "Outlook generation, 3 versions (2)", limit: "≤ 1.5 s", value: get("codegen-outlook", "seconds"), unit: "seconds", max: 1.5 },
    { label: "regeneration after a one-type change, Graph (7a)", limit: "≤ 1 s", value: regen("regen-graph"), unit: "seconds", max: 1 },
    { label: "regeneration after a one-type change, Outlook (7b)", limit: "≤ 1 s", value: regen("regen-outlook"), unit: "seconds", max: 1 },
    { label: "watch: regeneration after a one-type change, Graph (9)", limit: "≤ 0.5 s", value: get("watch-graph", "seconds"), unit: "seconds", max: 0.5 },
    { label: "bundle min+gz, Outlook v2.0 (8a)", limit: "≤ 10 KB", value: get("bundle-outlook", "gz"), unit: "kb", max: 10_000 },
    { label: "bundle min+gz, Graph v1.0 (8b)", limit: "≤ 10 KB", value: get("bundle-graph", "gz"), unit: "kb", max: 10_000 },
    { label: "peak RSS / input, one 52 MB description (10a)", limit: "≤ 10×", value: get("memory-description", "ratio"), unit: "ratio", max: 10 },
    { label: "peak RSS / input, 4,000 types in 52 MB (10b)", limit: "≤ 10×", value: get("memory-types", "ratio"), unit: "ratio", max: 10 },
  ];
}

async function main(): Promise<void> {
  if (!existsSync(GRAPH)) throw new Error(`${GRAPH} is missing: the bench reads ../shared/corpus beside the repository`);
  const unknown = ONLY.filter((id) => !MEASUREMENTS.some((m) => m.id === id));
  if (unknown.length > 0) throw new Error(`unknown BENCH_ONLY ids: ${unknown.join(", ")}; known: ${MEASUREMENTS.map((m) => m.id).join(", ")}`);
  const selected = MEASUREMENTS.filter((m) => ONLY.length === 0 || ONLY.includes(m.id));

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
  ];
  console.log(`codegen bench: ${selected.length} measurement(s), ${RUNS} run(s) each; ${machine}`);
  console.log(`RSS via ${TIME_BIN !== undefined ? `${TIME_BIN} (%M)` : "a node preload (process.resourceUsage().maxRSS)"}; temp folder ${ROOT}`);

  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const results = new Map<string, MeasurementResult>();
  for (const m of selected) {
    console.log(`${m.title}`);
    results.set(m.id, await measure(m));
  }

  const ordered = [...results.values()];
  const mRows = measurementRows(ordered);
  // Targets of measurements left out by BENCH_ONLY are not listed.
  const tRows = targetRows(targets(results).filter((t) => t.value !== "not run"));
  console.log(`\n${textTable(TARGET_HEADER, tRows)}\n\n${textTable(MEASUREMENT_HEADER, mRows)}\n`);

  const enums = patchedGraph?.enums ?? [];
  const load = `1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (anything else running shares the cores)`;
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, repository at ${gitHead()}, in ${minutes} min.
${ONLY.length > 0 ? `\nOnly these measurements were run (BENCH_ONLY): ${ONLY.join(", ")}.\n` : ""}
- Machine: ${machine}; ${load}
- Runs: ${RUNS} per measurement (BENCH_RUNS); each figure is the median [min–max] over the runs; a failed run is not repeated
- Tools: ${tools.map(([n, v]) => `${n} ${v}`).join(", ")}
- Peak RSS: ${TIME_BIN !== undefined ? `GNU time's %M of each child process (the largest process in its tree)` : "the largest process.resourceUsage().maxRSS of the node processes in each child's tree"}; MiB = 2^20 bytes
- Sizes: MB = 10^6 bytes, KB = 10^3 bytes; output sizes count every file except top-level dotfiles (codegen's \`.codegen-manifest\`, shown apart as "manifest")

## Targets

${markdownTable(TARGET_HEADER, tRows)}

## Measurements

Every measurement is a separate child process, timed from spawn to exit (Node start-up included).

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
6. A consumer file (createClient, \`me.messages.list\` with select/orderby/top, \`users(upn).mailFolders.byId(…).messages.list\`,
   \`me.sendMail\`), strict, \`skipLibCheck: true\`, against the Graph client's declarations (built once beforehand with
   \`emitDeclarationOnly\`, as the published package ships \`dist/*.d.ts\`).
7. A copy of a fresh output folder, then codegen again into it with one entity type changed (a property added to
   \`message\` in Graph, to \`Message\` in Outlook v2.0). Runs alternate between the changed and the original metadata, so each
   run is a one-type change from the folder's state. "files written" counts files whose inode, mtime or size changed.
8. \`bench/bundle.mjs\`: esbuild (bundle, minify, ESM, browser, tree shaking) of an app that lists the inbox and sends a mail,
   importing \`generated/v2.0/index.ts\` (8a) or the Graph output's \`v1.0/index.ts\` (8b); sizes from the output and
   \`zlib.gzipSync\` (level 9). Time and RSS are esbuild's whole process.
9. \`codegen --watch\` on a copy of the Graph document; after the first generation the file is rewritten ${WATCH_EDITS} times
   (BENCH_WATCH_EDITS), alternately with a property added to \`message\` and as it was. Each edit's time is the watcher's own
   figure, from the first file event (so its 10 ms debounce counts) to the written output, wall and CPU of the watcher
   process; a run's figure is the median over its edits ("slowest edit" is the largest). Time is not the process's life.
10. \`bench/big-metadata.ts\` writes two 52 MB documents to the temp folder (never committed): 10a one entity type whose
   Core.Description is the whole document (prose in lines of about 2,000 characters), 10b 4,000 entity types of 25
   properties and 4 navigations, each described, with an entity set each. Then \`codegen --metadata v1.0=<file> --out <fresh
   folder>\`; "peak / input" is the peak RSS (Node's own included) over the document's size, "CPU" user + system seconds.
`;
  writeFileSync(RESULTS_FILE, md);
  console.log(`wrote ${RESULTS_FILE}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});

