/**
 * Hostile names and strings from the metadata never become code: a document
 * full of reserved words, quotes, comment terminators and case-only clashes
 * generates a client that type-checks, in which every injected payload sits
 * inside a string literal or a comment.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { REPO } from "../helpers/paths.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const out = mkdtempSync(join(tmpdir(), "codegen-hostile-"));
let result: GenerateResult;

beforeAll(async () => {
  result = await generate({ inputs: [{ label: "x", source: join(REPO, "test/fixtures/hostile-names.xml"), baseUrl: "https://example.test/svc*/ globalThis.pwned = 9; /*" }] });
  if (result.files.length > 0) await writeOutput(out, result.files);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";

describe("untrusted names", () => {
  it("generates with no errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("type-checks in memory (ts-morph's TypeScript)", { timeout: 120_000 }, () => {
    expect(typecheckInMemory(result.files)).toEqual([]);
  });

  it("has an in-memory check that can fail", () => {
    expect(typecheckInMemory([{ path: "x/bad.ts", text: 'export const a: number = "s";' }]).join("\n")).toContain("not assignable");
  });

  it("type-checks with tsc 5.9", { timeout: 120_000 }, () => {
    let output = "";
    try {
      execFileSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(out, "tsconfig.json")], { stdio: "pipe" });
    } catch (e) {
      output = String((e as { stdout?: Buffer }).stdout ?? e);
    }
    expect(output).toBe("");
  });

  it("keeps every payload inside a string or a comment", () => {
    for (const f of result.files.filter((x) => x.path.endsWith(".ts") && !x.path.startsWith("runtime/"))) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, f.text);
      const code: string[] = [];
      for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) code.push(scanner.getTokenText());
      // `pwned` may only ever appear inside string literals and comments, which the scanner skipped or kept whole.
      expect(code.filter((t) => t === "pwned" || t === "globalThis"), f.path).toEqual([]);
    }
  });

  it("keeps an enum member named __proto__ as a value, under a key that leaves the object's prototype alone", async () => {
    const mod = (await import(join(out, "x/models.ts"))) as { Color: Record<string, string> };
    expect(Object.keys(mod.Color)).toEqual(["Red", 'x"; globalThis.pwned = 1; //', "__proto___"]);
    expect(Object.values(mod.Color)).toEqual(["Red", 'x"; globalThis.pwned = 1; //', "__proto__"]);
    expect(Object.getPrototypeOf(mod.Color)).toBe(Object.prototype);
  });

  it("escapes doc text so it cannot close the comment", () => {
    expect(file("x/models.ts")).toContain("Closes the comment *\\/ globalThis.pwned = 3;");
    expect(file("x/nodes.ts")).toContain("/** Singleton other*\\/ globalThis.pwned = 8; /*: GET, PATCH …/other*\\/ globalThis.pwned = 8; /* */");
    expect(file("x/client.ts")).toContain("(base URL https://example.test/svc*\\/ globalThis.pwned = 9; /*)");
  });

  it("prints names with control characters escaped in diagnostics", () => {
    const d = formatDiagnostic({ severity: "error", code: "c", message: "name\nfake: error\u001b[2J", file: "f.xml", line: 1, column: 2, path: "Schema[a\u2028b]" });
    expect(d).toBe("f.xml:1:2: error c: name\\u000afake: error\\u001b[2J\n    at Schema[a\\u2028b]");
  });

  it("prints a path whose names are megabytes long cut", () => {
    const d = formatDiagnostic({ severity: "warning", code: "c", message: "m", file: "f.xml", path: `Schema[NS]/ComplexType[${"z".repeat(2_000_000)}]/Property[P]` });
    expect(d).toBe(`f.xml: warning c: m\n    at Schema[NS]/ComplexType[${"z".repeat(79)}…]/Property[P]`);
  });

  it("shows bidi, zero-width and other invisible characters in a diagnostic escaped", () => {
    const d = formatDiagnostic({ severity: "error", code: "c", message: "Co\u202elor \u200b\u2066x\u{e0001}", file: "f\u00a0.xml", path: "Schema[\ufeffN]" });
    expect(d).toBe("f\u00a0.xml: error c: Co\\u202elor \\u200b\\u2066x\\u{e0001}\n    at Schema[\\ufeffN]");
  });

  it("keeps wire names as JSON keys and quotes the odd ones", () => {
    const models = file("x/models.ts");
    const promise = models.slice(models.indexOf("export interface Promise_ "));
    expect(promise).toContain('"a-b"?: number;');
    expect(promise).toContain("__proto__?: string | null;");
    expect(promise).toContain("then?: string | null;");
    const color = models.slice(models.indexOf("export const Color "));
    expect(color).toContain(`'x"; globalThis.pwned = 1; //': 'x"; globalThis.pwned = 1; //'`);
    // A key named __proto__ would shadow the object's prototype accessor: it takes an underscore (enumMemberKey).
    expect(color).toContain('__proto___: "__proto__"');
  });

  it("settles case-only clashes and reserved names deterministically", () => {
    const models = file("x/models.ts");
    for (const name of ["Thing", "Thing2", "Path_", "Promise_"]) expect(models).toContain(`export interface ${name} `);
    const nodes = file("x/nodes.ts");
    // Reserved words and the object protocol take an underscore; a verb's name only where its interface has the verb:
    // byId is a collection's verb, so an entity's navigation keeps it (the runtime runs a verb only when it is called).
    expect(nodes).toContain("readonly get_: Thing2Collection;");
    expect(nodes).toContain("readonly delete_: ThingNode;");
    expect(nodes).toContain("readonly byId: ThingCollection;");
    expect(file("x/client.ts")).not.toContain("byId_");
    expect(nodes).toContain("readonly then_: ");
    expect(nodes).toContain("readonly constructor_: ThingCollection;");
    expect(nodes).toContain('readonly ctx: Restrict<ThingNode, "delete">;');
    // The wire table maps each renamed member back to its wire name, as a string literal.
    const client = file("x/client.ts");
    expect(client).toContain('    then_: "then",\n');
    expect(client).toContain('    constructor_: "constructor",\n');
    expect(client).toContain('    nav___globalThis_pwned___7____: "nav*/ globalThis.pwned = 7; /*",\n');
  });
});
