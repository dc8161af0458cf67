/**
 * The write stage against random damage between runs (fixed seed): links to outside, files and folders swapped,
 * pipes, foreign files, edited files and manifest lines. Every write either succeeds, leaving exactly the run's
 * files with the run's bytes (regular files, no staged file left), or throws an OutputFolderError leaving the tree
 * exactly as it was. Nothing outside the output folder ever changes.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentHash } from "../../generator/write/manifest.js";
import { MANIFEST, OutputFolderError, writeOutput, type OutputFile, type WriteMemory } from "../../generator/write/write.js";
import { fullSnapshot, random } from "./tree.js";

const base = mkdtempSync(join(tmpdir(), "codegen-wfuzz-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const POOL = ["index.ts", "client.ts", "models/A.ts", "models/B.ts", "models/deep/C.ts", "builders/A.ts", "runtime/index.ts", "v2/models/D.ts"];

describe("writeOutput under random damage", () => {
  it("succeeds exactly or refuses without a change, 250 rounds, with and without a memory", async () => {
    const next = random(10_2026);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const outside = join(base, "outside");
    mkdirSync(join(outside, "dir"), { recursive: true });
    writeFileSync(join(outside, "file.ts"), "outside\n");
    writeFileSync(join(outside, "dir", "A.ts"), "outside\n");
    const outsideBefore = fullSnapshot(outside);
    const out = join(base, "out");
    const memory: WriteMemory = { files: new Map(), dirs: new Map() };
    const outcomes = new Map<string, number>();
    const count = (k: string): void => void outcomes.set(k, (outcomes.get(k) ?? 0) + 1);

    const owned = (): string[] => (existsSync(join(out, MANIFEST)) ? readFileSync(join(out, MANIFEST), "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t")[0]!) : []);
    const DAMAGE: ((p: string) => void)[] = [
      () => {},
      (p) => writeFileSync(join(out, p), "edited\n"),
      (p) => {
        // Edited together with its manifest line.
        const text = "edited with the manifest\n";
        writeFileSync(join(out, p), text);
        const m = readFileSync(join(out, MANIFEST), "utf8").split("\n").map((l) => (l.split("\t")[0] === p && l.includes("\t") ? `${p}\t${l.split("\t")[1]}\t${contentHash(text)}` : l));
        writeFileSync(join(out, MANIFEST), m.join("\n"));
      },
      (p) => {
        rmSync(join(out, p), { recursive: true, force: true });
        symlinkSync(join(outside, "file.ts"), join(out, p));
      },
      (p) => {
        const dir = p.includes("/") ? p.slice(0, p.indexOf("/")) : p;
        rmSync(join(out, dir), { recursive: true, force: true });
        symlinkSync(join(outside, "dir"), join(out, dir));
        if (next() < 0.5) appendFileSync(join(out, MANIFEST), `${dir}\n`);
      },
      (p) => {
        rmSync(join(out, p), { recursive: true, force: true });
        mkdirSync(join(out, p));
        if (next() < 0.5) writeFileSync(join(out, p, "x.ts"), "x\n");
      },
      (p) => {
        const dir = p.includes("/") ? p.slice(0, p.indexOf("/")) : p;
        rmSync(join(out, dir), { recursive: true, force: true });
        writeFileSync(join(out, dir), "a file\n");
        if (next() < 0.5) appendFileSync(join(out, MANIFEST), `${dir}\n`);
      },
      (p) => {
        rmSync(join(out, p), { recursive: true, force: true });
        execFileSync("mkfifo", [join(out, p)]);
      },
      (p) => rmSync(join(out, p), { recursive: true, force: true }),
      () => writeFileSync(join(out, "foreign.txt"), "mine\n"),
      () => appendFileSync(join(out, MANIFEST), `${pick(["../outside/file.ts", "models/../../outside/file.ts", "/etc/passwd", "index.ts/x", "gone/x.ts", "models", "a//b", ""])}\n`),
      () => rmSync(join(out, MANIFEST), { force: true }),
    ];

    for (let round = 0; round < 250; round++) {
      if (existsSync(out) && lstatSync(out).isDirectory()) {
        const list = owned();
        if (list.length > 0) {
          try {
            pick(DAMAGE)(pick(list));
          } catch {
            // A damage that does not apply (a path already gone): the round goes on.
          }
        }
      }
      const files: OutputFile[] = POOL.filter(() => next() < 0.7).map((path) => ({ path, text: `// ${path} ${next() < 0.3 ? round : 0}\n`, sourceHash: "s" }));
      const before = fullSnapshot(base);
      const withMemory = next() < 0.5;
      try {
        const changes = await writeOutput(out, files, withMemory ? memory : undefined);
        count("written");
        for (const f of files) {
          expect(lstatSync(join(out, f.path)).isFile(), `round ${round}: ${f.path}`).toBe(true);
          expect(readFileSync(join(out, f.path), "utf8"), `round ${round}: ${f.path}`).toBe(f.text);
        }
        expect(owned().sort(), `round ${round}`).toEqual(files.map((f) => f.path).sort());
        expect(Object.keys(fullSnapshot(out)).filter((p) => p.endsWith(".tmp")), `round ${round}`).toEqual([]);
        expect(changes.added.length + changes.changed.length + changes.unchanged, `round ${round}`).toBe(files.length + 1);
      } catch (e) {
        expect(e, `round ${round}: ${(e as Error).stack}`).toBeInstanceOf(OutputFolderError);
        count((e as OutputFolderError).code);
        expect(fullSnapshot(base), `round ${round}`).toEqual(before);
        // Start afresh, as a user would after reading the message.
        rmSync(out, { recursive: true, force: true });
      }
      expect(fullSnapshot(outside), `round ${round}`).toEqual(outsideBefore);
    }
    // The damage reached every kind of outcome.
    expect([...outcomes.keys()].sort()).toEqual(["output-not-owned", "output-path-blocked", "written"]);
    expect(outcomes.get("written")).toBeGreaterThan(100);
  }, 120_000);
});
