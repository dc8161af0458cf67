/**
 * A fuzz run: iterations 0…n-1 of one seed across a pool of workers, the tsc sample, the buckets of distinct
 * failures, and their minimised repros. Used by cli.ts (long runs) and fuzz.test.ts (the fixed-seed run).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSeeds } from "./corpus.js";
import { minimise } from "./minimise.js";
import { encode, makeMutant, type Encoding } from "./mutate.js";
import { normalise, type Failure } from "./oracle.js";
import { Pool, type JobResult } from "./pool.js";
import { typecheckFolders, type TscError } from "./tsc.js";

export interface RunConfig {
  readonly seed: number;
  readonly iterations: number;
  readonly workers: number;
  /** How many successful mutants to type-check, about (every k-th iteration is a candidate; see `tscStride`). */
  readonly tscSample: number;
  /** Candidates per sampled success: about 28 in 100 mutants succeed (the rest are refused with errors), so 4 by default. */
  readonly tscOversample?: number;
  /** Every k-th iteration is generated twice and compared. */
  readonly determinismEvery: number;
  /** A job over this many ms is a hang. */
  readonly timeoutMs: number;
  /** Weight of the Graph seed (0: left out). */
  readonly graphWeight: number;
  /** Only the seeds whose name holds this text. */
  readonly only?: string;
  /** Candidate tests per failure class for the minimiser (0: no minimising). */
  readonly minimiseTests: number;
  readonly log?: (line: string) => void;
}

export interface Instance {
  readonly iteration: number;
  readonly seedName: string;
  readonly ops: readonly string[];
  readonly mode: "package" | "sources";
  readonly encoding: Encoding;
  readonly size: number;
}

export interface Bucket {
  readonly kind: Failure["kind"] | "memory" | "harness";
  readonly signature: string;
  count: number;
  /** The smallest mutant that showed it. */
  smallest: Instance;
  detail: string;
  /** The smallest mutant after delta debugging, when minimised. */
  minimised?: string;
}

export interface RunReport {
  readonly seed: number;
  readonly only?: string;
  readonly iterations: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly ok: number;
  readonly withErrors: number;
  readonly throws: number;
  readonly hangs: number;
  readonly unlocated: number;
  readonly otherFailures: number;
  readonly determinismChecked: number;
  readonly nondeterministic: number;
  readonly tscChecked: number;
  readonly tscFailed: number;
  readonly peakRssMb: number;
  readonly buckets: readonly Bucket[];
  readonly slowestMs: number;
}

export function tscStride(config: RunConfig): number {
  if (config.tscSample <= 0) return 0;
  return Math.max(1, Math.floor(config.iterations / (config.tscSample * (config.tscOversample ?? 4))));
}

export async function fuzz(config: RunConfig): Promise<RunReport> {
  const log = config.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), "codegen-fuzz-"));
  const pool = new Pool(config.workers, { seed: config.seed, graphWeight: config.graphWeight, ...(config.only !== undefined ? { only: config.only } : {}) }, join(root, "work"), config.timeoutMs);
  const buckets = new Map<string, Bucket>();
  const counts = { ok: 0, errors: 0, throws: 0, hangs: 0, unlocated: 0, other: 0, det: 0, nondet: 0, tscChecked: 0, tscFailed: 0 };
  let slowest = 0;
  const record = (kind: Bucket["kind"], signature: string, detail: string, instance: Instance): void => {
    const b = buckets.get(signature);
    if (!b) buckets.set(signature, { kind, signature, count: 1, smallest: instance, detail });
    else {
      b.count++;
      if (instance.size < b.smallest.size) {
        b.smallest = instance;
        b.detail = detail;
      }
    }
  };
  const stride = tscStride(config);
  const tscRoot = join(root, "tsc");
  mkdirSync(tscRoot, { recursive: true });
  const pendingTsc: { dir: string; instance: Instance }[] = [];
  let tscChain: Promise<void> = Promise.resolve();
  const flushTsc = (): void => {
    const batch = pendingTsc.splice(0);
    if (batch.length === 0) return;
    tscChain = tscChain.then(async () => {
      const result = await typecheckFolders(tscRoot, batch.map((b) => b.dir));
      for (const { dir, instance } of batch) {
        const errors = result.get(dir) ?? [];
        counts.tscChecked++;
        if (errors.length > 0) {
          counts.tscFailed++;
          const first = errors[0]!;
          record("tsc", tscSignature(first), errors.slice(0, 5).map((e) => `${e.at}: ${e.code} ${e.message}`).join("\n"), instance);
        }
        rmSync(dir, { recursive: true, force: true });
      }
    });
  };

  const started = performance.now();
  let next = 0;
  let done = 0;
  let lastLog = started;
  const one = async (iteration: number): Promise<void> => {
    const tscDir = stride > 0 && iteration % stride === 0 ? join(tscRoot, `m${iteration}`) : undefined;
    const determinism = config.determinismEvery > 0 && iteration % config.determinismEvery === 0;
    const r: JobResult = await pool.run({ kind: "iteration", iteration, determinism, ...(tscDir !== undefined ? { tscDir } : {}) });
    const mutant = r.seedName === undefined ? makeMutant(loadSeedsOnce(config.graphWeight, config.only), config.seed, iteration) : undefined;
    const instance: Instance = {
      iteration,
      seedName: r.seedName ?? mutant!.seedName,
      ops: r.ops ?? mutant!.ops,
      mode: r.mode ?? mutant!.mode,
      encoding: r.encoding ?? mutant!.encoding,
      size: r.size ?? mutant!.text.length,
    };
    if (r.hang) {
      counts.hangs++;
      record("hang", "hang: over the time limit", `over ${config.timeoutMs} ms`, instance);
    } else if (r.harnessError !== undefined) {
      const memory = r.harnessError.includes("ERR_WORKER_OUT_OF_MEMORY");
      counts.other++;
      record(memory ? "memory" : "harness", memory ? "memory: the worker ran out of its 4 GiB heap" : `harness: ${normalise(r.harnessError.split("\n")[0] ?? "")}`, r.harnessError, instance);
    } else if (r.outcome) {
      const o = r.outcome;
      slowest = Math.max(slowest, o.ms);
      if (o.status === "ok") counts.ok++;
      else if (o.status === "errors") counts.errors++;
      else counts.throws++;
      if (determinism) counts.det++;
      if (o.failures.some((f) => f.kind === "unlocated")) counts.unlocated++;
      if (o.failures.some((f) => f.kind === "nondeterministic")) counts.nondet++;
      if (o.failures.some((f) => f.kind !== "unlocated" && f.kind !== "throw" && f.kind !== "nondeterministic")) counts.other++;
      const seen = new Set<string>();
      for (const f of o.failures) {
        if (seen.has(f.signature)) continue;
        seen.add(f.signature);
        record(f.kind, f.signature, f.detail, instance);
      }
      if (o.tscDir !== undefined) {
        pendingTsc.push({ dir: o.tscDir, instance });
        if (pendingTsc.length >= 8) flushTsc();
      }
    }
    done++;
    const now = performance.now();
    if (now - lastLog > 10_000) {
      lastLog = now;
      log(`  ${done}/${config.iterations} iterations, ${((done * 1000) / (now - started)).toFixed(1)}/s, ${buckets.size} distinct failures, ${counts.tscChecked} type-checked`);
    }
  };
  const lanes = Array.from({ length: config.workers }, async () => {
    while (next < config.iterations) await one(next++);
  });
  await Promise.all(lanes);
  flushTsc();
  await tscChain;
  const elapsedMs = performance.now() - started;

  const list = [...buckets.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.count - a.count || a.signature.localeCompare(b.signature));
  if (config.minimiseTests > 0) {
    log(`  minimising ${list.length} distinct failures…`);
    const queue = list.filter((b) => b.kind !== "hang" && b.kind !== "memory" && b.kind !== "harness");
    await Promise.all(
      Array.from({ length: config.workers }, async () => {
        for (let b = queue.shift(); b; b = queue.shift()) b.minimised = await minimiseBucket(b, pool, config, tscRoot);
      }),
    );
  }
  await pool.close();
  rmSync(root, { recursive: true, force: true });
  return {
    seed: config.seed,
    ...(config.only !== undefined ? { only: config.only } : {}),
    iterations: config.iterations,
    elapsedMs,
    perSecond: (config.iterations * 1000) / elapsedMs,
    ok: counts.ok,
    withErrors: counts.errors,
    throws: counts.throws,
    hangs: counts.hangs,
    unlocated: counts.unlocated,
    otherFailures: counts.other,
    determinismChecked: counts.det,
    nondeterministic: counts.nondet,
    tscChecked: counts.tscChecked,
    tscFailed: counts.tscFailed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    buckets: list,
    slowestMs: slowest,
  };
}

/** tsc quotes names in single quotes, and a name may hold quotes: all from the first quote to the last goes. */
function tscSignature(e: TscError): string {
  return `tsc ${e.code} ${normalise(e.message.replace(/'.*'/g, "…"))}`;
}

let seedsCache: { key: string; seeds: ReturnType<typeof loadSeeds> } | undefined;
function loadSeedsOnce(graphWeight: number, only?: string): ReturnType<typeof loadSeeds> {
  const key = `${graphWeight}\0${only ?? ""}`;
  if (seedsCache?.key !== key) seedsCache = { key, seeds: loadSeeds(graphWeight, only) };
  return seedsCache.seeds;
}

/** The bucket's smallest mutant, minimised while it keeps failing with the same signature. */
async function minimiseBucket(b: Bucket, pool: Pool, config: RunConfig, tscRoot: string): Promise<string> {
  const mutant = makeMutant(loadSeedsOnce(config.graphWeight, config.only), config.seed, b.smallest.iteration);
  const isTsc = b.kind === "tsc";
  let n = 0;
  const fails = async (text: string): Promise<boolean> => {
    const tscDir = isTsc ? join(tscRoot, `min-${b.smallest.iteration}-${n++}`) : undefined;
    const r = await pool.run({ kind: "text", text, encoding: mutant.encoding, mode: mutant.mode, valid: mutant.valid, ...(tscDir !== undefined ? { tscDir } : {}) });
    if (!r.outcome) return false;
    if (!isTsc) return r.outcome.failures.some((f) => f.signature === b.signature);
    if (r.outcome.tscDir === undefined) return false;
    const errors = (await typecheckFolders(tscRoot, [r.outcome.tscDir])).get(r.outcome.tscDir) ?? [];
    rmSync(r.outcome.tscDir, { recursive: true, force: true });
    return errors.some((e) => tscSignature(e) === b.signature);
  };
  return minimise(mutant.text, fails, { tests: isTsc ? Math.min(80, config.minimiseTests) : config.minimiseTests });
}

/** Replays one iteration: the mutant's text, how it was made, and its outcome. */
export async function replay(seed: number, iteration: number, graphWeight: number, timeoutMs: number, only?: string): Promise<{ text: string; bytes: Buffer; result: JobResult; ops: readonly string[]; seedName: string }> {
  const mutant = makeMutant(loadSeedsOnce(graphWeight, only), seed, iteration);
  const root = mkdtempSync(join(tmpdir(), "codegen-fuzz-"));
  const pool = new Pool(1, { seed, graphWeight, ...(only !== undefined ? { only } : {}) }, root, timeoutMs);
  try {
    const result = await pool.run({ kind: "iteration", iteration, determinism: true });
    return { text: mutant.text, bytes: encode(mutant.text, mutant.encoding), result, ops: mutant.ops, seedName: mutant.seedName };
  } finally {
    await pool.close();
    rmSync(root, { recursive: true, force: true });
  }
}
