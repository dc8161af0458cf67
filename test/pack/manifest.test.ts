/**
 * generator/cli/pack-manifest.mjs around `npm pack`: the packed package.json has no scripts, and the repository's
 * package.json is the same afterwards, whether the pack succeeded (postpack restores it) or failed (npm skips
 * postpack; the watcher strip left behind restores it once npm has ended).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-pack-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = join(REPO, "generator", "cli", "pack-manifest.mjs");
const manifest = `${JSON.stringify(
  {
    name: "pack-manifest-probe",
    version: "1.0.0",
    scripts: { prepack: `node ${JSON.stringify(SCRIPT)} strip`, postpack: `node ${JSON.stringify(SCRIPT)} restore` },
    workspaces: ["w"],
  },
  null,
  2,
)}\n`;

async function settled(file: string, expected: string): Promise<string> {
  for (let i = 0; i < 50 && readFileSync(file, "utf8") !== expected; i++) await new Promise((r) => setTimeout(r, 100));
  return readFileSync(file, "utf8");
}

describe("pack-manifest.mjs", () => {
  it("strips the packed manifest and restores the repository's, on success and on failure", async () => {
    const file = join(dir, "package.json");
    writeFileSync(file, manifest);
    const ok = spawnSync("npm", ["pack", "--pack-destination", dir], { cwd: dir, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(manifest);
    const packed = spawnSync("tar", ["xzf", join(dir, "pack-manifest-probe-1.0.0.tgz"), "-O", "package/package.json"], { encoding: "utf8" });
    expect(JSON.parse(packed.stdout)).toEqual({ name: "pack-manifest-probe", version: "1.0.0" });

    const failed = spawnSync("npm", ["pack", "--pack-destination", join(dir, "missing", "folder")], { cwd: dir, encoding: "utf8" });
    expect(failed.status).not.toBe(0);
    expect(await settled(file, manifest)).toBe(manifest);
    expect(existsSync(join(dir, ".package.json.before-pack"))).toBe(false);
  }, 60_000);
});
