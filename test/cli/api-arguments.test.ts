/**
 * The API as exported from generator/index.ts, called with arguments of the wrong shape in every position: generate()
 * answers with invalid-option diagnostics, the output functions throw InvalidArgumentError; never a TypeError, and
 * nothing is written.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFolder, diffOutput, generate, InvalidArgumentError, writeOutput } from "../../generator/index.js";
import { METADATA } from "../helpers/paths.js";
import { tempDir } from "./helpers.js";

const V1 = join(METADATA, "v1.0.xml");
const GOOD = { label: "v1.0", source: V1 };
/** Values of the wrong shape for nearly any position. */
const show = (v: unknown): string => (typeof v === "bigint" || typeof v === "symbol" || typeof v === "function" ? String(v) : JSON.stringify(v));
const ODD: readonly unknown[] = [null, 0, 42, -1, Number.NaN, "", "x", true, [], [1], {}, { a: 1 }, () => 1, Symbol("s"), 10n];

async function settle(options: unknown) {
  // A TypeError (or any throw) fails the test here: generate must resolve.
  return generate(options as Parameters<typeof generate>[0]);
}

function expectInvalid(result: Awaited<ReturnType<typeof generate>>, what: string): void {
  expect(result.files, what).toEqual([]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.length, what).toBeGreaterThan(0);
  for (const d of errors) {
    expect(typeof d.file, what).toBe("string");
    expect(typeof d.message, what).toBe("string");
  }
}

describe("generate() with arguments of the wrong shape", () => {
  it("the options themselves: undefined, null, numbers, strings, arrays, functions", async () => {
    for (const options of [undefined, ...ODD]) {
      const r = await settle(options);
      expectInvalid(r, String(typeof options === "symbol" ? "symbol" : typeof options === "bigint" ? "bigint" : JSON.stringify(options)));
      expect(r.diagnostics[0]).toMatchObject({ code: "invalid-option", file: "options" });
    }
  });

  it("inputs, and each input, and each field of an input", async () => {
    for (const inputs of [undefined, ...ODD.filter((v) => !(Array.isArray(v) && v.length === 1))]) {
      expectInvalid(await settle({ inputs }), `inputs: ${String(inputs)}`);
    }
    for (const input of [undefined, ...ODD]) {
      expectInvalid(await settle({ inputs: [input] }), `inputs[0]: ${String(input)}`);
      expectInvalid(await settle({ inputs: [GOOD, input] }), `inputs[1]: ${String(input)}`);
    }
    for (const field of ["label", "source", "baseUrl", "headers", "timeoutMs"] as const) {
      for (const value of ODD) {
        // Some odd values are right for some fields (a string for baseUrl, an object for headers).
        if (field === "baseUrl" && typeof value === "string") continue;
        if (field === "label" && typeof value === "string" && value !== "") continue;
        if (field === "headers" && typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((x) => typeof x === "string")) continue;
        if (field === "timeoutMs" && typeof value === "number" && value > 0) continue;
        const r = await settle({ inputs: [{ ...GOOD, [field]: value }] });
        expectInvalid(r, `inputs[0].${field}: ${String(value)}`);
      }
    }
    expect((await settle({ inputs: [null] })).diagnostics).toEqual([
      { severity: "error", code: "invalid-option", message: "inputs[0] must be an object, not null", file: "options" },
    ]);
  });

  it("every other option", async () => {
    const accepts: Record<string, (v: unknown) => boolean> = {
      mode: () => false,
      format: (v) => typeof v === "boolean",
      definitionsFile: (v) => typeof v === "string",
      packageName: (v) => typeof v === "string",
      packageVersion: (v) => typeof v === "string",
      fetch: (v) => typeof v === "function",
      onStage: (v) => typeof v === "function",
      maxMetadataSize: (v) => typeof v === "number" && Number.isSafeInteger(v) && v > 0,
      definitions: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
      package: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
      client: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
      formatCache: () => false,
      runCache: () => false,
    };
    for (const [key, ok] of Object.entries(accepts)) {
      for (const value of ODD) {
        if (ok(value)) continue;
        const r = await settle({ inputs: [GOOD], format: false, [key]: value });
        expectInvalid(r, `${key}: ${String(value)}`);
        expect(r.diagnostics.some((d) => d.code === "invalid-option" && d.message.startsWith(key)), `${key}: ${String(value)}`).toBe(true);
      }
    }
    for (const [key, value] of [
      ["package", { name: 1 }],
      ["package", { engines: { node: 20 } }],
      ["client", { headers: { "X-A": 1 } }],
      ["client", { headers: [] }],
      ["definitions", { extensions: { e: null } }],
      ["definitions", { extendedProperties: { p: 5 } }],
      ["runCache", { models: new Map(), pieces: new Map() }],
      ["maxMetadataSize", "12 parsecs"],
      ["maxMetadataSize", 0],
    ] as const) {
      expectInvalid(await settle({ inputs: [GOOD], format: false, [key]: value }), `${key}: ${JSON.stringify(value)}`);
    }
  });

  it("the fuzzer's cases (fuzz-findings F9)", async () => {
    for (const options of [[], { inputs: null }, { inputs: [""] }, { inputs: [{ label: "", source: V1, baseUrl: 0 }] }, { inputs: [], packageVersion: null, definitionsFile: false }]) {
      expectInvalid(await settle(options), JSON.stringify(options));
    }
  });

  it("well-shaped options still generate, and maxMetadataSize takes words", async () => {
    const r = await settle({ inputs: [GOOD], format: false, maxMetadataSize: "50MB", onStage: () => undefined });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.files.length).toBeGreaterThan(10);
    const small = await settle({ inputs: [GOOD], format: false, maxMetadataSize: 1000 });
    expect(small.diagnostics).toMatchObject([{ code: "load-too-large", file: V1 }]);
  });
});

describe("writeOutput, diffOutput, checkOutputFolder with arguments of the wrong shape", () => {
  const files = [{ path: "a.ts", text: "export {};\n" }];

  it("throw InvalidArgumentError (not a TypeError), naming the argument, and write nothing", async () => {
    const root = tempDir();
    const out = join(root, "out");
    const calls: [string, () => unknown][] = [];
    for (const dir of [undefined, ...ODD.filter((v) => v !== "x")]) {
      calls.push([`writeOutput(${String(dir)})`, () => writeOutput(dir as string, files)]);
      calls.push([`diffOutput(${String(dir)})`, () => diffOutput(dir as string, files)]);
      calls.push([`checkOutputFolder(${String(dir)})`, () => checkOutputFolder(dir as string, files)]);
    }
    for (const f of [undefined, ...ODD.filter((v) => !Array.isArray(v) || v.length > 0), [null], [{ path: 1, text: "" }], [{ path: "a", text: null }], [{ path: "" , text: "" }]]) {
      calls.push([`writeOutput(files ${show(f)})`, () => writeOutput(out, f as never)]);
      calls.push([`diffOutput(files ${show(f)})`, () => diffOutput(out, f as never)]);
      calls.push([`checkOutputFolder(files ${show(f)})`, () => checkOutputFolder(out, f as never)]);
    }
    calls.push(["checkOutputFolder({ isPackage: 1 })", () => checkOutputFolder(out, { isPackage: 1 } as never)]);
    for (const memory of [null, 1, "m", [], { files: 1, dirs: new Map() }, { files: { get() {}, set() {}, clear() {} }, dirs: new Map() }]) {
      calls.push([`writeOutput(memory ${show(memory)})`, () => writeOutput(out, files, memory as never)]);
    }
    for (const [what, call] of calls) {
      let thrown: unknown;
      try {
        await call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, what).toBeInstanceOf(InvalidArgumentError);
      expect(thrown, what).not.toBeInstanceOf(TypeError);
      expect((thrown as InvalidArgumentError).code).toBe("invalid-argument");
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it("well-shaped arguments still write, diff and check", async () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    expect(await writeOutput(out, files)).toMatchObject({ added: expect.arrayContaining(["a.ts"]) });
    expect(await diffOutput(out, files)).toMatchObject({ added: [], changed: [], removed: [] });
    expect(() => checkOutputFolder(out, files)).not.toThrow();
    expect(() => checkOutputFolder(out, { isPackage: false })).not.toThrow();
  });
});
