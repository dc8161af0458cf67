/**
 * writeOutput with a WriteMemory (as codegen --watch keeps one): after every kind of change made by hand between
 * runs, it gives the same changes, the same error and the same folder as a write without one.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MANIFEST, writeOutput, type OutputChanges, type OutputFile, type WriteMemory } from "../../generator/write/write.js";
import { contentHash } from "../../generator/write/manifest.js";
import { listFiles, random } from "./tree.js";

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "codegen-memory-"));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const memoryOf = (): WriteMemory => ({ files: new Map(), dirs: new Map() });

/** Every file's text, by path (the manifest included). */
const contents = (root: string): Record<string, string> =>
  Object.fromEntries(listFiles(root).map((p) => [p, readFileSync(join(root, p), "utf8")]));

const filesFor = (round: number, count: number): OutputFile[] =>
  Array.from({ length: count }, (_, i) => ({
    path: i % 3 === 0 ? `v1/models/M${i}.ts` : i % 3 === 1 ? `v1/builders/B${i}.ts` : `v1/F${i}.ts`,
    // Some files change from round to round, most do not.
    text: `export const x${i} = ${i % 4 === 0 ? round : 0};\n`,
    ...(i % 2 === 0 ? { sourceHash: `s${i}` } : {}),
  }));

type Outcome = { changes: OutputChanges } | { error: string };
const attempt = async (root: string, files: OutputFile[], memory?: WriteMemory): Promise<Outcome> => {
  try {
    return { changes: await writeOutput(root, files, memory) };
  } catch (e) {
    return { error: (e as Error).message.replaceAll(root, "<out>") };
  }
};

/** Changes made by hand between two runs, applied the same way to both folders. */
const EDITS: { name: string; apply: (root: string, pick: (n: number) => number) => void }[] = [
  { name: "nothing", apply: () => {} },
  {
    name: "edit a file (other size)",
    apply: (root, pick) => {
      const files = listFiles(root).filter((p) => p !== MANIFEST);
      if (files.length > 0) writeFileSync(join(root, files[pick(files.length)]!), "// edited by hand\n");
    },
  },
  {
    name: "edit a file (same size, later mtime)",
    apply: (root, pick) => {
      const files = listFiles(root).filter((p) => p !== MANIFEST);
      if (files.length === 0) return;
      const full = join(root, files[pick(files.length)]!);
      const text = readFileSync(full, "utf8");
      writeFileSync(full, text.replace(/=/, "~"));
      const later = new Date(statSync(full).mtimeMs + 5000);
      utimesSync(full, later, later);
    },
  },
  {
    name: "delete a file",
    apply: (root, pick) => {
      const files = listFiles(root).filter((p) => p !== MANIFEST);
      if (files.length > 0) rmSync(join(root, files[pick(files.length)]!));
    },
  },
  { name: "delete the manifest", apply: (root) => rmSync(join(root, MANIFEST), { force: true }) },
  { name: "edit the manifest", apply: (root) => writeFileSync(join(root, MANIFEST), "# hand-made\nv1/F2.ts\n") },
  { name: "add a foreign file at the root", apply: (root) => writeFileSync(join(root, "notes.txt"), "mine\n") },
  {
    name: "add a foreign file deep down",
    apply: (root) => {
      mkdirSync(join(root, "v1", "models", "extra"), { recursive: true });
      writeFileSync(join(root, "v1", "models", "extra", "mine.ts"), "mine\n");
    },
  },
  { name: "add an empty folder", apply: (root) => mkdirSync(join(root, "v1", "empty"), { recursive: true }) },
  { name: "delete a folder", apply: (root) => rmSync(join(root, "v1", "builders"), { recursive: true, force: true }) },
  {
    name: "remove foreign files again",
    apply: (root) => {
      rmSync(join(root, "notes.txt"), { force: true });
      rmSync(join(root, "v1", "models", "extra"), { recursive: true, force: true });
      rmSync(join(root, "v1", "empty"), { recursive: true, force: true });
    },
  },
  { name: "delete the whole output", apply: (root) => rmSync(root, { recursive: true, force: true }) },
];

describe("writeOutput with a memory", () => {
  it("remembers each file's text, hash and stat, and each folder", async () => {
    const root = join(base, "out");
    const memory = memoryOf();
    const files = filesFor(0, 6);
    await writeOutput(root, files, memory);
    expect([...memory.files.keys()].sort()).toEqual([...files.map((f) => f.path), MANIFEST].sort());
    for (const f of files) {
      const r = memory.files.get(f.path)!;
      expect(r.text).toBe(f.text);
      expect(r.hash).toBe(contentHash(f.text));
      expect(r.size).toBe(statSync(join(root, f.path)).size);
      expect(r.mtimeMs).toBe(statSync(join(root, f.path)).mtimeMs);
    }
    expect([...memory.dirs.keys()].sort()).toEqual(["", "v1", "v1/builders", "v1/models"]);
  });

  it("trusts a file whose stat is the recorded one (that is what saves the reads)", async () => {
    // The documented limit: an edit by hand that keeps the size, the modification and change times and the inode is
    // not seen (the change time cannot be set back without changing the clock).
    const root = join(base, "out");
    const memory = memoryOf();
    const files = filesFor(0, 3);
    await writeOutput(root, files, memory);
    const full = join(root, files[1]!.path);
    writeFileSync(full, files[1]!.text.replace("=", "~"));
    // As if the edit had come within the same clock tick as the write: same size, same inode, same mtime.
    const record = memory.files.get(files[1]!.path)!;
    expect(statSync(full).size).toBe(record.size);
    memory.files.set(files[1]!.path, { ...record, mtimeMs: statSync(full).mtimeMs, ctimeMs: statSync(full).ctimeMs });
    expect((await writeOutput(root, files, memory)).changed).toEqual([]);
    expect((await writeOutput(root, files)).changed).toEqual([files[1]!.path]);
  });

  it("sees a file edited by hand that keeps its size and has its modification time set back (watch: restored)", async () => {
    const root = join(base, "out");
    const memory = memoryOf();
    const files = filesFor(0, 3);
    await writeOutput(root, files, memory);
    const full = join(root, files[1]!.path);
    const before = statSync(full);
    writeFileSync(full, files[1]!.text.replace("=", "~"));
    utimesSync(full, before.atime, before.mtime);
    // utimes rounds: as if it had set the modification time back exactly (the record then matches it).
    const record = memory.files.get(files[1]!.path)!;
    memory.files.set(files[1]!.path, { ...record, mtimeMs: statSync(full).mtimeMs });
    expect(statSync(full).size).toBe(before.size);
    expect((await writeOutput(root, files, memory)).changed).toEqual([files[1]!.path]);
    expect(readFileSync(full, "utf8")).toBe(files[1]!.text);
  });

  it("sees a file added to a folder whose modification time was set back", async () => {
    const root = join(base, "out");
    const memory = memoryOf();
    const files = filesFor(0, 3);
    await writeOutput(root, files, memory);
    const dir = join(root, "v1");
    const before = statSync(dir);
    writeFileSync(join(dir, "mine.ts"), "mine\n");
    utimesSync(dir, before.atime, before.mtime);
    // As if set back exactly: the folder's recorded time is its modification time now.
    memory.dirs.set("v1", statSync(dir).mtimeMs);
    await expect(writeOutput(root, files, memory)).rejects.toThrow(/did not write/);
  });

  it("a write that fails empties the memory, and the next one reads everything", async () => {
    const root = join(base, "out");
    const memory = memoryOf();
    await writeOutput(root, filesFor(0, 6), memory);
    writeFileSync(join(root, "notes.txt"), "mine\n");
    await expect(writeOutput(root, filesFor(1, 6), memory)).rejects.toThrow(/did not write/);
    expect(memory.files.size).toBe(0);
    expect(memory.dirs.size).toBe(0);
  });

  it("gives what a write without memory gives, after random edits by hand between runs", async () => {
    const next = random(20261204);
    const pick = (n: number): number => Math.floor(next() * n);
    const withMemory = join(base, "a");
    const without = join(base, "b");
    const memory = memoryOf();
    const seen = new Set<string>();
    for (let round = 0; round < 60; round++) {
      const files = filesFor(round, 4 + pick(8));
      const a = await attempt(withMemory, files, memory);
      const b = await attempt(without, files);
      expect(a, `round ${round}`).toEqual(b);
      expect(contents(withMemory), `round ${round}`).toEqual(contents(without));
      // The same edit, with the same choices, in both folders.
      const edit = EDITS[pick(EDITS.length)]!;
      seen.add(edit.name);
      const choice = next();
      edit.apply(withMemory, (n) => Math.floor(choice * n));
      edit.apply(without, (n) => Math.floor(choice * n));
    }
    // Every kind of edit was tried at least once.
    expect([...seen].sort()).toEqual(EDITS.map((e) => e.name).sort());
  }, 60_000);
});
