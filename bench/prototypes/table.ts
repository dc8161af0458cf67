// Turns measure.ts's JSON (stdin or a file) into the Markdown table of the design note.
// Usage: npx tsx bench/prototypes/table.ts /tmp/proto/results.json
import { readFileSync } from "node:fs";

interface Tsc { wall: number; cpu: number; files?: number; errors: number; parse?: number; bind?: number; check?: number }
interface Row { shape: string; sourceMB?: number; sourceFiles?: number; dtsMB?: number; dtsFiles?: number; consumer_ts59: Tsc; consumer_ts7: Tsc; bundle: { minKB: number; gzKB: number }; wholeTs59?: Tsc; load: number[] }
const rows = JSON.parse(readFileSync(process.argv[2] ?? 0, "utf8")) as Row[];
const ref = rows.find((r) => r.shape === "R");
const f = (n: number | undefined, d = 2): string => (n === undefined ? "–" : n.toFixed(d));
const ratio = (a: number, b: number | undefined): string => (b ? ` (${(a / b).toFixed(2)}×)` : "");
const NAMES: Record<string, string> = {
  A: "A. today's client (baseline)",
  B: "B. A rolled up: one module per version",
  C: "C. function style, types-only path descriptors",
  D: "D. the contract: Proxy node + types-only nodes + wire table",
  D2: "D2. D, one-line docs, `select` derived by a type",
  D3: "D3. D2 without any doc comment (cost probe only)",
  D4: "D4. D3 + enums as unions, one cast map per type (token probe)",
  R: "R. types-only route: graph-client + graph-types",
};
console.log("| shape | bundle min / min+gz | consumer TS 5.9 wall / CPU | consumer TS 7 wall / CPU | files loaded | declarations (.d.ts) | output .ts | `tsc --noEmit` whole output, TS 5.9, wall / CPU | load avg |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const c5 = r.consumer_ts59;
  const c7 = r.consumer_ts7;
  console.log(
    `| ${NAMES[r.shape] ?? r.shape} | ${f(r.bundle.minKB, 1)} KB / **${f(r.bundle.gzKB, 1)} KB** | ${f(c5.wall)} s / **${f(c5.cpu)} s**${ratio(c5.cpu, ref?.consumer_ts59.cpu)} | ${f(c7.wall)} s / **${f(c7.cpu)} s**${ratio(c7.cpu, ref?.consumer_ts7.cpu)} | ${c5.files ?? "–"} | ${r.dtsMB === undefined ? "–" : `${f(r.dtsMB)} MB, ${r.dtsFiles} files`} | ${r.sourceMB === undefined ? "–" : `${f(r.sourceMB)} MB, ${r.sourceFiles} files`} | ${r.wholeTs59 ? `${f(r.wholeTs59.wall)} s / ${f(r.wholeTs59.cpu)} s` : "–"} | ${r.load.join("→")} |`,
  );
}
console.log("\nFirst run's phase split (--extendedDiagnostics), consumer check: parse / bind / check seconds");
console.log("\n| shape | TS 5.9 | TS 7 | errors (5.9 / 7) |\n|---|---|---|---|");
for (const r of rows) {
  const p = (t: Tsc): string => `${f(t.parse)} / ${f(t.bind)} / ${f(t.check)}`;
  console.log(`| ${r.shape} | ${p(r.consumer_ts59)} | ${p(r.consumer_ts7)} | ${r.consumer_ts59.errors} / ${r.consumer_ts7.errors} |`);
}
