/**
 * `npm run fuzz -- [options]`: a long fuzz run over the corpus, or the replay of one iteration.
 *
 *   --iterations, -n   iterations (default 2000)
 *   --seed, -s         the run's seed (default 1)
 *   --workers, -w      worker threads (default 2)
 *   --tsc              successful mutants to type-check with TypeScript 7, about (default 100; 0: none)
 *   --determinism      generate every k-th mutant twice and compare (default 25; 0: never)
 *   --timeout          ms after which one generation is a hang (default 30000)
 *   --graph            weight of Microsoft Graph's 3.4 MB document among the seeds (default 0; the others weigh 0.5-3)
 *   --only TEXT        only the seeds whose name holds TEXT (e.g. fixtures, travel, v2.0)
 *   --minimise         candidate tests per distinct failure for the minimiser (default 300, tsc failures at most 80; 0: off)
 *   --replay N         print iteration N of the seed: how it was made, its text (or --write FILE), its outcome
 *   --json FILE        also write the report as JSON
 * Exit code: 0 when no failure was found, 1 otherwise.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatReport } from "./report.js";
import { fuzz, replay } from "./runner.js";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", short: "n", default: "2000" },
    seed: { type: "string", short: "s", default: "1" },
    workers: { type: "string", short: "w", default: "2" },
    tsc: { type: "string", default: "100" },
    determinism: { type: "string", default: "25" },
    timeout: { type: "string", default: "30000" },
    graph: { type: "string", default: "0" },
    minimise: { type: "string", default: "300" },
    only: { type: "string" },
    replay: { type: "string" },
    write: { type: "string" },
    json: { type: "string" },
  },
});

function int(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a number >= 0, not ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return n;
}

const seed = int("seed", values.seed);
const graphWeight = int("graph", values.graph);
const timeoutMs = int("timeout", values.timeout);

if (values.replay !== undefined) {
  const r = await replay(seed, int("replay", values.replay), graphWeight, timeoutMs, values.only);
  process.stdout.write(`seed document: ${r.seedName}\nmutations: ${r.ops.join(" | ") || "none"}\n`);
  if (values.write !== undefined) {
    writeFileSync(values.write, r.bytes);
    process.stdout.write(`mutant written to ${values.write} (${r.bytes.length} bytes)\n`);
  } else process.stdout.write(`--- mutant (${r.text.length} chars) ---\n${r.text.length > 20000 ? `${r.text.slice(0, 20000)}\n…` : r.text}\n---\n`);
  process.stdout.write(`${JSON.stringify(r.result.outcome ?? r.result, null, 2)}\n`);
  process.exit(0);
}

const report = await fuzz({
  seed,
  iterations: int("iterations", values.iterations),
  workers: Math.max(1, int("workers", values.workers)),
  tscSample: int("tsc", values.tsc),
  determinismEvery: int("determinism", values.determinism),
  timeoutMs,
  graphWeight,
  ...(values.only !== undefined ? { only: values.only } : {}),
  minimiseTests: int("minimise", values.minimise),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${formatReport(report)}\n`);
if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2));
process.exit(report.buckets.length > 0 ? 1 : 0);
