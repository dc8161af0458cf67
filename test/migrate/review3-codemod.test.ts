/**
 * Review (review3) of `codegen migrate-code` (generator/cli/migrate-code-command.ts, generator/migrate/codemod.ts):
 * an input with a syntax error, and query options the codemod cannot read (a concatenated or variable $filter, a
 * spread or template entry in select) that it must not pass over in silence.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../generator/cli/exit-codes.js";
import { GENERATED } from "../helpers/paths.js";
import { runMain, tempDir } from "../cli/helpers.js";

/** A user's project with src/a.ts holding `body(importSpecifier)`. */
function project(body: (imp: string) => string): { dir: string; file: string; before: string } {
  const dir = tempDir();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] } }),
  );
  const imp = relative(join(dir, "src"), join(GENERATED, "v2.0", "index.js")).split("\\").join("/");
  const file = join(dir, "src", "a.ts");
  const before = body(imp);
  writeFileSync(file, before);
  return { dir, file, before };
}

const ARGS = ["--from", "v2.0", "--graph-import", "graph-client/v1.0"];

describe("codegen migrate-code: an input with a syntax error", () => {
  it("is refused with a located error, and nothing is written", async () => {
    const { dir, file, before } = project(
      (imp) => `import { type ServiceClient } from "${imp}";\nexport async function f(client: ServiceClient) {\n  await client.me.messages.list({ select: ["Subject"] });\n  const x = ;\n}\n`,
    );
    const run = await runMain(["migrate-code", "src/a.ts", ...ARGS], dir);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(/src\/a\.ts:4:\d+/);
    expect(readFileSync(file, "utf8")).toBe(before);
  });
});

describe("codegen migrate-code: query options it cannot read get a TODO, never silence", () => {
  it("a $filter built by concatenation or held in a variable, select entries spread or in a template", async () => {
    const { dir, file } = project(
      (imp) =>
        `import { type ServiceClient } from "${imp}";\n` +
        `export async function f(client: ServiceClient, s: string) {\n` +
        `  await client.me.messages.list({ filter: "Subject eq '" + s + "'" });\n` +
        `  const f2 = "IsRead eq false";\n` +
        `  await client.me.messages.list({ filter: f2 });\n` +
        `  const sel = ["Subject"] as const;\n` +
        `  await client.me.messages.list({ select: [...sel] });\n` +
        "  await client.me.messages.list({ select: [`BodyPreview`] });\n" +
        `}\n`,
    );
    const run = await runMain(["migrate-code", "src/a.ts", ...ARGS], dir);
    expect(run.code).toBe(EXIT.ok);
    const lines = readFileSync(file, "utf8").split("\n");
    const todoAbove = (needle: string): boolean => {
      const i = lines.findIndex((l) => l.includes(needle));
      return i > 0 && lines[i - 1]!.trim().startsWith("// TODO(migrate):");
    };
    // A template without substitutions is a string: translated like one.
    expect(lines).toContain("  await client.me.messages.list({ select: [`bodyPreview`] });");
    expect(todoAbove(`filter: "Subject eq '" + s + "'"`)).toBe(true);
    expect(todoAbove("filter: f2")).toBe(true);
    expect(todoAbove("select: [...sel]")).toBe(true);
    expect(run.stderr).toContain("1 of 4 client calls migrated");
  });
});

describe("codegen migrate-code: an Outlook import that does not resolve", () => {
  it("is reported as left alone, with the reason, not passed over in silence", async () => {
    const { dir, file, before } = project(
      () =>
        `import { type ServiceClient } from "outlook-rest-client/v2.0";\nexport async function f(client: ServiceClient) {\n  await client.me.messages.list({ select: ["Subject"] });\n}\n`,
    );
    const run = await runMain(["migrate-code", "src/a.ts", ...ARGS], dir);
    expect(run.code).toBe(EXIT.ok);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(run.stderr).toMatch(/src\/a\.ts: left alone: outlook-rest-client\/v2\.0 \(.*does not resolve/);
  });
});
