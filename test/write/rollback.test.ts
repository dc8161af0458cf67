/**
 * A write the file system refuses midway (no space, no permission, a read-only file system...) is undone: for every
 * change the write makes, the file system is made to fail at that change, and the folder must be exactly as it was
 * (every path, type, content and mode, empty folders included; no staged file left), the error an
 * OutputFolderError (output-write-failed) naming the path and the reason.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MANIFEST, OutputFolderError, writeOutput, type OutputFile, type WriteMemory } from "../../generator/write/write.js";
import { fullSnapshot } from "./tree.js";

/** The calls that change the file system (mocked below); the nth of them (counting from 1) fails while `failAt` is set. */
const fault = vi.hoisted(() => ({ failAt: 0, count: 0, code: "ENOSPC", failUndo: false }));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const wrapped: Record<string, unknown> = { ...actual };
  for (const name of ["mkdirSync", "writeFileSync", "renameSync", "unlinkSync", "rmdirSync", "chmodSync"] as const) {
    const real = actual[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]): unknown => {
      if (fault.failAt > 0) {
        fault.count++;
        if (fault.count === fault.failAt || (fault.failUndo && fault.count > fault.failAt)) {
          const e = new Error(`${fault.code}: simulated, ${name} '${String(args[0])}'`) as NodeJS.ErrnoException;
          e.code = fault.code;
          e.path = String(args[0]);
          throw e;
        }
      }
      return real(...args);
    };
  }
  return { ...wrapped, default: wrapped };
});

let base: string;
let out: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "codegen-rollback-"));
  out = join(base, "out");
  fault.failAt = 0;
  fault.count = 0;
  fault.failUndo = false;
});
afterEach(() => {
  fault.failAt = 0;
  rmSync(base, { recursive: true, force: true });
});

const FIRST: OutputFile[] = [
  { path: "package.json", text: '{ "name": "x" }\n' },
  { path: "v1/index.ts", text: "export const a = 1;\n" },
  { path: "v1/models/Thing.ts", text: "export interface Thing {}\n" },
  { path: "v1/models/Gone.ts", text: "export interface Gone {}\n" },
  { path: "runtime/index.ts", text: "export {};\n" },
];
/** Every kind of change: changed files, an unchanged one, a removed one, new files in new nested folders. */
const NEXT: OutputFile[] = [
  { path: "package.json", text: '{ "name": "x", "version": "2.0.0" }\n' },
  { path: "v1/index.ts", text: "export const a = 2;\n" },
  { path: "v1/models/Thing.ts", text: "export interface Thing {}\n" },
  { path: "v1/models/New.ts", text: "export interface New {}\n" },
  { path: "v2/models/deep/Other.ts", text: "export interface Other {}\n" },
  { path: "runtime/index.ts", text: "export {};\n" },
];

/** Runs the write with the nth change failing; gives the error (or undefined when the write made fewer changes). */
async function failingAt(n: number, target: string, files: readonly OutputFile[], memory?: WriteMemory): Promise<OutputFolderError | undefined> {
  fault.count = 0;
  fault.failAt = n;
  try {
    await writeOutput(target, files, memory);
    return undefined;
  } catch (e) {
    return e as OutputFolderError;
  } finally {
    fault.failAt = 0;
  }
}

describe("a write that fails midway is undone", () => {
  it("in a folder codegen wrote before: at every change, the folder is as it was", async () => {
    await writeOutput(out, FIRST);
    // A mode of the user's own on a generated file: an undone change keeps it.
    chmodSync(join(out, "v1/index.ts"), 0o640);
    const before = fullSnapshot(base);
    let n = 1;
    for (; ; n++) {
      const error = await failingAt(n, out, NEXT);
      if (error === undefined) break;
      expect(error, `change ${n}`).toBeInstanceOf(OutputFolderError);
      expect(error.code, `change ${n}`).toBe("output-write-failed");
      expect(error.message, `change ${n}`).toMatch(/^cannot (create the folder|write|replace|remove) \/.*: no space left on the device \(ENOSPC\); .* was left as it was$/);
      expect(fullSnapshot(base), `change ${n}`).toEqual(before);
    }
    // 3 folders, 2 new files, 3 staged (package.json, v1/index.ts, the manifest), 3 renamed, 1 removed: each failed once.
    expect(n - 1).toBe(12);
    // The last run succeeded: the output is the new one.
    for (const f of NEXT) expect(readFileSync(join(out, f.path), "utf8")).toBe(f.text);
    expect(readFileSync(join(out, MANIFEST), "utf8")).not.toContain("Gone.ts");
  });

  it("into a folder that does not exist (with parents): at every change, nothing is left", async () => {
    const target = join(base, "a", "b", "out");
    const before = fullSnapshot(base);
    let n = 1;
    for (; ; n++) {
      const error = await failingAt(n, target, NEXT);
      if (error === undefined) break;
      expect(error.code, `change ${n}`).toBe("output-write-failed");
      expect(fullSnapshot(base), `change ${n}`).toEqual(before);
    }
    expect(n - 1).toBeGreaterThan(10);
  });

  it("with a memory (codegen --watch): the same, and the memory is emptied", async () => {
    const memory: WriteMemory = { files: new Map(), dirs: new Map() };
    await writeOutput(out, FIRST, memory);
    const before = fullSnapshot(base);
    for (let n = 1; ; n++) {
      const copy: WriteMemory = { files: new Map(memory.files), dirs: new Map(memory.dirs), isPackage: true };
      const error = await failingAt(n, out, NEXT, copy);
      if (error === undefined) break;
      expect(error.code, `change ${n}`).toBe("output-write-failed");
      expect(fullSnapshot(base), `change ${n}`).toEqual(before);
      expect(copy.files.size).toBe(0);
    }
  });

  it.each(["EACCES", "EROFS", "EIO", "ENAMETOOLONG", "EISDIR", "ENOTDIR", "ELOOP", "EDQUOT"])("%s is named in words", async (code) => {
    await writeOutput(out, FIRST);
    fault.code = code;
    const error = await failingAt(1, out, NEXT);
    fault.code = "ENOSPC";
    expect(error?.code).toBe("output-write-failed");
    expect(error?.message).toContain(`(${code})`);
    expect(error?.message).not.toMatch(/simulated/);
    expect(error?.path).toMatch(/^\//);
  });

  it("when undoing fails too, the error says what could not be put back", async () => {
    await writeOutput(out, FIRST);
    fault.failUndo = true;
    // The 8th change is the last staged file (after 3 folders, 2 new files and 2 staged ones); every undo fails too.
    const error = await failingAt(8, out, NEXT);
    expect(error?.code).toBe("output-write-failed");
    expect(error?.message).toMatch(/putting .* back failed too:\n {2}could not /);
  });
});
