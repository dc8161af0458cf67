/**
 * The write stage on real temp folders: only changed files are written, files
 * an earlier run produced and this one does not are removed, nothing outside
 * the manifest or outside the folder is ever touched, and a failed run leaves
 * the folder as it was, without temp files.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOutputFolder, diffOutput, ForeignFilesError, foreignFiles, MANIFEST, OutputFolderError, writeOutput, type OutputFile } from "../../generator/write/write.js";
import { ageTree, listFiles, snapshotTree } from "./tree.js";

let base: string;
let out: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "codegen-"));
  out = join(base, "out");
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const FILES: OutputFile[] = [
  { path: "package.json", text: '{ "name": "x" }\n' },
  { path: "v1/index.ts", text: "export const a = 1;\n" },
  { path: "v1/models/Thing.ts", text: "export interface Thing {}\n" },
  { path: "runtime/index.ts", text: "export {};\n" },
];

const read = (p: string): string => readFileSync(join(out, p), "utf8");
const manifestLines = (): string[] =>
  read(MANIFEST)
    .split("\n")
    .filter((l) => l.length > 0 && !l.startsWith("#"))
    .map((l) => l.split("\t")[0] ?? "");
const tmpFiles = (root: string): string[] => listFiles(root).filter((p) => p.endsWith(".tmp"));

describe("writeOutput", () => {
  it("writes every file and a manifest into a new folder", async () => {
    const changes = await writeOutput(out, FILES);
    expect([...changes.added].sort()).toEqual([...FILES.map((f) => f.path), MANIFEST].sort());
    expect(changes.changed).toEqual([]);
    expect(changes.removed).toEqual([]);
    expect(changes.unchanged).toBe(0);
    for (const f of FILES) expect(read(f.path)).toBe(f.text);
    expect(manifestLines()).toEqual(FILES.map((f) => f.path).sort());
    expect(read(MANIFEST).startsWith("#")).toBe(true);
    expect(tmpFiles(out)).toEqual([]);
  });

  it("writes nothing when nothing changed: every mtime stays", async () => {
    await writeOutput(out, FILES);
    ageTree(out);
    const before = snapshotTree(out);
    const changes = await writeOutput(out, FILES);
    expect(changes).toEqual({ added: [], changed: [], removed: [], unchanged: FILES.length + 1 });
    expect(snapshotTree(out)).toEqual(before);
  });

  it("writes only the files whose bytes changed", async () => {
    await writeOutput(out, FILES);
    ageTree(out);
    const before = snapshotTree(out);
    const next = FILES.map((f) => (f.path === "v1/index.ts" ? { ...f, text: "export const a = 2;\n" } : f));
    const changes = await writeOutput(out, next);
    expect(changes.added).toEqual([]);
    expect(changes.changed).toEqual(["v1/index.ts"]);
    expect(changes.unchanged).toBe(FILES.length); // the others and the manifest
    const after = snapshotTree(out);
    expect(read("v1/index.ts")).toBe("export const a = 2;\n");
    expect(after["v1/index.ts"]).not.toEqual(before["v1/index.ts"]);
    for (const p of Object.keys(before)) if (p !== "v1/index.ts") expect(after[p], p).toEqual(before[p]);
    expect(tmpFiles(out)).toEqual([]);
  });

  it("removes files the previous manifest listed that this run does not produce", async () => {
    await writeOutput(out, FILES);
    const next = FILES.filter((f) => f.path !== "v1/models/Thing.ts");
    const changes = await writeOutput(out, next);
    expect(changes.removed).toEqual(["v1/models/Thing.ts"]);
    expect(changes.changed).toEqual([MANIFEST]);
    expect(existsSync(join(out, "v1/models/Thing.ts"))).toBe(false);
    expect(manifestLines()).toEqual(next.map((f) => f.path).sort());
    // A third run has nothing left to remove.
    expect((await writeOutput(out, next)).removed).toEqual([]);
  });

  it("refuses, writing and removing nothing, when the folder holds files its manifest does not list", async () => {
    await writeOutput(out, FILES);
    writeFileSync(join(out, "NOTES.md"), "mine\n");
    mkdirSync(join(out, "v1/custom"), { recursive: true });
    writeFileSync(join(out, "v1/custom/extra.ts"), "export const mine = 1;\n");
    writeFileSync(join(out, "v1/models/Mine.ts"), "export {};\n");
    ageTree(out);
    const before = snapshotTree(out);
    const error = await writeOutput(out, [FILES[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignFilesError);
    expect((error as ForeignFilesError).files).toEqual(["NOTES.md", "v1/custom/extra.ts", "v1/models/Mine.ts"]);
    expect(snapshotTree(out)).toEqual(before);
    expect(read("v1/models/Thing.ts")).toBe(FILES[2]!.text); // listed in the manifest, but the run was refused whole
  });

  it("does not report or fail on a manifest entry the user already deleted", async () => {
    await writeOutput(out, FILES);
    rmSync(join(out, "v1/models/Thing.ts"));
    const changes = await writeOutput(out, FILES.filter((f) => f.path !== "v1/models/Thing.ts"));
    expect(changes.removed).toEqual([]);
  });

  it.each([
    ["../x.ts", "a parent-relative path"],
    ["v1/../../x.ts", "a path that climbs out through a subfolder"],
    ["ABSOLUTE", "an absolute path"],
    [".", "the folder itself"],
  ])("refuses %s in the file list (%s) and writes nothing", async (bad) => {
    await writeOutput(out, FILES);
    ageTree(out);
    const before = snapshotTree(base);
    const path = bad === "ABSOLUTE" ? join(base, "abs.ts") : bad;
    await expect(writeOutput(out, [...FILES, { path, text: "pwned\n" }])).rejects.toThrow(/outside/);
    await expect(diffOutput(out, [...FILES, { path, text: "pwned\n" }])).rejects.toThrow(/outside/);
    expect(snapshotTree(base)).toEqual(before);
    expect(existsSync(join(base, "x.ts"))).toBe(false);
    expect(existsSync(join(base, "abs.ts"))).toBe(false);
  });

  it("ignores manifest lines that point outside the folder (a tampered manifest deletes nothing outside)", async () => {
    await writeOutput(out, FILES);
    const victim = join(base, "outside.txt");
    const victimDir = join(base, "sibling");
    mkdirSync(victimDir);
    writeFileSync(victim, "keep\n");
    writeFileSync(join(victimDir, "file.txt"), "keep\n");
    const manifest = read(MANIFEST);
    writeFileSync(
      join(out, MANIFEST),
      manifest +
        ["../outside.txt", "../../etc/passwd", victim, "v1/../../outside.txt", "../sibling/file.txt", "..", "../sibling", ""].join("\n"),
    );
    const diff = await diffOutput(out, FILES);
    expect(diff.removed).toEqual([]);
    const changes = await writeOutput(out, FILES);
    expect(changes.removed).toEqual([]);
    expect(changes.changed).toEqual([MANIFEST]); // the tampered manifest is rewritten
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(readFileSync(join(victimDir, "file.txt"), "utf8")).toBe("keep\n");
    expect(existsSync("/etc/passwd")).toBe(true);
    expect(manifestLines()).toEqual(FILES.map((f) => f.path).sort());
  });

  it("refuses to follow a symbolic link out of the folder, for removals and writes, and touches nothing", async () => {
    await writeOutput(out, FILES);
    const elsewhere = join(base, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "victim.ts"), "keep\n");
    symlinkSync(elsewhere, join(out, "linked"));
    // A manifest entry through the link, that this run no longer produces: removing it would delete outside. The
    // manifest lists the link too (else it is a foreign file, refused before anything else).
    writeFileSync(join(out, MANIFEST), `${read(MANIFEST)}linked\nlinked/victim.ts\n`);
    await expect(writeOutput(out, FILES)).rejects.toThrow(/linked is a symbolic link/);
    expect(readFileSync(join(elsewhere, "victim.ts"), "utf8")).toBe("keep\n");
    // And a file to write through the link.
    writeFileSync(join(out, MANIFEST), read(MANIFEST).replace("linked\nlinked/victim.ts\n", "linked\n"));
    await expect(writeOutput(out, [...FILES, { path: "linked/new.ts", text: "x\n" }])).rejects.toThrow(/linked is a symbolic link/);
    expect(existsSync(join(elsewhere, "new.ts"))).toBe(false);
    for (const f of FILES) expect(read(f.path)).toBe(f.text);
    rmSync(join(out, "linked"));
    expect(tmpFiles(base)).toEqual([]);
  });

  it("is all or nothing: when one target cannot be written, no file changes and no temp file remains", async () => {
    await writeOutput(out, FILES);
    // A directory sits where the new run wants a file.
    mkdirSync(join(out, "v1/blocked.ts"));
    writeFileSync(join(out, "v1/blocked.ts/inside.txt"), "user data\n");
    ageTree(out);
    const before = snapshotTree(out);
    const next: OutputFile[] = [
      { path: "a-new-file.ts", text: "export const added = 1;\n" }, // sorts before the blocked one
      ...FILES.map((f) => ({ ...f, text: `${f.text}// changed\n` })),
      { path: "v1/blocked.ts", text: "export {};\n" },
      { path: "z/new.ts", text: "export const z = 1;\n" },
    ];
    await expect(writeOutput(out, next)).rejects.toThrow();
    expect(tmpFiles(out)).toEqual([]);
    const after = snapshotTree(out);
    expect(Object.keys(after).filter((p) => !p.endsWith("/"))).toEqual(Object.keys(before).filter((p) => !p.endsWith("/")));
    expect(after).toEqual(before);
    expect(statSync(join(out, "v1/blocked.ts")).isDirectory()).toBe(true);
  });

  it("leaves no temp files after a run that writes, changes and removes", async () => {
    await writeOutput(out, FILES);
    await writeOutput(out, [...FILES.slice(1).map((f) => ({ ...f, text: `${f.text}\n` })), { path: "deep/a/b/c.ts", text: "x\n" }]);
    expect(tmpFiles(out)).toEqual([]);
    expect(listFiles(out).sort()).toEqual([MANIFEST, "deep/a/b/c.ts", "runtime/index.ts", "v1/index.ts", "v1/models/Thing.ts"].sort());
  });
});

describe("file ownership: only what the manifest lists", () => {
  const refused = async (files: readonly OutputFile[]): Promise<ForeignFilesError> => {
    const error = await writeOutput(out, files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForeignFilesError);
    return error as ForeignFilesError;
  };

  it("refuses a user's project folder (package.json, README.md, no manifest): nothing written, bytes unchanged", async () => {
    mkdirSync(join(out, "src"), { recursive: true });
    writeFileSync(join(out, "package.json"), '{ "name": "my-app", "type": "commonjs" }\n');
    writeFileSync(join(out, "README.md"), "# My app\n");
    writeFileSync(join(out, "src/main.ts"), "console.log(1);\n");
    ageTree(out);
    const before = snapshotTree(base);
    for (const files of [FILES, FILES.filter((f) => f.path !== "package.json")]) {
      const error = await refused(files);
      expect(error.code).toBe("output-not-owned");
      expect(error.outDir).toBe(out);
      expect(error.files).toEqual(["README.md", "package.json", "src/main.ts"]);
      expect(error.message).toContain("README.md");
      expect(error.message).toContain("src/main.ts");
    }
    expect(snapshotTree(base)).toEqual(before);
    expect(read("package.json")).toBe('{ "name": "my-app", "type": "commonjs" }\n');
    expect(existsSync(join(out, MANIFEST))).toBe(false);
    expect(tmpFiles(base)).toEqual([]);
  });

  it("names the first 20 foreign files, then how many more", async () => {
    mkdirSync(out);
    for (let i = 0; i < 23; i++) writeFileSync(join(out, `f${String(i).padStart(2, "0")}.txt`), "x\n");
    const error = await refused(FILES);
    expect(error.files).toHaveLength(23);
    const lines = error.message.split("\n");
    expect(lines.filter((l) => /^ {2}f\d\d\.txt$/.test(l))).toHaveLength(20);
    expect(lines).toContain("  f19.txt");
    expect(lines).not.toContain("  f20.txt");
    expect(lines).toContain("  and 3 more");
  });

  it("a package's lockfile, tarballs and build info are its own (npm install and npm pack in it); in sources mode they are foreign", async () => {
    await writeOutput(out, FILES);
    for (const f of ["package-lock.json", "my-pkg-1.0.0.tgz", "tsconfig.build.tsbuildinfo"]) writeFileSync(join(out, f), "{}\n");
    writeFileSync(join(out, "v1", "package-lock.json"), "{}\n");
    expect(foreignFiles(out, FILES)).toEqual(["v1/package-lock.json"]);
    expect(foreignFiles(out, { isPackage: false })).toEqual(["my-pkg-1.0.0.tgz", "package-lock.json", "tsconfig.build.tsbuildinfo", "v1/package-lock.json"]);
    rmSync(join(out, "v1", "package-lock.json"));
    expect((await writeOutput(out, FILES)).unchanged).toBe(FILES.length + 1);
    expect(read("package-lock.json")).toBe("{}\n");
  });

  it("refuses an output path that is a file, or lies below one, as a folder error; nothing is touched", async () => {
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, "README.md"), "# mine\n");
    for (const target of [join(base, "README.md"), join(base, "README.md", "x")]) {
      const error = await writeOutput(target, FILES).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputFolderError);
      expect((error as OutputFolderError).code).toBe("output-not-a-folder");
      expect((error as Error).message).toMatch(/is a file, not a folder/);
      expect(() => checkOutputFolder(target, { isPackage: true })).toThrow(OutputFolderError);
    }
    expect(readFileSync(join(base, "README.md"), "utf8")).toBe("# mine\n");
  });

  it("writes into an existing empty folder", async () => {
    mkdirSync(out);
    const changes = await writeOutput(out, FILES);
    expect(changes.added).toHaveLength(FILES.length + 1);
  });

  it("a package's dist/ and node_modules/ are its own; in sources mode (no package.json) they are foreign", async () => {
    await writeOutput(out, FILES);
    mkdirSync(join(out, "dist/v1"), { recursive: true });
    writeFileSync(join(out, "dist/v1/index.js"), "export const a = 1;\n");
    mkdirSync(join(out, "node_modules/dep"), { recursive: true });
    writeFileSync(join(out, "node_modules/dep/index.js"), "\n");
    expect(foreignFiles(out, FILES)).toEqual([]);
    const next = FILES.map((f) => (f.path === "v1/index.ts" ? { ...f, text: "export const a = 3;\n" } : f));
    expect((await writeOutput(out, next)).changed).toEqual(["v1/index.ts"]);
    expect(read("dist/v1/index.js")).toBe("export const a = 1;\n");
    // Sources mode writes no package.json: a dist/ there is the user's.
    const sources = FILES.filter((f) => f.path !== "package.json");
    expect((await refused(sources)).files).toEqual(["dist/v1/index.js", "node_modules/dep/index.js"]);
    // Only at the root: a dist/ inside a version folder is foreign in package mode too.
    rmSync(join(out, "dist"), { recursive: true });
    rmSync(join(out, "node_modules"), { recursive: true });
    mkdirSync(join(out, "v1/dist"));
    writeFileSync(join(out, "v1/dist/x.js"), "\n");
    expect((await refused(FILES)).files).toEqual(["v1/dist/x.js"]);
  });

  it("refuses a symbolic link the manifest does not list, without following it", async () => {
    await writeOutput(out, FILES);
    const elsewhere = join(base, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "victim.ts"), "keep\n");
    symlinkSync(elsewhere, join(out, "linked"));
    symlinkSync(join(elsewhere, "victim.ts"), join(out, "v1/file-link.ts"));
    const error = await refused([...FILES, { path: "linked/victim.ts", text: "pwned\n" }]);
    expect(error.files).toEqual(["linked", "v1/file-link.ts"]);
    expect(readFileSync(join(elsewhere, "victim.ts"), "utf8")).toBe("keep\n");
  });

  it("regenerates over its own earlier output, and removes what the manifest lists and the run no longer produces", async () => {
    await writeOutput(out, FILES);
    const changes = await writeOutput(out, FILES.filter((f) => f.path !== "v1/index.ts"));
    expect(changes.removed).toEqual(["v1/index.ts"]);
    expect(existsSync(join(out, "v1/index.ts"))).toBe(false);
    expect((await writeOutput(out, FILES)).added).toEqual(["v1/index.ts"]);
  });
});

describe("writeOutput into a folder that does not exist yet", () => {
  it("writes in place, and a failure removes the folder and the parents it created", async () => {
    const nested = join(base, "new", "parent", "out");
    // x.ts is both a file and a folder: the run fails after it has started writing.
    await expect(
      writeOutput(nested, [
        { path: "a.ts", text: "export {};\n" },
        { path: "x.ts", text: "export {};\n" },
        { path: "x.ts/y.ts", text: "export {};\n" },
      ]),
    ).rejects.toThrow();
    expect(existsSync(join(base, "new"))).toBe(false);
    expect(existsSync(base)).toBe(true);
  });

  it("writes every file and the manifest when it succeeds", async () => {
    const nested = join(base, "fresh", "out");
    const changes = await writeOutput(nested, FILES);
    expect(changes.added.length).toBe(FILES.length + 1);
    expect(listFiles(nested).sort()).toEqual([...FILES.map((f) => f.path), MANIFEST].sort());
  });
});

describe("diffOutput", () => {
  it("classifies files as added, changed, removed and unchanged, and writes nothing", async () => {
    await writeOutput(out, FILES);
    ageTree(out);
    const before = snapshotTree(out);
    const next: OutputFile[] = [
      FILES[0]!,
      { ...FILES[1]!, text: "changed\n" },
      FILES[3]!,
      { path: "v2/index.ts", text: "new\n" },
    ];
    const changes = await diffOutput(out, next);
    expect(changes.added).toEqual(["v2/index.ts"]);
    expect(changes.changed).toEqual(["v1/index.ts", MANIFEST]);
    expect(changes.removed).toEqual(["v1/models/Thing.ts"]);
    expect(changes.unchanged).toBe(2);
    expect(snapshotTree(out)).toEqual(before);
  });

  it("treats a missing folder as all added, without creating it", async () => {
    const changes = await diffOutput(out, FILES);
    expect(changes.added.length).toBe(FILES.length + 1);
    expect(existsSync(out)).toBe(false);
  });
});

describe("what a killed run left", () => {
  it("staged files (.codegen-<pid>-<time><n>.tmp) are not foreign and the next write removes them", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "codegen-staged-")), "out");
    const files: OutputFile[] = [
      { path: "v1/index.ts", text: "export const a = 1;\n" },
      { path: "runtime/index.ts", text: "export {};\n" },
    ];
    await writeOutput(out, files);
    writeFileSync(join(out, "v1", ".codegen-4242-1234560.tmp"), "half\n");
    expect(foreignFiles(out, files)).toEqual([]);
    const changes = await writeOutput(out, [{ ...files[0]!, text: "export const a = 2;\n" }, files[1]!]);
    expect(changes.changed).toEqual(["v1/index.ts"]);
    expect(existsSync(join(out, "v1", ".codegen-4242-1234560.tmp"))).toBe(false);
    rmSync(dirname(out), { recursive: true, force: true });
  });

  it("a user's file named like a staged one is foreign, and never removed", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "codegen-staged-")), "out");
    const files: OutputFile[] = [{ path: "v1/index.ts", text: "export const a = 1;\n" }];
    await writeOutput(out, files);
    for (const name of ["notes.codegen-7.tmp", "index.ts.codegen-4242.tmp", ".codegen-1.tmp"]) {
      writeFileSync(join(out, "v1", name), "mine\n");
      expect(foreignFiles(out, files)).toEqual([`v1/${name}`]);
      await expect(writeOutput(out, files)).rejects.toThrow(ForeignFilesError);
      expect(readFileSync(join(out, "v1", name), "utf8")).toBe("mine\n");
      rmSync(join(out, "v1", name));
    }
    rmSync(dirname(out), { recursive: true, force: true });
  });
});
