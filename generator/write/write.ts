/**
 * Write stage: the only place that writes. It writes only files whose bytes
 * changed, removes files an earlier run produced and this one did not, and
 * never touches anything outside the output folder. It owns only what its
 * manifest lists: a folder holding anything else is refused whole. New contents are staged
 * beside their targets first and renamed into place only once all of them
 * were written, so a failed run leaves the folder as it was; a folder that did
 * not exist is written in place and removed again if the run fails.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { lstat, readFile, realpath, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { contentHash, MANIFEST, manifestText, parseManifest } from "./manifest.js";

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

/** How many foreign files an error message names before it says how many more there are. */
const FOREIGN_SHOWN = 20;

/** Why an output folder is refused: foreign files, a file where the folder should be, or a path blocked inside it. */
export type OutputFolderCode = "output-not-owned" | "output-not-a-folder" | "output-path-blocked";

/**
 * The output folder cannot be codegen's: nothing was written. The CLI maps every such error to the usage exit code
 * (the user named the wrong folder), never to an internal error.
 */
export class OutputFolderError extends Error {
  /** Diagnostic code, as the CLI prints it. */
  readonly code: OutputFolderCode;
  readonly outDir: string;
  constructor(code: OutputFolderCode, outDir: string, message: string) {
    super(message);
    this.name = "OutputFolderError";
    this.code = code;
    this.outDir = outDir;
  }
}

/**
 * The output folder holds files that no earlier run wrote (its manifest does not list them): a folder of the user's
 * project, or one that was never codegen's.
 */
export class ForeignFilesError extends OutputFolderError {
  /** Every foreign file, `/`-separated and relative to outDir, sorted. */
  readonly files: readonly string[];
  constructor(outDir: string, files: readonly string[]) {
    const shown = files.slice(0, FOREIGN_SHOWN).map((f) => `  ${f}`);
    const more = files.length > FOREIGN_SHOWN ? [`  and ${files.length - FOREIGN_SHOWN} more`] : [];
    super(
      "output-not-owned",
      outDir,
      [
        `refusing to write into ${outDir}: it holds files codegen did not write (${MANIFEST} does not list them):`,
        ...shown,
        ...more,
        "Generate into a new or empty folder, or one only codegen writes to.",
      ].join("\n"),
    );
    this.name = "ForeignFilesError";
    this.files = files;
  }
}

/**
 * What installing, building and packing a generated package leave in its folder: not foreign to a package (package
 * mode only). Folders are skipped whole; files are matched by name at the root.
 */
const PACKAGE_OWN_FOLDERS = ["dist", "node_modules"];
const PACKAGE_OWN_FILES = /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|.*\.tgz|.*\.tsbuildinfo)$/;

/** Whether a run writes a package (its files include package.json at the root). */
const writesPackage = (files: readonly OutputFile[]): boolean => files.some((f) => f.path === "package.json");

/**
 * The files under root that the previous manifest does not list, sorted. Symbolic links count as files and are
 * not followed. A package (`isPackage`, or files that include package.json at the root) also owns what installing,
 * building and packing it create: dist/, node_modules/, its lockfile and tarballs.
 */
export function foreignFiles(outDir: string, files: readonly OutputFile[] | { readonly isPackage: boolean }): string[] {
  const root = resolve(outDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const isPackage = "isPackage" in files ? files.isPackage : writesPackage(files);
  return walkOutput(root, isPackage, readSyncOrUndefined(join(root, MANIFEST))).foreign;
}

/** A staged file of a run that was killed before it renamed it into place (see writeOutput's suffix). */
const STAGED = /\.codegen-\d+\.tmp$/;

/**
 * foreignFiles(), given the manifest's text, also giving every folder it walked (relative, "" for the root) and the
 * staged files a killed run left.
 */
function walkOutput(
  root: string,
  isPackage: boolean,
  manifest: string | undefined,
): { foreign: string[]; dirs: string[]; staged: string[] } {
  if (!existsSync(root)) return { foreign: [], dirs: [], staged: [] };
  const staged: string[] = [];
  const owned = new Set(parseManifest(manifest ?? "").map((e) => e.path));
  owned.add(MANIFEST);
  const foreign: string[] = [];
  const dirs: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    dirs.push(prefix === "" ? "" : prefix.slice(0, -1));
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!(isPackage && prefix === "" && PACKAGE_OWN_FOLDERS.includes(entry.name))) walk(join(dir, entry.name), `${rel}/`);
      } else if (STAGED.test(entry.name)) {
        staged.push(rel);
      } else if (!owned.has(rel) && !(isPackage && prefix === "" && PACKAGE_OWN_FILES.test(entry.name))) {
        foreign.push(rel);
      }
    }
  };
  walk(root, "");
  return { foreign: foreign.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), dirs, staged };
}

/**
 * Throws OutputFolderError, touching nothing, unless outDir can be codegen's: it, or the nearest part of its path that
 * exists, is a folder (not a file), and it holds no file that codegen did not write. Writing checks this first; the
 * CLI also calls it for `--check` and before the first of several outputs is written.
 */
export function checkOutputFolder(outDir: string, files: readonly OutputFile[] | { readonly isPackage: boolean }): void {
  checkIsFolder(outDir);
  const root = resolve(outDir);
  const foreign = foreignFiles(root, files);
  if (foreign.length > 0) throw new ForeignFilesError(outDir, foreign);
}

/** Throws OutputFolderError when outDir, or the nearest part of its path that exists, is a file. */
function checkIsFolder(outDir: string): void {
  const root = resolve(outDir);
  for (let p = root; ; p = dirname(p)) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p, { throwIfNoEntry: false });
    } catch (e) {
      // ENOTDIR: a part of the path above is a file; the walk up finds it.
      if ((e as NodeJS.ErrnoException).code === "ENOTDIR") continue;
      throw e;
    }
    if (stat !== undefined) {
      if (!stat.isDirectory()) {
        const what = p === root ? "it is a file" : `${p} is a file`;
        throw new OutputFolderError("output-not-a-folder", outDir, `cannot write into ${outDir}: ${what}, not a folder`);
      }
      return;
    }
    if (dirname(p) === p) return;
  }
}

/**
 * What one write left in the output folder, for a long-lived caller (codegen --watch) to pass to the next write so
 * that it need not read every file again: plain data, owned by the caller, filled (and emptied first) by
 * writeOutput. A file whose size, modification time or inode differ from the record was touched by someone else
 * and is read again; the same for the folders: one whose modification time differs may hold new names, and the
 * whole folder is walked again for files codegen did not write. Empty, it makes writeOutput read everything.
 */
export interface WriteMemory {
  /** Each file the write left (the manifest too) by path: its text, its hash (for the manifest) and its stat. */
  readonly files: Map<string, WrittenFile>;
  /** Each folder of the output (relative, "" for the root) and its modification time after the write. */
  readonly dirs: Map<string, number>;
  /** Whether the files written were a package's (dist/ and node_modules/ then belong to it). */
  isPackage?: boolean;
}

export interface WrittenFile {
  readonly text: string;
  readonly hash: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

const sameStat = (s: Stats | undefined, r: { size: number; mtimeMs: number; ino: number }): boolean =>
  s !== undefined && s.isFile() && s.size === r.size && s.mtimeMs === r.mtimeMs && s.ino === r.ino;

/** The folder as the last write left it: every recorded folder has kept its modification time (so its names). */
function foldersUnchanged(root: string, memory: WriteMemory, isPackage: boolean): boolean {
  if (memory.dirs.size === 0 || memory.isPackage !== isPackage || !memory.dirs.has("")) return false;
  for (const [dir, mtimeMs] of memory.dirs) {
    const s = lstatSync(join(root, dir), { throwIfNoEntry: false });
    if (s === undefined || !s.isDirectory() || s.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

function inside(outDir: string, path: string): string {
  const full = resolve(outDir, path);
  const rel = relative(outDir, full);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) throw new OutputFolderError("output-path-blocked", outDir, `refusing to touch ${path}: it is outside ${outDir}`);
  return full;
}

/** Resolves folders once per run: many files share a folder, and realpath walks every component. */
type RealpathCache = Map<string, Promise<string | undefined>>;

function cachedRealpath(cache: RealpathCache, dir: string): Promise<string | undefined> {
  let p = cache.get(dir);
  if (!p) {
    p = realpath(dir).catch(() => undefined);
    cache.set(dir, p);
  }
  return p;
}

/**
 * Like inside(), and also through links: the nearest existing folder on the way to the file must really lie
 * inside the output folder, so a symbolic link in it cannot send a write or a removal elsewhere.
 */
async function reallyInside(outDir: string, path: string, cache: RealpathCache = new Map()): Promise<string> {
  const root = resolve(outDir);
  const full = inside(root, path);
  const realRoot = await cachedRealpath(cache, root);
  if (realRoot === undefined) return full; // a new output folder holds no links yet
  // Walk up from the file's folder to the output folder; the first one that exists must resolve inside.
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    const real = await cachedRealpath(cache, dir);
    if (real !== undefined) {
      const rel = relative(realRoot, real);
      if (rel.startsWith("..") || isAbsolute(rel)) throw new OutputFolderError("output-path-blocked", outDir, `refusing to touch ${path}: it leads outside ${outDir}`);
      break;
    }
    if (dir === root) break;
  }
  const stat = await lstat(full).catch(() => undefined);
  if (stat?.isSymbolicLink()) throw new OutputFolderError("output-path-blocked", outDir, `refusing to touch ${path}: it is a symbolic link`);
  return full;
}

/** How many file operations run at once: enough to keep the disk busy, few enough to stay far from fd limits. */
const PARALLEL = 32;

/** fn over every item, at most PARALLEL at a time; results in order; the first failure rejects (after the rest settle). */
async function mapLimit<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

function readSyncOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
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
  return (await compareOutput(root, [...files, { path: MANIFEST, text: manifestText(files) }])).changes;
}

/**
 * The changes, and what each file holds now (undefined: missing) with the stat it was judged by (with a memory).
 * Without a memory every file is read. With one, a file whose stat is the one recorded holds the recorded text.
 */
async function compareOutput(
  root: string,
  all: readonly OutputFile[],
  memory?: WriteMemory,
): Promise<{ changes: OutputChanges; current: (string | undefined)[]; stats: (Stats | undefined)[] }> {
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  // Thousands of small files: synchronous reads beat the thread pool; a folder that does not exist holds nothing.
  const exists = existsSync(root);
  const stats: (Stats | undefined)[] = [];
  const current = all.map((f, i) => {
    if (!exists) return undefined;
    const record = memory?.files.get(f.path);
    // A remembered path was checked by inside() when it was written, into this same folder.
    const full = record !== undefined ? join(root, f.path) : inside(root, f.path);
    if (memory === undefined) return readSyncOrUndefined(full);
    const s = lstatSync(full, { throwIfNoEntry: false });
    stats[i] = s;
    if (s === undefined) return undefined;
    return record !== undefined && sameStat(s, record) ? record.text : readSyncOrUndefined(full);
  });
  all.forEach((f, i) => {
    if (current[i] === undefined) added.push(f.path);
    else if (current[i] !== f.text) changed.push(f.path);
    else unchanged++;
  });
  // The previous manifest is the one in the folder (its text was just read, or known).
  const previous = current[all.findIndex((f) => f.path === MANIFEST)];
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
  return { changes: { added, changed, removed: stillThere, unchanged }, current, stats };
}

/**
 * Writes the files into outDir. Throws OutputFolderError, writing nothing, when outDir is a file, or holds files its
 * manifest does not list (ForeignFilesError): the generator writes, changes and removes only what it wrote. With a
 * memory (see WriteMemory), files and folders that kept their stat since the last write are not read or walked again,
 * and the memory is refilled.
 */
export async function writeOutput(outDir: string, files: readonly OutputFile[], memory?: WriteMemory): Promise<OutputChanges> {
  const root = resolve(outDir);
  checkIsFolder(outDir);
  const isPackage = writesPackage(files);
  // Emptied first: a run that fails midway leaves a memory that makes the next one read everything.
  const last: WriteMemory | undefined = memory
    ? { files: new Map(memory.files), dirs: new Map(memory.dirs), ...(memory.isPackage !== undefined ? { isPackage: memory.isPackage } : {}) }
    : undefined;
  if (memory) {
    memory.files.clear();
    memory.dirs.clear();
    delete memory.isPackage;
  }
  let walked: string[] | undefined;
  if (!(last && foldersUnchanged(root, last, isPackage) && sameStat(lstatSync(join(root, MANIFEST), { throwIfNoEntry: false }), last.files.get(MANIFEST) ?? { size: -1, mtimeMs: -1, ino: -1 }))) {
    const manifest = readSyncOrUndefined(join(root, MANIFEST));
    const { foreign, dirs, staged } = walkOutput(root, isPackage, manifest);
    if (foreign.length > 0) throw new ForeignFilesError(outDir, foreign);
    // What a killed run staged and never renamed into place is codegen's own: removed, not counted as foreign.
    for (const f of staged) rmSync(join(root, f), { force: true });
    walked = dirs;
  }
  // Each file's hash, for the manifest and the memory: the last write's when the text is the same.
  const hashes = new Map<string, string>();
  const hashOf = (f: { readonly path: string; readonly text: string }): string => {
    let h = hashes.get(f.path);
    if (h === undefined) {
      const r = last?.files.get(f.path);
      h = r !== undefined && r.text === f.text ? r.hash : contentHash(f.text);
      hashes.set(f.path, h);
    }
    return h;
  };
  const all = [...files, { path: MANIFEST, text: manifestText(files, hashOf) }];
  const { changes, current, stats } = await compareOutput(root, all, last);
  const byPath = new Map(all.map((f) => [f.path, f.text]));
  const toWrite = [...changes.added, ...changes.changed];
  const suffix = `.codegen-${process.pid}.tmp`;
  // A file cannot be renamed over a directory: refuse before anything is staged or replaced.
  const realpaths: RealpathCache = new Map();
  await mapLimit([...toWrite, ...changes.removed], (p) => reallyInside(root, p, realpaths));
  const targets = toWrite.map((p) => inside(root, p));
  if (!existsSync(root)) {
    // A new folder: written in place, and removed whole if anything fails (with any parent this created), so
    // nothing half-written stays.
    let created = root;
    while (!existsSync(dirname(created)) && dirname(created) !== created) created = dirname(created);
    try {
      for (const dir of new Set(targets.map((t) => dirname(t)))) mkdirSync(dir, { recursive: true });
      for (const [i, target] of targets.entries()) writeFileSync(target, byPath.get(toWrite[i]!) ?? "", "utf8");
    } catch (e) {
      rmSync(created, { recursive: true, force: true });
      throw e;
    }
    if (memory) remember(memory, root, all, current, stats, new Set(toWrite), walked ?? [...(last?.dirs.keys() ?? [])], isPackage, hashOf);
    return changes;
  }
  for (const [i, target] of targets.entries()) {
    if (lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) {
      throw new OutputFolderError("output-path-blocked", outDir, `cannot write ${toWrite[i]}: a directory is in the way in ${root}`);
    }
  }
  // Synchronous: for thousands of small files that is several times faster than going through the thread pool.
  let staged = 0;
  try {
    for (const dir of new Set(targets.map((t) => dirname(t)))) mkdirSync(dir, { recursive: true });
    for (const [i, target] of targets.entries()) {
      writeFileSync(`${target}${suffix}`, byPath.get(toWrite[i]!) ?? "", "utf8");
      staged++;
    }
  } catch (e) {
    for (const t of targets.slice(0, staged)) rmSync(`${t}${suffix}`, { force: true });
    throw e;
  }
  let renamed = 0;
  try {
    for (const target of targets) {
      renameSync(`${target}${suffix}`, target);
      renamed++;
    }
  } catch (e) {
    for (const t of targets.slice(renamed)) rmSync(`${t}${suffix}`, { force: true });
    throw e;
  }
  for (const r of changes.removed) await rm(inside(root, r), { force: true });
  if (memory) remember(memory, root, all, current, stats, new Set(toWrite), walked ?? [...(last?.dirs.keys() ?? [])], isPackage, hashOf);
  return changes;
}

/**
 * Fills the memory after a write: the text and stat of every file (a file written now is stat'ed again; the others
 * keep the stat they were judged by), and the modification time of every folder (those walked or known before, and
 * those holding a file).
 */
function remember(
  memory: WriteMemory,
  root: string,
  all: readonly OutputFile[],
  current: readonly (string | undefined)[],
  stats: readonly (Stats | undefined)[],
  written: ReadonlySet<string>,
  knownDirs: readonly string[],
  isPackage: boolean,
  hashOf: (f: OutputFile) => string,
): void {
  const files = new Map<string, WrittenFile>();
  for (const [i, f] of all.entries()) {
    const s = written.has(f.path) || stats[i] === undefined ? lstatSync(inside(root, f.path), { throwIfNoEntry: false }) : stats[i];
    // A file that is not a regular file now, or holds other text than this run's, is not remembered: read next time.
    if (s === undefined || !s.isFile() || (!written.has(f.path) && current[i] !== f.text)) continue;
    files.set(f.path, { text: f.text, hash: f.path === MANIFEST ? "" : hashOf(f), size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
  }
  const dirs = new Set(knownDirs);
  dirs.add("");
  for (const f of all) for (let d = f.path.lastIndexOf("/"); d > 0; d = f.path.lastIndexOf("/", d - 1)) dirs.add(f.path.slice(0, d));
  const times = new Map<string, number>();
  for (const d of dirs) {
    const s = lstatSync(join(root, d), { throwIfNoEntry: false });
    // A folder removed or replaced since: the memory stays empty and the next write walks the whole output again.
    if (s === undefined || !s.isDirectory()) return;
    times.set(d, s.mtimeMs);
  }
  for (const [d, t] of times) memory.dirs.set(d, t);
  for (const [p, r] of files) memory.files.set(p, r);
  memory.isPackage = isPackage;
}
