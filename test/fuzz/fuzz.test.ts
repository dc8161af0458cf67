// The fixed-seed fuzz run of `npm test`: a bounded number of mutants of the corpus (count-bounded, so the same
// mutants every time), through generate() in terminable workers. Each oracle is its own assertion, and a failing
// one prints every distinct failure with the command that replays it. `npm run fuzz` runs the same fuzzer for longer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzApi } from "./api.js";
import { formatBucket } from "./report.js";
import { fuzz, type Bucket, type RunReport } from "./runner.js";

/** About 60 s of wall time on two cores. */
const CONFIG = {
  seed: 20261204,
  iterations: 720,
  workers: 2,
  tscSample: 40,
  tscOversample: 2.8, // about two in five of these mutants succeed
  determinismEvery: 15,
  timeoutMs: 30_000,
  graphWeight: 0,
  minimiseTests: 0,
} as const;

let report: RunReport;

beforeAll(async () => {
  report = await fuzz(CONFIG);
}, 600_000);

afterAll(() => {
  if (report) process.stderr.write(`fuzz: ${report.iterations} mutants, ${report.perSecond.toFixed(1)}/s, ${report.ok} generated, ${report.withErrors} refused, ${report.tscChecked} type-checked\n`);
});

function show(kinds: readonly Bucket["kind"][]): string {
  return report.buckets
    .filter((b) => kinds.includes(b.kind))
    .map((b) => formatBucket(b, report.seed).join("\n"))
    .join("\n\n");
}

describe(`fuzz: ${CONFIG.iterations} mutants of seed ${CONFIG.seed}`, () => {
  it("ran every iteration, without a failure of the harness itself", () => {
    expect(report.ok + report.withErrors + report.throws + report.hangs + report.buckets.filter((b) => b.kind === "harness" || b.kind === "memory").reduce((n, b) => n + b.count, 0)).toBe(CONFIG.iterations);
    expect(show(["harness"])).toBe("");
    // The mutants are not all refused, nor all accepted: the oracle sees both sides.
    expect(report.ok).toBeGreaterThan(CONFIG.iterations / 5);
    expect(report.withErrors).toBeGreaterThan(CONFIG.iterations / 5);
  });

  it("generate() never throws", () => {
    expect(show(["throw"])).toBe("");
    expect(report.throws).toBe(0);
  });

  it("generate() never hangs nor runs out of memory", () => {
    expect(show(["hang", "memory"])).toBe("");
    expect(report.hangs).toBe(0);
  });

  it("every diagnostic is located: file, line, column inside the document, and the CSDL path at an element", () => {
    expect(show(["unlocated"])).toBe("");
    expect(report.unlocated).toBe(0);
  });

  it("a refusal has no files, a success has files; output paths stay within file-system limits", () => {
    expect(show(["inconsistent", "file-name"])).toBe("");
  });

  it("no bidi control or zero-width character reaches the generated TypeScript raw", () => {
    expect(show(["raw-bidi"])).toBe("");
  });

  it("what CSDL forbids (names, namespaces, Version, a second container) is refused, not generated", () => {
    expect(show(["accepted"])).toBe("");
  });

  it("a document that is valid CSDL by construction generates", () => {
    expect(show(["refused"])).toBe("");
  });

  it("the same bytes give the same files", () => {
    expect(report.determinismChecked).toBeGreaterThanOrEqual(CONFIG.iterations / CONFIG.determinismEvery);
    expect(show(["nondeterministic"])).toBe("");
  });

  it("a sample of the successful mutants type-checks under TypeScript 7 with zero errors", () => {
    // The sample is not allowed to shrink to nothing unnoticed.
    expect(report.tscChecked).toBeGreaterThanOrEqual(CONFIG.tscSample / 2);
    expect(show(["tsc"])).toBe("");
    expect(report.tscFailed).toBe(0);
  });
});

describe("fuzz: the API and the CLI with bad arguments (fast-check, fixed seed)", () => {
  it("generate() resolves with diagnostics for options of any shape; codegen exits 0-3 without a stack trace", async () => {
    expect((await fuzzApi(CONFIG.seed, 40)).join("\n\n")).toBe("");
  }, 120_000);
});
