/** Unchanged files are not formatted again: the cache --watch keeps in memory between runs. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFiles, prettierFormat } from "../../generator/format/format.js";

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
});
