/**
 * Write stage: the only place that writes. It writes only files whose bytes
 * changed, removes files an earlier run produced and this one did not, and
 * never touches anything outside the output folder. New contents are staged
 * beside their targets first and renamed into place only once all of them
 * were written, so a failed run leaves the folder as it was.
 */
import { lstat, mkdir, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { MANIFEST, manifestText, parseManifest } from "./manifest.js";

export { MANIFEST } from "./manifest.js";

export interface OutputFile {
  readonly path: string;
  readonly text: string;
  /** Hash of the text before formatting, kept in the manifest so the next run can skip formatting it. */
  readonly sourceHash?: string;
}

export interface OutputChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: number;
}


function inside(outDir: string, path: string): string {
  const full = resolve(outDir, path);
  const rel = relative(outDir, full);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) throw new Error(`refusing to touch ${path}: it is outside ${outDir}`);
  return full;
}

/**
 * Like inside(), and also through links: the nearest existing folder on the way to the file must really lie
 * inside the output folder, so a symbolic link in it cannot send a write or a removal elsewhere.
 */
async function reallyInside(outDir: string, path: string): Promise<string> {
  const root = resolve(outDir);
  const full = inside(root, path);
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return full; // a new output folder holds no links yet
  // Walk up from the file's folder to the output folder; the first one that exists must resolve inside.
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined) {
      const rel = relative(realRoot, real);
      if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`refusing to touch ${path}: it leads outside ${outDir}`);
      break;
    }
    if (dir === root) break;
  }
  const stat = await lstat(full).catch(() => undefined);
  if (stat?.isSymbolicLink()) throw new Error(`refusing to touch ${path}: it is a symbolic link`);
  return full;
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Compares the files with what the folder holds, writing nothing. */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<OutputChanges> {
  const root = resolve(outDir);
  const all = [...files, { path: MANIFEST, text: manifestText(files) }];
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  for (const f of all) {
    const current = await readOrUndefined(inside(root, f.path));
    if (current === undefined) added.push(f.path);
    else if (current !== f.text) changed.push(f.path);
    else unchanged++;
  }
  const previous = await readOrUndefined(join(root, MANIFEST));
  const wanted = new Set(all.map((f) => f.path));
  const removed = parseManifest(previous ?? "")
    .map((e) => e.path)
    .filter((l) => !wanted.has(l))
    .filter((l) => {
      try {
        inside(root, l);
        return true;
      } catch {
        return false;
      }
    });
  const stillThere: string[] = [];
  for (const r of removed) if ((await readOrUndefined(join(root, r))) !== undefined) stillThere.push(r);
  return { added, changed, removed: stillThere, unchanged };
}

export async function writeOutput(outDir: string, files: readonly OutputFile[]): Promise<OutputChanges> {
  const root = resolve(outDir);
  const changes = await diffOutput(root, files);
  const byPath = new Map([...files, { path: MANIFEST, text: manifestText(files) }].map((f) => [f.path, f.text]));
  const toWrite = [...changes.added, ...changes.changed];
  const staged: { temp: string; target: string }[] = [];
  const suffix = `.codegen-${process.pid}.tmp`;
  // A file cannot be renamed over a directory: refuse before anything is staged or replaced.
  for (const p of [...toWrite, ...changes.removed]) await reallyInside(root, p);
  for (const p of toWrite) {
    const existing = await lstat(inside(root, p)).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error(`cannot write ${p}: a directory is in the way in ${root}`);
  }
  try {
    for (const p of toWrite) {
      const target = inside(root, p);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}${suffix}`;
      await writeFile(temp, byPath.get(p) ?? "", "utf8");
      staged.push({ temp, target });
    }
  } catch (e) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw e;
  }
  let renamed = 0;
  try {
    for (const s of staged) {
      await rename(s.temp, s.target);
      renamed++;
    }
  } catch (e) {
    await Promise.all(staged.slice(renamed).map((s) => rm(s.temp, { force: true })));
    throw e;
  }
  for (const r of changes.removed) await rm(inside(root, r), { force: true });
  return changes;
}
