/**
 * Write stage: the only place that writes. It writes only files whose bytes differ from the run's, removes files an
 * earlier run produced and this one did not, and never touches anything outside the output folder, nor follows a
 * link. It owns only what its manifest lists: a folder holding anything else is refused whole. Every check that can
 * be made is made before the first change (whose folder it is, the paths and the folders on the way to them, what
 * stands in the way, permission); then the changes are made with a journal (new files written in place, changed
 * ones staged beside their targets and renamed into place, old ones removed), and a failure undoes them newest
 * first (files put back byte for byte with their mode, new folders removed), so a failed run leaves the folder as
 * it was.
 *
 * "Never follows a link" holds against what is in the folder when the run checks it. Someone who can write into the
 * folder while codegen runs could swap a folder on the way for a link between the checks and a change: Node has no
 * openat(), so a path is resolved again at each call. New files are created with "wx" (never through anything that
 * appeared in their place), which covers the last step of each path but not the folders before it.
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Dirent,
  type Stats,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileHash, MANIFEST, manifestText, parseManifest, partsOf } from "./manifest.js";

export { MANIFEST } from "./manifest.js";

export interface OutputFile {
  readonly path: string;
  readonly text: string;
  /**
   * The text in the parts it was made in, when it was (a version's models.ts): their concatenation is `text`. The file
   * is hashed and written a part at a time, so that a large text is never made one string, nor one buffer. The
   * formatter sets it as a property that is not enumerable, so a copy made by spreading has none; parts whose lengths
   * do not add up to the text's are ignored (partsOf).
   */
  readonly parts?: readonly string[];
  /** Hash of the text before formatting, recorded in the manifest (no run trusts it to skip a write). */
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

/**
 * Why an output folder is refused or a write failed:
 * - output-not-owned: it holds files codegen did not write;
 * - output-not-a-folder: the output path is a file, a symbolic link, or lies below a file;
 * - output-path-blocked: a path inside it cannot be codegen's (a symbolic link, a file where a folder must go or a
 *   folder where a file must go, something that is not a regular file, a name the file system cannot hold, a path
 *   outside the folder);
 * - output-write-failed: the file system refused a change (no permission, no space, a read-only file system...);
 *   everything this run had changed was put back first.
 */
export type OutputFolderCode = "output-not-owned" | "output-not-a-folder" | "output-path-blocked" | "output-write-failed";

/**
 * The output folder cannot be codegen's, or writing it failed: the folder is as it was. The CLI maps every such
 * error to the usage exit code (2), never to an internal error.
 */
export class OutputFolderError extends Error {
  /** Diagnostic code, as the CLI prints it. */
  readonly code: OutputFolderCode;
  readonly outDir: string;
  /** The path the error is about (absolute), when it is about one. */
  readonly path?: string;
  constructor(code: OutputFolderCode, outDir: string, message: string, path?: string) {
    super(message);
    this.name = "OutputFolderError";
    this.code = code;
    this.outDir = outDir;
    if (path !== undefined) this.path = path;
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

/** The longest name of one file or folder most file systems take, in bytes (NAME_MAX). */
const NAME_MAX = 255;
/** The longest path the system calls take, in bytes (PATH_MAX, with its terminating NUL). */
const PATH_MAX = process.platform === "darwin" ? 1024 : process.platform === "win32" ? 32_767 : 4096;

const errnoOf = (e: unknown): string | undefined => {
  const code = (e as NodeJS.ErrnoException | null | undefined)?.code;
  if (code === "ERR_FS_FILE_TOO_LARGE") return "EFBIG";
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
};

/**
 * The largest file codegen reads in its folder (a file it owns and may replace or remove). It keeps what it replaces
 * in memory to put it back should the write fail, and no file it writes comes near this: a larger one was put there
 * by someone else, and is refused rather than read.
 */
const MAX_OWNED_BYTES = 256 * 1024 * 1024;

function refuseHuge(stat: Stats, full: string): void {
  if (stat.size <= MAX_OWNED_BYTES) return;
  const e = new Error(`${full} is too large`) as NodeJS.ErrnoException;
  e.code = "EFBIG";
  throw e;
}

/** What a file system error means, in words, with its code. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the file system is read-only",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of its path is not a folder",
  ELOOP: "it is, or goes through, a symbolic link",
  ENAMETOOLONG: "the name is too long for the file system",
  EEXIST: "something else appeared there while codegen ran",
  ENOENT: "it disappeared while codegen ran",
  ENOTEMPTY: "the folder is not empty",
  EBUSY: "it is busy",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "an input/output error",
  EFBIG: `it is larger than any file codegen writes (over ${MAX_OWNED_BYTES / 1024 / 1024} MiB): remove it`,
  ETXTBSY: "it is busy",
};

function reason(e: unknown): string {
  const code = errnoOf(e);
  if (code === undefined) return (e as Error).message;
  return `${REASONS[code] ?? (e as Error).message} (${code})`;
}

const blocked = (outDir: string, path: string, why: string): OutputFolderError =>
  new OutputFolderError("output-path-blocked", outDir, `cannot write into ${outDir}: ${path} ${why}`, join(resolve(outDir), path));

/** lstat, giving undefined for a path that does not exist (or cannot: a part of it is a file). */
function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    const code = errnoOf(e);
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw e;
  }
}

/** What a path holds, in the words of an error message. */
function kindOf(s: Stats): string {
  if (s.isSymbolicLink()) return "a symbolic link";
  if (s.isDirectory()) return "a folder";
  if (s.isFile()) return "a file";
  if (s.isFIFO()) return "a named pipe";
  if (s.isSocket()) return "a socket";
  return "a device";
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * What is at full, never through a link and never blocking on a pipe: its stat (undefined: nothing there), and its
 * bytes when it is a regular file. One open and one fstat where the system can refuse to follow a link.
 */
function probe(full: string): { stat?: Stats; bytes?: Buffer } {
  if (O_NOFOLLOW === 0) {
    const stat = lstatOrUndefined(full);
    return stat?.isFile() ? { stat, bytes: readRegular(full) } : stat ? { stat } : {};
  }
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    const code = errnoOf(e);
    if (code === "ENOENT" || code === "ENOTDIR") return {};
    // A link (ELOOP), a socket (ENXIO): said by its lstat.
    const stat = code === "ELOOP" || code === "ENXIO" ? lstatOrUndefined(full) : undefined;
    if (stat !== undefined && !stat.isFile()) return { stat };
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { stat };
    refuseHuge(stat, full);
    return { stat, bytes: readFileSync(fd) };
  } finally {
    closeSync(fd);
  }
}

/** The bytes of the regular file at full, never through a link and never blocking on a pipe put there since. */
function readRegular(full: string): Buffer {
  const fd = openSync(full, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const e = new Error(`${full} is not a regular file`) as NodeJS.ErrnoException;
      e.code = "EISDIR";
      throw e;
    }
    refuseHuge(stat, full);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The manifest's text, read only when it is a regular file (never through a link, never a pipe). */
function readManifest(root: string): string | undefined {
  const full = join(root, MANIFEST);
  try {
    const s = lstatOrUndefined(full);
    return s?.isFile() ? readRegular(full).toString("utf8") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files under root that the previous manifest does not list, sorted. Symbolic links count as files and are
 * not followed. A package (`isPackage`, or files that include package.json at the root) also owns what installing,
 * building and packing it create: dist/, node_modules/, its lockfile and tarballs.
 */
export function foreignFiles(outDir: string, files: readonly OutputFile[] | { readonly isPackage: boolean }): string[] {
  const root = resolve(outDir);
  if (root.includes("\0")) return [];
  const s = lstatOrUndefined(root);
  if (s === undefined || !s.isDirectory()) return [];
  const isPackage = "isPackage" in files ? files.isPackage : writesPackage(files);
  return walkOutput(outDir, root, isPackage, readManifest(root)).foreign;
}

/**
 * A staged file of a run that was killed before it renamed it into place: exactly the names apply() gives them
 * (`.codegen-<pid>-<time><n>.tmp`), so a user's `notes.codegen-7.tmp` stays foreign and is never removed.
 */
const STAGED = /^\.codegen-\d+-\d+\.tmp$/;

/**
 * foreignFiles(), given the manifest's text, also giving every folder it walked (relative, "" for the root), the
 * staged files a killed run left, and the first entry the manifest lists that is not a regular file or folder (a
 * symbolic link, a pipe: codegen never writes one, and never follows one).
 */
function walkOutput(
  outDir: string,
  root: string,
  isPackage: boolean,
  manifest: string | undefined,
): { foreign: string[]; dirs: string[]; staged: string[]; odd?: { path: string; kind: string } } {
  const staged: string[] = [];
  const owned = new Set(parseManifest(manifest ?? "").map((e) => e.path));
  owned.add(MANIFEST);
  const foreign: string[] = [];
  const dirs: string[] = [];
  let odd: { path: string; kind: string } | undefined;
  const walk = (dir: string, prefix: string): void => {
    dirs.push(prefix === "" ? "" : prefix.slice(0, -1));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if (errnoOf(e) === undefined) throw e;
      throw new OutputFolderError("output-write-failed", outDir, `cannot read the folder ${dir}: ${reason(e)}; nothing was written`, dir);
    }
    for (const entry of entries) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!(isPackage && prefix === "" && PACKAGE_OWN_FOLDERS.includes(entry.name))) walk(join(dir, entry.name), `${rel}/`);
      } else if (STAGED.test(entry.name) && entry.isFile()) {
        staged.push(rel);
      } else if (!owned.has(rel)) {
        if (!(isPackage && prefix === "" && PACKAGE_OWN_FILES.test(entry.name))) foreign.push(rel);
      } else if (!entry.isFile() && (odd === undefined || rel === MANIFEST)) {
        odd = { path: rel, kind: entry.isSymbolicLink() ? "a symbolic link" : entry.isFIFO() ? "a named pipe" : entry.isSocket() ? "a socket" : "a device" };
      }
    }
  };
  if (lstatOrUndefined(root)?.isDirectory()) walk(root, "");
  return { foreign: foreign.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), dirs, staged, ...(odd ? { odd } : {}) };
}

/** Throws the error walkOutput's findings make: foreign files first, then an entry codegen would not follow. */
function refuseWalk(outDir: string, found: ReturnType<typeof walkOutput>): void {
  // A manifest that is not a regular file is not read: said first, rather than every file it lists called foreign.
  if (found.odd?.path === MANIFEST) throw blocked(outDir, MANIFEST, `is ${found.odd.kind}; codegen never follows a link. Remove it.`);
  if (found.foreign.length > 0) throw new ForeignFilesError(outDir, found.foreign);
  if (found.odd) throw blocked(outDir, found.odd.path, `is ${found.odd.kind}; codegen writes only regular files and never follows a link. Remove it.`);
}

/**
 * Throws OutputFolderError, touching nothing, unless outDir can be codegen's: it, or the nearest part of its path that
 * exists, is a folder (not a file, not a symbolic link), and it holds no file that codegen did not write and no link
 * among its files. Given the files of a run, it also makes every other check the write makes before it changes
 * anything (the paths, the folders on the way to them, what is in the way). Writing checks this first; the CLI also
 * calls it for `--check` and before the first of several outputs is written.
 */
export function checkOutputFolder(outDir: string, files: readonly OutputFile[] | { readonly isPackage: boolean }): void {
  checkIsFolder(outDir);
  const root = resolve(outDir);
  if ("isPackage" in files) {
    refuseWalk(outDir, walkOutput(outDir, root, files.isPackage, readManifest(root)));
    return;
  }
  refuseWalk(outDir, walkOutput(outDir, root, writesPackage(files), readManifest(root)));
  preflight(outDir, root, withManifest(files, (f) => fileHash(f)));
}

/** Why a name cannot be one of a path's parts on any file system codegen writes to, or undefined. */
function badName(name: string): string | undefined {
  if (name === "") return "has an empty part";
  if (name === "." || name === "..") return `has a \`${name}\` part`;
  if (name.includes("\0")) return "holds a NUL character";
  if (process.platform === "win32" && name.includes("\\")) return "holds a backslash";
  const bytes = Buffer.byteLength(name);
  if (bytes > NAME_MAX) return `has a name of ${bytes} bytes (${JSON.stringify(`${name.slice(0, 24)}…`)}); a file system takes at most ${NAME_MAX}`;
  return undefined;
}

/** Throws OutputFolderError when outDir, or the nearest part of its path that exists, is not a folder, or outDir is a link. */
function checkIsFolder(outDir: string): void {
  const root = resolve(outDir);
  const notAFolder = (why: string, path?: string): OutputFolderError =>
    new OutputFolderError("output-not-a-folder", outDir, `cannot write into ${outDir}: ${why}`, path ?? root);
  if (root.includes("\0")) {
    throw new OutputFolderError("output-not-a-folder", outDir, `cannot write into ${JSON.stringify(outDir)}: its path holds a NUL character`, root);
  }
  const tooLong = root.split(sep).find((n) => Buffer.byteLength(n) > NAME_MAX);
  if (tooLong !== undefined) throw notAFolder(`a name in its path is ${Buffer.byteLength(tooLong)} bytes long; a file system takes at most ${NAME_MAX}`);
  if (Buffer.byteLength(root) >= PATH_MAX) throw notAFolder(`its path is ${Buffer.byteLength(root)} bytes long; the system takes at most ${PATH_MAX - 1}`);
  for (let p = root; ; p = dirname(p)) {
    let stat: Stats | undefined;
    try {
      stat = lstatOrUndefined(p);
      // Folders above the output folder may be links (the user's own layout); the output folder itself may not.
      if (stat?.isSymbolicLink() && p !== root) stat = statSync(p);
    } catch (e) {
      if (errnoOf(e) === undefined) throw e;
      throw notAFolder(`${p === root ? "it" : p}: ${reason(e)}`, p);
    }
    if (stat !== undefined) {
      if (stat.isSymbolicLink()) {
        let target = "";
        try {
          target = ` (to ${readlinkSync(p)})`;
        } catch {
          // Unreadable: named without its target.
        }
        throw notAFolder(`it is a symbolic link${target}; codegen does not follow links: name the folder itself`);
      }
      if (!stat.isDirectory()) {
        const kind = stat.isFile() ? "a file" : kindOf(stat);
        throw notAFolder(`${p === root ? "it" : p} is ${kind}, not a folder`, p);
      }
      return;
    }
    if (dirname(p) === p) return;
  }
}

/**
 * What one write left in the output folder, for a long-lived caller (codegen --watch) to pass to the next write so
 * that it need not read every file again: plain data, owned by the caller, filled (and emptied first) by
 * writeOutput. A file whose size, modification time, change time or inode differ from the record was touched by
 * someone else and is read again (the change time cannot be set back by hand, so an edit that restores the
 * modification time is seen too); the same for the folders: one whose change time differs may hold new names, and
 * the whole folder is walked again for files codegen did not write. Empty, it makes writeOutput read everything.
 */
export interface WriteMemory {
  /** Each file the write left (the manifest too) by path: its text, its hash (for the manifest) and its stat. */
  readonly files: Map<string, WrittenFile>;
  /** Each folder of the output (relative, "" for the root) and its change time (ctimeMs) after the write. */
  readonly dirs: Map<string, number>;
  /** Whether the files written were a package's (dist/ and node_modules/ then belong to it). */
  isPackage?: boolean;
}

export interface WrittenFile {
  readonly text: string;
  readonly hash: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

const sameStat = (s: Stats | undefined, r: { size: number; mtimeMs: number; ctimeMs: number; ino: number } | undefined): boolean =>
  s !== undefined && r !== undefined && s.isFile() && s.size === r.size && s.mtimeMs === r.mtimeMs && s.ctimeMs === r.ctimeMs && s.ino === r.ino;

/** The folder as the last write left it: every recorded folder has kept its change time (so its names). */
function foldersUnchanged(root: string, memory: WriteMemory, isPackage: boolean): boolean {
  if (memory.dirs.size === 0 || memory.isPackage !== isPackage || !memory.dirs.has("")) return false;
  for (const [dir, ctimeMs] of memory.dirs) {
    const s = lstatOrUndefined(join(root, dir));
    if (s === undefined || !s.isDirectory() || s.ctimeMs !== ctimeMs) return false;
  }
  return true;
}

/** Throws unless path is a plain relative path that stays inside outDir, with names the file system can hold. */
/** A path that is plainly relative and inside: ASCII names without `.` or `..` parts (what codegen writes). */
const PLAIN = /^[\w$@+=,~.-]+(?:\/[\w$@+=,~.-]+)*$/;
const DOT_PART = /(?:^|\/)\.\.?(?:\/|$)/;

function checkPath(outDir: string, root: string, path: string): string {
  if (typeof path !== "string" || path === "") throw blocked(outDir, JSON.stringify(path), "is not a file name");
  // The common case, cheaply: plain names, none too long, a short enough path.
  // (An ASCII path of at most NAME_MAX characters has no longer name; a UTF-16 unit of root takes at most 3 bytes.)
  if (path.length <= NAME_MAX && PLAIN.test(path) && !DOT_PART.test(path) && 3 * root.length + 1 + path.length < PATH_MAX) return join(root, path);
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || isAbsolute(path)) {
    throw new OutputFolderError("output-path-blocked", outDir, `refusing to touch ${path}: it is outside ${outDir}`, full);
  }
  for (const name of path.split("/")) {
    const why = badName(name);
    if (why !== undefined) throw blocked(outDir, path, why);
  }
  const bytes = Buffer.byteLength(full);
  if (bytes >= PATH_MAX) throw blocked(outDir, path, `has a full path of ${bytes} bytes; the system takes at most ${PATH_MAX - 1}`);
  return full;
}

/** Whether a manifest entry is a path checkPath accepts (a tampered or foreign line is ignored, never followed). */
function plainPath(root: string, path: string): boolean {
  try {
    checkPath(root, root, path);
    return true;
  } catch {
    return false;
  }
}

/** The run's files and the manifest that lists them. */
function withManifest(files: readonly OutputFile[], hashOf: (f: OutputFile) => string): OutputFile[] {
  return [...files, { path: MANIFEST, text: manifestText(files, hashOf) }];
}

/** One file of the run as the folder holds it now. */
interface Judged {
  readonly file: OutputFile;
  readonly full: string;
  /** What the file holds now and its mode, when it exists (for a change to be undone). */
  readonly old?: { readonly bytes: Buffer; readonly mode: number };
  /** The stat it was judged by. */
  readonly stat?: Stats;
  readonly state: "added" | "changed" | "unchanged";
}

interface Plan {
  readonly changes: OutputChanges;
  readonly judged: readonly Judged[];
  /** Folders to create, outermost first (absolute). */
  readonly mkdirs: readonly string[];
  /** Files to remove (absolute), with what they hold now and their mode. */
  readonly removals: readonly { readonly full: string; readonly bytes: Buffer; readonly mode: number }[];
  /** The folders the changes go into that exist (absolute): each must be writable. */
  readonly touched: ReadonlySet<string>;
}

/**
 * Every check that can be made before the first change, and what the write will do: the paths are plain and inside
 * the folder; the folders on the way are real folders (no link, no file in the way) or do not exist yet; what sits
 * at each path is a regular file or nothing (no folder, link or pipe); the bytes there, compared with the run's, say
 * whether the file is added, changed or unchanged (with a memory, a file whose stat is the recorded one holds the
 * recorded text). The previous manifest (as the folder holds it) names the files to remove.
 */
function preflight(outDir: string, root: string, all: readonly OutputFile[], memory?: WriteMemory): Plan {
  const seen = new Set<string>();
  const folders = new Set<string>();
  for (const f of all) {
    checkPath(outDir, root, f.path);
    if (seen.has(f.path)) throw blocked(outDir, f.path, "is written twice by this run (a bug in codegen's naming)");
    seen.add(f.path);
    for (let d = f.path.lastIndexOf("/"); d > 0; d = f.path.lastIndexOf("/", d - 1)) folders.add(f.path.slice(0, d));
  }
  for (const f of all) if (folders.has(f.path)) throw blocked(outDir, f.path, "would be both a file and a folder in this run (a bug in codegen's naming)");

  const rootStat = lstatOrUndefined(root);
  // Each folder on the way (relative, "" for the root): it exists as a real folder, or does not exist yet.
  const folderState = new Map<string, "dir" | "missing" | "file">();
  folderState.set("", rootStat === undefined ? "missing" : "dir");
  const stateOf = (dir: string, forPath: string, removing: boolean): "dir" | "missing" | "file" => {
    const known = folderState.get(dir);
    if (known !== undefined) return known;
    const up = stateOf(dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "", forPath, removing);
    let state: "dir" | "missing" | "file";
    if (up !== "dir") state = "missing";
    else {
      const s = lstatOrUndefined(join(root, dir));
      if (s === undefined) state = "missing";
      else if (s.isDirectory()) state = "dir";
      else if (s.isSymbolicLink()) throw blocked(outDir, dir, `is a symbolic link, on the way to ${forPath}; codegen never follows a link. Remove it.`);
      else if (removing) return "file"; // an old manifest line below a file: nothing there to remove (not cached: a write may need the folder)
      else throw blocked(outDir, dir, `is ${kindOf(s)} where codegen needs a folder (for ${forPath}). Remove it.`);
    }
    folderState.set(dir, state);
    return state;
  };
  const parentOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  const touched = new Set<string>();
  const judged: Judged[] = all.map((file) => {
    const full = join(root, file.path);
    const parent = parentOf(file.path);
    if (stateOf(parent, file.path, false) === "missing") {
      added.push(file.path);
      return { file, full, state: "added" };
    }
    touched.add(join(root, parent));
    // With a record of the last write, a stat tells whether to read at all; without, one open tells and reads.
    const record = memory?.files.get(file.path);
    let s: Stats | undefined;
    let now: Buffer | undefined;
    try {
      if (record !== undefined) s = lstatOrUndefined(full);
      if (record !== undefined && sameStat(s, record)) now = record.text === file.text ? undefined : Buffer.from(record.text, "utf8");
      else ({ stat: s, bytes: now } = probe(full));
    } catch (e) {
      if (errnoOf(e) === undefined) throw e;
      throw new OutputFolderError("output-write-failed", outDir, `cannot read ${full}: ${reason(e)}; nothing was written`, full);
    }
    if (s === undefined) {
      added.push(file.path);
      return { file, full, state: "added" };
    }
    if (!s.isFile()) {
      const more = s.isDirectory() ? " where codegen writes a file" : "; codegen writes only regular files and never follows a link";
      throw blocked(outDir, file.path, `is ${kindOf(s)}${more}. Remove it.`);
    }
    if (now === undefined) {
      // The record's own text, at the recorded stat.
      unchanged++;
      return { file, full, stat: s, state: "unchanged" };
    }
    // The bytes decide, exactly (a string comparison would take invalid UTF-8 for the replacement character).
    if (now.length === Buffer.byteLength(file.text) && now.equals(Buffer.from(file.text, "utf8"))) {
      unchanged++;
      return { file, full, stat: s, state: "unchanged" };
    }
    changed.push(file.path);
    return { file, full, stat: s, old: { bytes: now, mode: s.mode }, state: "changed" };
  });

  // The previous manifest is the one in the folder (as just read or known): what it lists and this run does not
  // produce is removed, when it is still a file of the folder; a line that is not a plain path inside is ignored.
  const manifest = judged.find((j) => j.file.path === MANIFEST);
  const previous = manifest?.old?.bytes.toString("utf8") ?? (manifest?.state === "unchanged" ? manifest.file.text : undefined);
  const removed: string[] = [];
  const removals: { full: string; bytes: Buffer; mode: number }[] = [];
  // On a case-insensitive file system (macOS, Windows) an old line `models/IPAddress.ts` names the very file this run
  // writes as `models/IpAddress.ts` (Windows also drops a trailing dot): the same directory entry, which must stay.
  let written: Set<string> | undefined;
  const sameEntry = (st: Stats): boolean => {
    written ??= new Set(judged.flatMap((j) => (j.stat ? [`${j.stat.dev}:${j.stat.ino}`] : [])));
    return st.nlink === 1 && written.has(`${st.dev}:${st.ino}`);
  };
  for (const { path } of parseManifest(previous ?? "")) {
    if (seen.has(path) || !plainPath(root, path)) continue;
    if (stateOf(parentOf(path), path, true) !== "dir") continue;
    const full = join(root, path);
    const s = lstatOrUndefined(full);
    if (s === undefined || s.isDirectory()) continue;
    if (!s.isFile()) throw blocked(outDir, path, `is ${kindOf(s)}; codegen writes only regular files and never follows a link. Remove it.`);
    if (sameEntry(s)) continue;
    if (removals.some((r) => r.full === full)) continue;
    let bytes: Buffer;
    try {
      bytes = readRegular(full);
    } catch (e) {
      if (errnoOf(e) === undefined) throw e;
      throw new OutputFolderError("output-write-failed", outDir, `cannot read ${full}: ${reason(e)}; nothing was written`, full);
    }
    removed.push(path);
    removals.push({ full, bytes, mode: s.mode });
    touched.add(dirname(full));
  }

  // The folders to create, outermost first: the output folder and the parents it lacks, then those inside.
  const mkdirs: string[] = [];
  if (rootStat === undefined) {
    const missing: string[] = [];
    for (let p = root; lstatOrUndefined(p) === undefined && dirname(p) !== p; p = dirname(p)) missing.unshift(p);
    mkdirs.push(...missing);
    if (missing.length > 0) touched.add(dirname(missing[0]!));
  }
  // Only those a new file goes into (an old manifest line's missing folder is not created).
  const needed = new Set<string>();
  for (const j of judged) {
    if (j.state !== "added") continue;
    for (let d = parentOf(j.file.path); d !== "" && folderState.get(d) === "missing" && !needed.has(d); d = parentOf(d)) needed.add(d);
  }
  const inside = [...needed];
  inside.sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : 1));
  mkdirs.push(...inside.map((d) => join(root, d)));

  return { changes: { added, changed, removed, unchanged }, judged, mkdirs, removals, touched };
}

/**
 * Compares the files with what the folder holds, writing nothing; throws the OutputFolderError writing them would
 * throw before its first change (checkOutputFolder's checks).
 */
export async function diffOutput(outDir: string, files: readonly OutputFile[]): Promise<OutputChanges> {
  const root = resolve(outDir);
  checkIsFolder(outDir);
  refuseWalk(outDir, walkOutput(outDir, root, writesPackage(files), readManifest(root)));
  return preflight(outDir, root, withManifest(files, (f) => fileHash(f))).changes;
}

/** Makes the plan's changes; a failure undoes those made, newest first, and throws output-write-failed. */
function apply(outDir: string, plan: Plan): void {
  const undo: { what: string; run: () => void }[] = [];
  const token = `${process.pid}-${Date.now() % 1_000_000}`;
  let step = "";
  let at = "";
  try {
    for (const dir of plan.mkdirs) {
      step = `create the folder ${dir}`;
      at = dir;
      mkdirSync(dir);
      undo.push({ what: `remove the folder ${dir}`, run: () => rmdirSync(dir) });
    }
    const replaced = plan.judged.filter((j) => j.state === "changed");
    const staged = replaced.map((j, n) => join(dirname(j.full), `.codegen-${token}${n}.tmp`));
    for (const j of plan.judged) {
      if (j.state !== "added") continue;
      step = `write ${j.full}`;
      at = j.full;
      // "wx": created here, never through something that appeared in its place since the checks.
      writeText(j.full, j.file, "wx");
      undo.push({ what: `remove ${j.full}`, run: () => unlinkSync(j.full) });
    }
    for (const [n, j] of replaced.entries()) {
      step = `write ${j.full}`;
      at = j.full;
      writeText(staged[n]!, j.file, "wx");
      undo.push({ what: `remove ${staged[n]}`, run: () => unlinkSync(staged[n]!) });
    }
    for (const [n, j] of replaced.entries()) {
      step = `replace ${j.full}`;
      at = j.full;
      renameSync(staged[n]!, j.full);
      undo.push({ what: `restore ${j.full}`, run: () => restore(j.full, j.old!, staged[n]!) });
    }
    for (const r of plan.removals) {
      step = `remove ${r.full}`;
      at = r.full;
      unlinkSync(r.full);
      undo.push({ what: `restore ${r.full}`, run: () => restore(r.full, r, undefined) });
    }
  } catch (e) {
    const failed: string[] = [];
    for (const u of undo.reverse()) {
      try {
        u.run();
      } catch (again) {
        if (errnoOf(again) !== "ENOENT") failed.push(`${u.what}: ${reason(again)}`);
      }
    }
    if (errnoOf(e) === undefined) throw e;
    const left =
      failed.length === 0
        ? `; ${outDir} was left as it was`
        : `; putting ${outDir} back failed too:\n${failed.map((f) => `  could not ${f}`).join("\n")}`;
    throw new OutputFolderError("output-write-failed", outDir, `cannot ${step}: ${reason(e)}${left}`, at);
  }
}

/** Writes a file's text, a part at a time where it has parts (OutputFile.parts). */
function writeText(full: string, file: OutputFile, flag: string): void {
  const parts = partsOf(file);
  if (parts === undefined) {
    writeFileSync(full, file.text, { flag });
    return;
  }
  const fd = openSync(full, flag);
  try {
    for (const p of parts) {
      const bytes = Buffer.from(p, "utf8");
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}

/** Puts a file's earlier bytes and mode back: through a staged file when one is given (replacing), else in place. */
function restore(full: string, old: { readonly bytes: Buffer; readonly mode: number }, via: string | undefined): void {
  const target = via ?? full;
  writeFileSync(target, old.bytes, { flag: "wx", mode: old.mode & 0o7777 });
  chmodSync(target, old.mode & 0o7777);
  if (via !== undefined) renameSync(via, full);
}

/**
 * Writes the files into outDir. Throws OutputFolderError, having changed nothing, when outDir is a file or a link,
 * holds files its manifest does not list (ForeignFilesError), or a path of the run is blocked (a link, a file where
 * a folder must go, a folder where a file must go, a name too long); and output-write-failed, having undone what it
 * changed, when the file system refuses a change. Every file the run produces ends with the run's bytes, whatever
 * the manifest says of it: the bytes in the folder are compared, and only the files that differ are written. With
 * a memory (see WriteMemory), files and folders that kept their stat since the last write are not read or walked
 * again, and the memory is refilled.
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
  let leftovers: string[] = [];
  if (!(last && foldersUnchanged(root, last, isPackage) && sameStat(lstatOrUndefined(join(root, MANIFEST)), last.files.get(MANIFEST)))) {
    const found = walkOutput(outDir, root, isPackage, readManifest(root));
    refuseWalk(outDir, found);
    walked = found.dirs;
    leftovers = found.staged;
  }
  // Each file's hash, for the manifest and the memory: the last write's when the text is the same.
  const hashes = new Map<string, string>();
  const hashOf = (f: { readonly path: string; readonly text: string }): string => {
    let h = hashes.get(f.path);
    if (h === undefined) {
      const r = last?.files.get(f.path);
      h = r !== undefined && r.text === f.text ? r.hash : fileHash(f);
      hashes.set(f.path, h);
    }
    return h;
  };
  const all = withManifest(files, hashOf);
  const plan = preflight(outDir, root, all, last);
  // Permission, checked before the first change where it can be (the file system may still refuse later).
  for (const dir of plan.touched) {
    try {
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (e) {
      if (errnoOf(e) === undefined) throw e;
      throw new OutputFolderError("output-write-failed", outDir, `cannot write into the folder ${dir}: ${reason(e)}; nothing was written`, dir);
    }
  }
  apply(outDir, plan);
  // What a killed run staged and never renamed into place is codegen's own: removed once this run succeeded.
  for (const f of leftovers) {
    try {
      unlinkSync(join(root, f));
    } catch {
      // Gone already, or not removable: harmless, and the next run tries again.
    }
  }
  if (memory) remember(memory, root, plan, walked ?? [...(last?.dirs.keys() ?? [])], isPackage, hashOf);
  return plan.changes;
}

/**
 * Fills the memory after a write: the text and stat of every file (a file written now is stat'ed again; the others
 * keep the stat they were judged by), and the change time of every folder (those walked or known before, and
 * those holding a file).
 */
function remember(
  memory: WriteMemory,
  root: string,
  plan: Plan,
  knownDirs: readonly string[],
  isPackage: boolean,
  hashOf: (f: OutputFile) => string,
): void {
  const files = new Map<string, WrittenFile>();
  for (const j of plan.judged) {
    const s = j.state !== "unchanged" || j.stat === undefined ? lstatOrUndefined(j.full) : j.stat;
    // A file that is not a regular file now is not remembered: read next time.
    if (s === undefined || !s.isFile()) continue;
    const f = j.file;
    files.set(f.path, { text: f.text, hash: f.path === MANIFEST ? "" : hashOf(f), size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });
  }
  const dirs = new Set(knownDirs);
  dirs.add("");
  for (const j of plan.judged) {
    const p = j.file.path;
    for (let d = p.lastIndexOf("/"); d > 0; d = p.lastIndexOf("/", d - 1)) dirs.add(p.slice(0, d));
  }
  const times = new Map<string, number>();
  for (const d of dirs) {
    const s = lstatOrUndefined(join(root, d));
    // A folder removed or replaced since: the memory stays empty and the next write walks the whole output again.
    if (s === undefined || !s.isDirectory()) return;
    times.set(d, s.ctimeMs);
  }
  for (const [d, t] of times) memory.dirs.set(d, t);
  for (const [p, r] of files) memory.files.set(p, r);
  memory.isPackage = isPackage;
}
