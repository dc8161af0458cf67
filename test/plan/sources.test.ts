// Sources mode: only the client's TypeScript, laid out by the number of inputs; imports computed from the layout.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generate, type GenerateOptions } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const V1 = { label: "v1.0", source: "metadata/v1.0.xml" };
const V2 = { label: "v2.0", source: "metadata/v2.0.xml" };

async function files(options: GenerateOptions): Promise<Map<string, string>> {
  const result = await generate({ format: false, ...options });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return new Map(result.files.map((f) => [f.path, f.text]));
}

/** Every relative import of every file names a generated file (so nothing points outside the output folder). */
function expectImportsResolve(out: ReadonlyMap<string, string>): void {
  for (const [p, text] of out) {
    for (const spec of importsOf(text)) {
      const target = posix.normalize(posix.join(posix.dirname(p), spec)).replace(/\.js$/, ".ts");
      expect(out.has(target), `${p} imports ${spec}`).toBe(true);
    }
  }
}

const importsOf = (text: string | undefined): string[] => [...(text ?? "").matchAll(/from "([^"]+)"/g)].map((m) => m[1] ?? "");

describe("sources mode", () => {
  it("one input: the version's files at the root beside runtime/, no package files", async () => {
    const out = await files({ mode: "sources", inputs: [V2] });
    const paths = [...out.keys()];
    expect(paths.filter((p) => !p.endsWith(".ts"))).toEqual([]);
    for (const p of ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md"]) expect(out.has(p)).toBe(false);
    expect(paths.filter((p) => p.startsWith("v2.0/"))).toEqual([]);
    // migration.ts: Outlook v2.0's shipped migration map (plan/migration.ts), beside the client, as in a package.
    expect(paths.filter((p) => !p.includes("/")).sort()).toEqual(["client.ts", "extensions.ts", "index.ts", "migration.ts", "models.ts", "nodes.ts"]);
    expect(importsOf(out.get("migration.ts"))).toEqual(["./runtime/migration-map.js"]);
    expect(importsOf(out.get("index.ts"))).toContain("./runtime/index.js");
    expect(importsOf(out.get("client.ts"))).toContain("./runtime/index.js");
    expect(importsOf(out.get("models.ts"))).toContain("./runtime/index.js");
    expect(importsOf(out.get("nodes.ts"))).toEqual(expect.arrayContaining(["./runtime/index.js", "./models.js"]));
    expectImportsResolve(out);
  });

  it("several inputs: one folder per label and the shared runtime/, no package files; the result type-checks", async () => {
    const out = await files({ mode: "sources", inputs: [V2, V1] });
    const tops = [...new Set([...out.keys()].map((p) => p.split("/")[0]))].sort();
    expect(tops).toEqual(["runtime", "v1.0", "v2.0"]);
    expect(importsOf(out.get("v2.0/index.ts"))).toContain("../runtime/index.js");
    expect(importsOf(out.get("v1.0/models.ts"))).toContain("../runtime/index.js");
    expectImportsResolve(out);
    expect(typecheckInMemory([...out].map(([path, text]) => ({ path, text })))).toEqual([]);
  }, 120_000);

  it("the version's files are the package's files moved: same text but for the import paths", async () => {
    const pkg = await files({ inputs: [V2] });
    const src = await files({ mode: "sources", inputs: [V2] });
    expect(pkg.has("package.json")).toBe(true);
    for (const [p, text] of src) {
      const inPackage = p.startsWith("runtime/") ? p : `v2.0/${p}`;
      const expected = pkg.get(inPackage);
      expect(expected, inPackage).toBeDefined();
      // Moving a folder up removes one `../` from specifiers that reach the runtime; imports sort by module path, so the
      // runtime's import may move among them: the same lines, in another order.
      const moved = (expected ?? "").replaceAll(/"((?:\.\.\/)+)runtime\//g, (_m, up: string) => `"${up.length === 3 ? "./" : up.slice(3)}runtime/`);
      expect(text.split("\n").sort(), p).toEqual(moved.split("\n").sort());
      expect(text.split("\n").slice(0, 3), p).toEqual(moved.split("\n").slice(0, 3));
    }
  });

  it("refuses a label that would take the runtime's folder when versions get folders", async () => {
    const result = await generate({ mode: "sources", inputs: [V2, { label: "runtime", source: "metadata/v1.0.xml" }] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toContain("duplicate-label");
  });

  it.each([
    ["node_modules", "package", "npm's folder of installed modules"],
    ["node_modules", "sources", "npm's folder of installed modules"],
    ["dist", "package", "the package's build output"],
  ] as const)("refuses the label %s in %s mode (%s)", async (label, mode, why) => {
    const result = await generate({ mode, inputs: [V2, { label, source: "metadata/v1.0.xml" }] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => d.message)).toContain(`version label ${label} gives ${why}; choose another label`);
  });

  it("accepts dist as a label in sources mode, and refuses a package version npm would refuse", async () => {
    const ok = await generate({ mode: "sources", format: false, inputs: [V2, { label: "dist", source: "metadata/v1.0.xml" }] });
    expect(ok.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const version of ["abc", "1.2", "01.2.3", "1.2.3-"]) {
      const bad = await generate({ inputs: [V2], packageVersion: version });
      expect(bad.files, version).toEqual([]);
      expect(bad.diagnostics.map((d) => d.code)).toContain("invalid-package-info");
    }
    const good = await generate({ inputs: [V2], format: false, package: { version: "2.0.0-beta.1+build.5" } });
    expect(good.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("sources mode and the write stage", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "codegen-sources-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("regenerates over its own output, and switching layouts removes the old files", async () => {
    const out = join(dir, "src", "outlook");
    const one = (await generate({ mode: "sources", inputs: [V2] })).files;
    expect((await writeOutput(out, one)).added.length).toBe(one.length + 1);
    const again = await writeOutput(out, one);
    expect(again.added).toEqual([]);
    expect(again.changed).toEqual([]);
    const two = (await generate({ mode: "sources", inputs: [V1, V2] })).files;
    const changes = await writeOutput(out, two);
    expect(changes.removed).toContain("index.ts");
    expect(changes.removed).toContain("models.ts");
    expect(changes.added).toContain("v2.0/index.ts");
  }, 60_000);
});
