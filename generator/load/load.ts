/**
 * Load stage: the only place that reads input. Metadata comes from a file or
 * a URL; templates and the runtime come from this package's own folders.
 */
import { readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { MANIFEST, parseManifest, contentHash } from "../write/manifest.js";

export interface MetadataInput {
  /** Version label: the folder and subpath export, e.g. `v2.0`. */
  readonly label: string;
  /** A file path or an http(s) URL. */
  readonly source: string;
  readonly baseUrl?: string;
  /** Request headers for a URL source (already expanded; never printed). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time limit for a URL source, in ms (default 30 000). */
  readonly timeoutMs?: number;
}

export interface LoadedSource {
  readonly label: string;
  /** Shown in diagnostics: the path as given, or the URL. */
  readonly file: string;
  /** Shown in headers: the file's base name, or the URL. */
  readonly sourceName: string;
  readonly text: string;
  readonly baseUrl?: string;
}

export interface LoadFailure {
  readonly file: string;
  readonly message: string;
}

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

export async function loadSource(input: MetadataInput, fetchImpl: typeof fetch = fetch): Promise<LoadedSource | LoadFailure> {
  const common = { label: input.label, ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}) };
  if (isUrl(input.source)) {
    try {
      const res = await fetchImpl(input.source, { headers: { Accept: "application/xml" } });
      if (!res.ok) return { file: input.source, message: `could not fetch metadata: HTTP ${res.status}` };
      return { ...common, file: input.source, sourceName: input.source, text: await res.text() };
    } catch (e) {
      return { file: input.source, message: `could not fetch metadata: ${(e as Error).message}` };
    }
  }
  try {
    const text = await readFile(input.source, "utf8");
    return { ...common, file: input.source, sourceName: basename(input.source), text };
  } catch (e) {
    return { file: input.source, message: `could not read metadata: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** Every file under a folder, as path (relative, `/`-separated) → text, sorted by path. */
export async function loadTree(dir: string): Promise<ReadonlyMap<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.set(relative(dir, full).split(sep).join("/"), await readFile(full, "utf8"));
    }
  };
  await walk(dir);
  return out;
}

/** The package's templates: `.hbs` files and the runtime sources. */
export async function loadTemplates(): Promise<ReadonlyMap<string, string>> {
  return loadTree(TEMPLATES_DIR);
}

/**
 * The formatted files an earlier run left in the output folder, by path, with the hash of the text they were
 * formatted from, as its manifest records them. A file that was edited since (its bytes no longer match the
 * manifest) is left out, so it is formatted afresh and any drift shows.
 */
function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

export async function loadFormatCache(outDir: string): Promise<Map<string, { sourceHash: string; text: string }>> {
  const cache = new Map<string, { sourceHash: string; text: string }>();
  const root = resolve(outDir);
  let manifest: string;
  try {
    manifest = await readFile(join(root, MANIFEST), "utf8");
  } catch {
    return cache;
  }
  for (const entry of parseManifest(manifest)) {
    if (!entry.sourceHash || !entry.fileHash) continue;
    const full = resolve(root, entry.path);
    const rel = relative(root, full);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) continue;
    // Thousands of small files: synchronous reads beat a round trip through the thread pool for each.
    const text = readOrUndefined(full);
    if (text !== undefined && contentHash(text) === entry.fileHash) cache.set(entry.path, { sourceHash: entry.sourceHash, text });
  }
  return cache;
}
