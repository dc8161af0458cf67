/** The text of a run's report: the figures, then each distinct failure with its repro. */
import type { Bucket, RunReport } from "./runner.js";

export function formatReport(r: RunReport): string {
  const lines = [
    `seed ${r.seed}: ${r.iterations} iterations in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.perSecond.toFixed(1)} iterations/s`,
    `  generated ${r.ok}, refused with errors ${r.withErrors}, threw ${r.throws}, hung ${r.hangs}`,
    `  mutants with an unlocated diagnostic ${r.unlocated}; with another failure (file names, raw bidi, invalid CSDL accepted, valid CSDL refused, inconsistent, memory) ${r.otherFailures}`,
    `  determinism: ${r.nondeterministic} of ${r.determinismChecked} generated twice differed`,
    `  tsc (TypeScript 7): ${r.tscFailed} of ${r.tscChecked} sampled successful mutants failed`,
    `  slowest generate ${r.slowestMs.toFixed(0)} ms; peak RSS ${r.peakRssMb.toFixed(0)} MiB (this process and its workers)`,
    `${r.buckets.length} distinct failure(s)${r.buckets.length > 0 ? ":" : ""}`,
  ];
  for (const b of r.buckets) lines.push("", ...formatBucket(b, r.seed, r.only));
  return lines.join("\n");
}

export function formatBucket(b: Bucket, seed: number, only?: string): string[] {
  const s = b.smallest;
  const out = [
    `[${b.kind}] ${b.signature}  (${b.count}×)`,
    `  replay: npm run fuzz -- --seed ${seed}${only !== undefined ? ` --only ${only}` : ""} --replay ${s.iteration}   (${s.seedName}, ${s.mode}, ${s.encoding}; ${s.ops.join(" | ") || "no mutation"})`,
    ...b.detail
      .split("\n")
      .slice(0, 6)
      .map((l) => `  ${l.slice(0, 300)}`),
  ];
  if (b.minimised !== undefined) {
    out.push(`  minimised (${b.minimised.length} chars):`);
    const text = b.minimised.length > 3000 ? `${b.minimised.slice(0, 3000)}\n…` : b.minimised;
    out.push(...text.split("\n").map((l) => `    ${l}`));
  }
  return out;
}
