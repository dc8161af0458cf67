/**
 * The generated package's README examples are computed from each model: every ```ts block of the README of Outlook
 * (the committed generated/), Microsoft Graph v1.0 and a small travel service (test/fixtures/travel.xml) type-checks
 * against its own generated client under strict settings, with TypeScript 5.9 and 7. The examples name the model's
 * own entry points: Graph's use Graph's names, the travel service's its own, and none is Outlook's unless it is Outlook.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { corpusFile, GENERATED, REPO } from "../helpers/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "codegen-readme-blocks-"));
const TIMEOUT = 300_000;

interface Package {
  readonly id: string;
  readonly name: string;
  readonly dir: string;
}

const packages: Package[] = [];

beforeAll(async () => {
  packages.push({ id: "outlook", name: "outlook-rest-client", dir: GENERATED });
  // Graph is large: one generation, without the format stage (the examples do not depend on it).
  for (const [id, name, label, source] of [
    ["graph", "graph-client", "v1.0", corpusFile("graph-v1.0.csdl.xml")],
    ["travel", "@demo/travel-client", "v1", join(REPO, "test", "fixtures", "travel.xml")],
    // Reserved words, comment terminators and line breaks in names: the example keeps to plain names.
    ["hostile", "hostile-client", "x", join(REPO, "test", "fixtures", "hostile-names.xml")],
  ] as const) {
    const result = await generate({ inputs: [{ label, source }], package: { name }, format: false });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dir = join(tmp, id);
    await writeOutput(dir, result.files);
    packages.push({ id, name, dir });
  }
}, TIMEOUT);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function blocks(p: Package): string[] {
  const readme = readFileSync(join(p.dir, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

const get = (id: string): Package => {
  const p = packages.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id} package`);
  return p;
};

describe("README examples of generated packages", () => {
  it("show each model's own entry points", () => {
    const outlook = blocks(get("outlook"));
    expect(outlook).toHaveLength(3);
    expect(outlook.join("\n")).toContain('client.me.messages.list({ select: ["Subject"], top: 10 })');

    const graph = blocks(get("graph")).join("\n");
    expect(graph).toContain('import { createClient } from "graph-client/v1.0";');
    expect(graph).toContain('client.me.messages.list({ select: ["subject"], top: 10 })');
    expect(graph).toContain("// GET https://graph.microsoft.com/v1.0/me/messages?$select=subject&$top=10");
    expect(graph).not.toMatch(/Subject|outlook/);

    const travel = blocks(get("travel")).join("\n");
    expect(travel).toContain('import { createClient } from "@demo/travel-client/v1";');
    // No default service root for an unknown service: the example passes one.
    expect(travel).toContain('baseUrl: "https://example.com/odata"');
    expect(travel).toContain('client.me.trips.list({ select: ["Name"], top: 10 })');
    expect(travel).toMatch(/client\.me\.trips\.byId\(1\)\.postpone\.post\(\{ Days: 1 \}\)/);
    expect(travel).not.toMatch(/messages|Subject|outlook/i);
  });

  it("keep hostile metadata out of the code blocks and the table on one line per row", () => {
    const readme = readFileSync(join(get("hostile").dir, "README.md"), "utf8");
    expect(blocks(get("hostile")).join("\n")).not.toContain("pwned");
    for (const row of readme.split("\n").filter((l) => l.startsWith("| `hostile-client/"))) expect(row).toMatch(/\|$/);
    expect(readme).not.toMatch(/^globalThis/m);
  });

  it("mention Outlook's mailbox helpers only for Outlook", () => {
    for (const p of packages) {
      const readme = readFileSync(join(p.dir, "README.md"), "utf8");
      const outlook = p.id === "outlook";
      expect(readme.includes("isMailboxNotEnabledForRestApi"), p.id).toBe(outlook);
      expect(readme.includes("anchorMailbox"), p.id).toBe(outlook);
    }
  });

  for (const compiler of ["typescript", "typescript7"]) {
    it(`type-check against the generated clients (strict, ${compiler})`, { timeout: TIMEOUT }, () => {
      const files: string[] = [];
      const paths: Record<string, string[]> = {};
      for (const p of packages) {
        paths[`${p.name}/*`] = [join(p.dir, "*", "index.ts")];
        blocks(p).forEach((code, i) => {
          const file = join(tmp, `${p.id}-${i}.ts`);
          writeFileSync(file, `${code}\nexport {};\n`);
          files.push(file);
        });
      }
      expect(files.length).toBeGreaterThanOrEqual(5);
      const tsconfig = join(tmp, `tsconfig.${compiler}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            module: "ESNext",
            moduleResolution: "Bundler",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            types: [],
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            noEmit: true,
            skipLibCheck: true,
            paths,
          },
          files,
        }),
      );
      let output = "";
      try {
        execFileSync(process.execPath, [join(REPO, "node_modules", compiler, "bin", "tsc"), "-p", tsconfig, "--pretty", "false"], {
          stdio: "pipe",
          maxBuffer: 64 * 1024 * 1024,
        });
      } catch (e) {
        const err = e as { stdout?: Buffer; stderr?: Buffer };
        output = `${String(err.stdout ?? "")}${String(err.stderr ?? "")}`.slice(0, 4000) || String(e);
      }
      expect(output).toBe("");
    });
  }
});
