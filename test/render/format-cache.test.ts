/** Unchanged files are not formatted again: the cache from the output folder's manifest, and its safety. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFiles, prettierFormat } from "../../generator/format/format.js";
import { loadFormatCache } from "../../generator/load/load.js";
import { writeOutput } from "../../generator/write/write.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a.ts has a line too long, so formatting changes it; b.ts is already in its final form.
const longUnion = `export type A = ${Array.from({ length: 20 }, (_, i) => `"member${i}"`).join(" | ")};\n`;
const rendered = [
  { path: "a.ts", text: longUnion },
  { path: "b.ts", text: "export const b = [1, 2];\n" },
  { path: "notes.txt", text: "left alone" },
];
const formattedA = await prettierFormat(longUnion, "typescript");

describe("format cache", () => {
  it("records the source hash of every formatted file", async () => {
    const files = await formatFiles(rendered);
    expect(files.map((f) => [f.path, f.text, typeof f.sourceHash])).toEqual([
      ["a.ts", formattedA, "string"],
      ["b.ts", "export const b = [1, 2];\n", "string"],
      ["notes.txt", "left alone", "undefined"],
    ]);
  });

  it("reuses the cached text when the unformatted text is unchanged, and formats when it changed", async () => {
    const first = await formatFiles(rendered);
    const cache = new Map(first.filter((f) => f.sourceHash).map((f) => [f.path, { sourceHash: f.sourceHash!, text: `// cached\n${f.text}` }]));
    const again = await formatFiles([rendered[0]!, { path: "b.ts", text: "export const b = [3];\n" }], cache);
    expect(again.map((f) => f.text)).toEqual([`// cached\n${formattedA}`, "export const b = [3];\n"]);
  });

  it("loads the cache from what writeOutput left, skipping files edited since", async () => {
    const out = join(dir, "out");
    await writeOutput(out, await formatFiles(rendered));
    const cache = await loadFormatCache(out);
    expect([...cache.keys()].sort()).toEqual(["a.ts", "b.ts"]);
    writeFileSync(join(out, "a.ts"), "export const a = 'edited by hand';\n");
    const after = await loadFormatCache(out);
    expect([...after.keys()]).toEqual(["b.ts"]);
    // So the edit is formatted over (and --check, which uses no cache at all, reports it).
    const regenerated = await formatFiles(rendered, after);
    expect(regenerated[0]?.text).toBe(formattedA);
  });

  it("gives an empty cache for a folder without a manifest", async () => {
    expect((await loadFormatCache(join(dir, "missing"))).size).toBe(0);
  });
});
