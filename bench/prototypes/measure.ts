// Measures the prototype shapes (made by shape-b.ts / shape-cd.ts into $PROTO_OUT, default /tmp/proto; A is the real
// generator's output) and the types-only reference R. Every figure comes from a separate child process; each is the
// median of PROTO_RUNS (default 3) runs. Usage: npx tsx bench/prototypes/measure.ts A B C D R > results.json
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { OUT, REPO } from "./lib.js";

const RUNS = Number(process.env.PROTO_RUNS ?? 3);
const TSC5 = join(REPO, "node_modules", "typescript", "bin", "tsc");
const TSC7 = join(REPO, "node_modules", "typescript7", "bin", "tsc");
const HERE = join(REPO, "bench", "prototypes");
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

interface Run {
  wall: number;
  cpu: number;
  rssMiB: number;
  code: number;
  stdout: string;
  stderr: string;
}
function timed(args: string[], cwd: string): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", process.execPath, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr)!;
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.slice(0, m.index) };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function repeat(args: string[], cwd: string): { wall: number; cpu: number; rssMiB: number; code: number; out: string } {
  const runs = Array.from({ length: RUNS }, () => timed(args, cwd));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMiB: median(runs.map((r) => r.rssMiB)), code: Math.max(...runs.map((r) => r.code)), out: runs[0]!.stdout + runs[0]!.stderr };
}
function sizeOf(dir: string, filter: (f: string) => boolean): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    if (!filter(p)) continue;
    bytes += statSync(p).size;
    files++;
  }
  return { bytes, files };
}
const filesLoaded = (out: string): number | undefined => {
  const m = /^Files:\s+(\d+)/m.exec(out);
  return m ? Number(m[1]) : undefined;
};

// The consumer projects live under OUT, which has no node_modules of its own: link the repository's (peers' types).
if (!existsSync(join(OUT, "node_modules"))) symlinkSync(join(REPO, "node_modules"), join(OUT, "node_modules"));

const results: Record<string, unknown>[] = [];
for (const shape of process.argv.slice(2)) {
  const load0 = loadavg()[0]!;
  const out = join(OUT, shape);
  const work = join(OUT, `${shape}-consumer`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "app"), { recursive: true });
  const row: Record<string, unknown> = { shape };
  let entry: string;
  if (shape === "R") {
    entry = "";
  } else {
    // Declarations as a package ships them (emitDeclarationOnly, TS 7), untimed.
    const build = join(work, "tsconfig.build.json");
    writeFileSync(build, JSON.stringify({ extends: join(out, "tsconfig.json"), compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: join(work, "client"), rootDir: out }, include: [join(out, "runtime/**/*.ts"), join(out, "v1.0/**/*.ts")] }));
    const b = timed([TSC7, "-p", build], work);
    if (b.code !== 0) throw new Error(`declarations of ${shape}: ${b.stdout}${b.stderr}`);
    writeFileSync(join(work, "client", "package.json"), JSON.stringify({ type: "module" }));
    const src = sizeOf(out, (p) => p.endsWith(".ts") && (p.includes("/v1.0/") || p.includes("/runtime/")));
    const dts = sizeOf(join(work, "client"), (p) => p.endsWith(".d.ts"));
    Object.assign(row, { sourceMB: src.bytes / 1e6, sourceFiles: src.files, dtsMB: dts.bytes / 1e6, dtsFiles: dts.files });
    entry = join(out, "v1.0", "index.ts");
  }
  // Consumer type-check of the ten calls.
  cpSync(join(HERE, "calls", `${shape[0]}.ts`), join(work, "app", "consumer.ts"));
  writeFileSync(join(work, "app", "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT, ...(shape === "R" ? { types: [] } : {}), skipLibCheck: true, noEmit: true }, files: ["consumer.ts"] }));
  for (const [label, tsc] of [["ts59", TSC5], ["ts7", TSC7]] as const) {
    const r = repeat([tsc, "-p", "tsconfig.json", "--extendedDiagnostics"], join(work, "app"));
    const errors = (r.out.match(/error TS\d+/g) ?? []).length;
    row[`consumer_${label}`] = { wall: r.wall, cpu: r.cpu, rssMiB: Math.round(r.rssMiB), files: filesLoaded(r.out), errors, ...(errors ? { first: r.out.split("\n").filter((l) => l.includes("error TS")).slice(0, 3) } : {}) };
    for (const [key, re] of [["parse", /^Parse time:\s+([\d.]+)s/m], ["bind", /^Bind time:\s+([\d.]+)s/m], ["check", /^Check time:\s+([\d.]+)s/m]] as const) {
      const m = re.exec(r.out);
      if (m) (row[`consumer_${label}`] as Record<string, unknown>)[key] = Number(m[1]);
    }
  }
  // Bundle.
  const app = join(work, "app.ts");
  writeFileSync(app, readFileSync(join(HERE, "apps", `${shape[0]}.ts`), "utf8").replace('"ENTRY"', JSON.stringify(entry)));
  const bundle = repeat([join(REPO, "bench", "bundle.mjs"), app], work);
  const sizes = JSON.parse(bundle.out.trim().split("\n")[0]!) as { min: number; gz: number };
  row.bundle = { minKB: sizes.min / 1e3, gzKB: sizes.gz / 1e3, wall: bundle.wall };
  // tsc --noEmit over the whole output (TS 5.9), the output's own strict tsconfig.
  if (shape !== "R") {
    const r = repeat([TSC5, "-p", join(out, "tsconfig.json"), "--noEmit", "--extendedDiagnostics"], out);
    row.wholeTs59 = { wall: r.wall, cpu: r.cpu, rssMiB: Math.round(r.rssMiB), files: filesLoaded(r.out), errors: (r.out.match(/error TS\d+/g) ?? []).length };
  }
  row.load = [load0, loadavg()[0]!].map((x) => Math.round(x * 100) / 100);
  results.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
}
process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
