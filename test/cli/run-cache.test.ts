/** generate() with a runCache (as --watch keeps one) gives exactly what a fresh run gives, edit after edit. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PruningModelCache } from "../../generator/cli/watch.js";
import { generate, type RunCache } from "../../generator/pipeline.js";
import { METADATA } from "../helpers/paths.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-runcache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("runCache", () => {
  it("each run equals a fresh one: an edit, a broken text, the original again", async () => {
    const file = join(dir, "v2.0.xml");
    const original = readFileSync(join(METADATA, "v2.0.xml"), "utf8");
    const edited = original.replace(/(<EntityType Name="Message"[^>]*>)/, '$1\n        <Property Name="Cached" Type="Edm.String"/>');
    expect(edited).not.toBe(original);
    const models = new PruningModelCache();
    const runCache: RunCache = { models, pieces: new Map(), renderer: {} };
    const inputs = [{ label: "v2.0", source: file }];
    for (const text of [original, edited, edited.replace("<EntityType", "<EntityTyp"), original, edited]) {
      writeFileSync(file, text);
      const cached = await generate({ inputs, runCache });
      models.prune();
      const fresh = await generate({ inputs });
      expect(cached.diagnostics).toEqual(fresh.diagnostics);
      expect(cached.files.map((f) => f.path)).toEqual(fresh.files.map((f) => f.path));
      for (const [i, f] of cached.files.entries()) expect(f, f.path).toEqual(fresh.files[i]);
    }
    expect(runCache.formatted?.size).toBeGreaterThan(50);
  }, 120_000);
});
