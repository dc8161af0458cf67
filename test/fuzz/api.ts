/**
 * The generator's API and CLI with bad arguments, by fast-check: `generate()` with options of any shape must
 * resolve (bad arguments are diagnostics, never a TypeError), and `main()` with odd flags must return one of the
 * documented exit codes (0-3) without printing a stack trace. Both in-process, so a throw is caught and shrunk.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate, type GenerateOptions } from "../../generator/index.js";
import { main } from "../../generator/cli/main.js";
import { REPO } from "./corpus.js";

const TRAVEL = join(REPO, "test", "fixtures", "travel.xml");

const oddString = fc.oneof(
  fc.constantFrom("", " ", "..", "../x", "/", "v1", "v2.0", "runtime", "node_modules", "dist", "a\u0000b", "\u202Ex", "x".repeat(300), "toString", "__proto__", "constructor", "http://127.0.0.1:1/$metadata", "file:///etc/passwd", TRAVEL),
  fc.string({ maxLength: 20 }),
);
const oddValue = fc.oneof(oddString, fc.constantFrom(null, undefined, 0, -1, Number.NaN, Infinity, true, false, [], {}, [null], { toString: 1 }), fc.anything({ maxDepth: 2 }));

/** An input: mostly the right shape with odd fields, sometimes anything at all. */
const input = fc.oneof(
  { weight: 3, arbitrary: fc.record({ label: fc.oneof(oddString, oddValue), source: fc.oneof(fc.constant(TRAVEL), oddString, oddValue) }, { requiredKeys: ["label", "source"] }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { label: oddString, source: fc.constant(TRAVEL), baseUrl: oddValue, headers: oddValue, timeoutMs: oddValue },
      { requiredKeys: ["label", "source"] },
    ),
  },
  { weight: 1, arbitrary: oddValue },
);

export const optionsArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        inputs: fc.oneof(fc.array(input, { maxLength: 3 }), oddValue),
        mode: fc.oneof(fc.constantFrom("package", "sources", "other", ""), oddValue),
        packageName: oddValue,
        packageVersion: oddValue,
        package: fc.oneof(fc.record({ name: oddValue, version: oddValue, license: oddValue, engines: oddValue }, { requiredKeys: [] }), oddValue),
        client: fc.oneof(fc.record({ keyStyle: oddValue, headers: oddValue }, { requiredKeys: [] }), oddValue),
        definitions: oddValue,
        definitionsFile: oddValue,
        format: oddValue,
      },
      { requiredKeys: ["inputs"] },
    ),
  },
  { weight: 1, arbitrary: oddValue },
);

/** The property for generate(): it resolves to diagnostics and files, and a diagnostic names a file. */
export async function generateHolds(options: unknown): Promise<void> {
  let result;
  try {
    result = await generate(options as GenerateOptions);
  } catch (e) {
    throw new Error(`generate() threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  if (!Array.isArray(result.diagnostics) || !Array.isArray(result.files)) throw new Error("generate() gave no diagnostics or files list");
  for (const d of result.diagnostics) if (typeof d.file !== "string") throw new Error(`a diagnostic without a file: ${JSON.stringify(d)}`);
}

const FLAG_VALUES = fc.oneof(
  fc.constantFrom("", "=", "a=b=c", "v1=", "=x", "-", "--", "x".repeat(300), "\u202E", "a\u0000b", "1e309", "-1", "NaN", "0", "Name: v", ":", "A: b\r\nc", "x-y:", "package", "sources", "../out", "/dev/null", "travel.xml", "v1=travel.xml", "v1=http://127.0.0.1:1/$metadata", "missing.xml", "codegen.config.json", "toString", "__proto__"),
  fc.string({ maxLength: 12 }),
);
const FLAGS = ["-m", "--metadata", "-o", "--out", "-c", "--config", "--mode", "--package-name", "--package-version", "-H", "--header", "--timeout", "--check", "--silence", "--quiet", "-q", "--verbose", "--version", "-v", "--help", "-h", "--no-check", "--unknown", "-x", "--metadata=", "--out=", "--", "---m"];

export const argsArbitrary: fc.Arbitrary<string[]> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FLAGS) }, { weight: 2, arbitrary: FLAG_VALUES }), { minLength: 0, maxLength: 6 })
  .map((args) => args.map((a) => (a === "--metadata=" || a === "--out=" ? `${a}v1=travel.xml` : a)));

/**
 * The property for the CLI: `main(args)` in a fresh folder holding travel.xml returns 0, 1, 2 or 3 and prints no
 * stack trace. (--watch is left out: it does not return.)
 */
export async function cliHolds(args: readonly string[]): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), "codegen-fuzz-cli-"));
  mkdirSync(join(cwd, "metadata"));
  copyFileSync(TRAVEL, join(cwd, "travel.xml"));
  copyFileSync(TRAVEL, join(cwd, "metadata", "v1.xml"));
  const printed: string[] = [];
  const console = { out: (l: string) => void printed.push(l), err: (l: string) => void printed.push(l) };
  try {
    let code: number;
    try {
      code = await main(args, cwd, { console, env: {} });
    } catch (e) {
      throw new Error(`codegen ${JSON.stringify(args)} threw (exit 70): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    if (![0, 1, 2, 3].includes(code)) throw new Error(`codegen ${JSON.stringify(args)} exited ${code}`);
    const trace = printed.find((l) => /\n\s+at .+:\d+:\d+\)?/.test(l) || /^\s+at .+:\d+:\d+\)?$/.test(l));
    if (trace !== undefined) throw new Error(`codegen ${JSON.stringify(args)} printed a stack trace: ${trace.slice(0, 300)}`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * The properties, one per class of bad argument, so that one shrunk counterexample does not hide the others.
 */
export const API_PROPERTIES: readonly (readonly [string, fc.IAsyncProperty<[unknown]>])[] = [
  ["generate() with options that are not an object", fc.asyncProperty(oddValue.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)), generateHolds)],
  ["generate() with inputs that are not a list", fc.asyncProperty(oddValue.filter((v) => !Array.isArray(v)).map((inputs) => ({ inputs })), generateHolds)],
  ["generate() with an input that is not an object", fc.asyncProperty(fc.array(oddValue.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)), { minLength: 1, maxLength: 2 }).map((inputs) => ({ inputs })), generateHolds)],
  ["generate() with inputs of odd fields", fc.asyncProperty(fc.array(input.filter((v) => typeof v === "object" && v !== null && !Array.isArray(v)), { minLength: 1, maxLength: 3 }).map((inputs) => ({ inputs })), generateHolds)],
  ["generate() with odd options", fc.asyncProperty(optionsArbitrary.filter((v) => typeof v === "object" && v !== null && Array.isArray((v as { inputs?: unknown }).inputs) && ((v as { inputs: unknown[] }).inputs).every((i) => typeof i === "object" && i !== null)), generateHolds)],
  ["codegen with odd flags", fc.asyncProperty(argsArbitrary.filter((a) => !a.includes("-w") && !a.includes("--watch")), (a) => cliHolds(a as string[])) as fc.IAsyncProperty<[unknown]>],
];

/** Runs every property; returns the reports of those that failed (empty when all hold). */
export async function fuzzApi(seed: number, runs: number): Promise<string[]> {
  const failures: string[] = [];
  for (const [name, property] of API_PROPERTIES) {
    const out = await fc.check(property, { seed, numRuns: runs });
    if (out.failed) {
      const error = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
      failures.push(`${name}: counterexample ${fc.stringify(out.counterexample)} (seed ${seed}, path ${out.counterexamplePath ?? "?"}): ${error}`);
    }
  }
  return failures;
}
