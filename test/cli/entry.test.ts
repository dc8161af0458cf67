/**
 * How `codegen` loads the generator: the esbuild bundle in generator/dist/ (built by `npm install` through
 * `prepare`) while it is newer than every source file, else the TypeScript sources through tsx. Both must give
 * the same output, and an edited source must never run from a stale bundle.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

const BIN = join(REPO, "generator", "cli", "codegen.mjs");
const DIST = join(REPO, "generator", "dist");
const dir = mkdtempSync(join(tmpdir(), "codegen-entry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(out: string, env: Record<string, string>): void {
  execFileSync(process.execPath, [BIN, "--out", out], { cwd: REPO, env: { ...process.env, ...env }, stdio: "pipe" });
}

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, "utf8"));
    }
  };
  walk(root);
  return out;
}

function newestSource(d: string): number {
  let newest = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name === "dist") continue;
    const p = join(d, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : e.name.endsWith(".ts") ? statSync(p).mtimeMs : 0);
  }
  return newest;
}

describe("codegen entry", () => {
  it("has a bundle after npm install, and uses it only while it is newer than every source", () => {
    expect(existsSync(join(DIST, "codegen.mjs"))).toBe(true);
    // Fresh in CI (prepare runs after checkout); after an edit without `npm run build`, entry.mjs takes the sources.
    const fresh = statSync(join(DIST, "codegen.mjs")).mtimeMs >= newestSource(join(REPO, "generator"));
    if (process.env["CI"]) expect(fresh).toBe(true);
  });

  it("gives byte-equal output from the bundle and from the sources", { timeout: 60_000 }, () => {
    run(join(dir, "bundle"), {});
    run(join(dir, "sources"), { CODEGEN_FROM_SOURCE: "1" });
    const a = files(join(dir, "bundle"));
    const b = files(join(dir, "sources"));
    expect(a.size).toBeGreaterThan(30);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, text] of a) expect(text, path).toBe(b.get(path));
  });
});
