/**
 * A fuzz worker (worker_threads): makes the mutant of (seed, iteration), or takes given bytes, and runs the oracle.
 * The runner ends a worker that takes too long (a hang) and starts another.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadSeeds } from "./corpus.js";
import { encode, makeMutant, type Encoding } from "./mutate.js";
import { runOracle } from "./oracle.js";

export interface WorkerInit {
  readonly seed: number;
  readonly graphWeight: number;
  readonly only?: string;
  readonly workDir: string;
}

export type Job =
  | { readonly kind: "iteration"; readonly iteration: number; readonly determinism: boolean; readonly tscDir?: string }
  | { readonly kind: "text"; readonly text: string; readonly encoding: Encoding; readonly mode: "package" | "sources"; readonly valid?: boolean; readonly tscDir?: string };

const init = workerData as WorkerInit;
const seeds = loadSeeds(init.graphWeight, init.only);

parentPort!.on("message", (msg: { id: number; job: Job }) => {
  void (async () => {
    const { job } = msg;
    const mutant = job.kind === "iteration" ? makeMutant(seeds, init.seed, job.iteration) : undefined;
    const text = mutant?.text ?? (job as { text: string }).text;
    const encoding = mutant?.encoding ?? (job as { encoding: Encoding }).encoding;
    const mode = mutant?.mode ?? (job as { mode: "package" | "sources" }).mode;
    const outcome = await runOracle(encode(text, encoding), {
      workDir: init.workDir,
      mode,
      encoding,
      determinism: job.kind === "iteration" && job.determinism,
      valid: mutant?.valid ?? (job as { valid?: boolean }).valid ?? false,
      ...(job.tscDir !== undefined ? { tscDir: job.tscDir } : {}),
    });
    parentPort!.postMessage({ id: msg.id, outcome, size: text.length, ...(mutant ? { seedName: mutant.seedName, ops: mutant.ops, mode, encoding } : {}) });
  })().catch((e: unknown) => {
    // runOracle catches generate()'s throws; anything here is the harness's own failure.
    parentPort!.postMessage({ id: msg.id, harnessError: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  });
});

parentPort!.postMessage("ready");
