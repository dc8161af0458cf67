/**
 * Microsoft Graph v1.0, raw and at full scale: the CLI generates a client from
 * the archived $metadata into a temporary folder, and the result type-checks
 * under TypeScript 5.9 and 7.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusFile, REPO } from "../helpers/paths.js";

const out = mkdtempSync(join(tmpdir(), "codegen-graph-"));
let stderr = "";

beforeAll(() => {
  const graph = corpusFile("graph-v1.0.csdl.xml");
  try {
    execFileSync(process.execPath, [join(REPO, "generator/cli/codegen.mjs"), "--metadata", `v1.0=${graph}`, "--out", out, "--package-name", "graph-client"], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    stderr = String((e as { stderr?: Buffer }).stderr ?? e);
  }
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

function tsc(compiler: string): string {
  try {
    execFileSync(process.execPath, [join(REPO, "node_modules", compiler, "bin", "tsc"), "-p", join(out, "tsconfig.json")], {
      cwd: out,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    return "";
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return `${String(err.stdout ?? "")}${String(err.stderr ?? "")}`.slice(0, 4000) || "tsc failed";
  }
}

describe("Microsoft Graph v1.0", () => {
  it("generates with no errors", () => {
    expect(stderr).toBe("");
  });

  it("emits a model and a builder for every entity type", () => {
    const xml = readFileSync(corpusFile("graph-v1.0.csdl.xml"), "utf8");
    const entityTypes = xml.match(/<EntityType /g)?.length ?? 0;
    const builders = readdirSync(join(out, "v1.0", "builders")).length;
    expect(entityTypes).toBe(1182);
    expect(builders).toBe(entityTypes);
  });

  it("addresses the service root of Graph", () => {
    expect(readFileSync(join(out, "v1.0", "client.ts"), "utf8")).toContain('"https://graph.microsoft.com/v1.0"');
  });

  it("type-checks under TypeScript 5.9", { timeout: 300_000 }, () => {
    expect(tsc("typescript")).toBe("");
  });

  it("type-checks under TypeScript 7", { timeout: 300_000 }, () => {
    expect(tsc("typescript7")).toBe("");
  });
});
