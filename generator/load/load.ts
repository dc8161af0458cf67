/**
 * Load stage: the only place that reads input. Metadata comes from a file or
 * a URL; templates and the runtime come from this package's own folders.
 */
import { open, readFile, readdir } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeMetadata } from "./decode.js";
import { redactUrl } from "./redact.js";
import { fetchMetadata } from "./remote.js";
import { DEFAULT_MAX_METADATA_BYTES, formatSize } from "./size.js";
import { sniffNotCsdl } from "./sniff.js";

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
  /** Shown in diagnostics: the path as given, or the URL without its secrets (`redactUrl`). */
  readonly file: string;
  /** Shown in headers: the file's base name, or the URL without its secrets. */
  readonly sourceName: string;
  readonly text: string;
  readonly baseUrl?: string;
}

export interface LoadFailure {
  /** As `LoadedSource.file`: never holds a secret. */
  readonly file: string;
  /**
   * The diagnostic code: `load-failed` for a file that cannot be read, `load-too-large`, `fetch-…` for a URL,
   * `metadata-is-html`/`-json`, `encoding-unsupported`/`-invalid` (decode.ts).
   */
  readonly code: string;
  readonly message: string;
  /** Where in the document, when the failure has a place (an encoding problem). */
  readonly line?: number;
  readonly column?: number;
}

export { redactText, redactUrl } from "./redact.js";
export { parseHeader, HeaderError } from "./header.js";
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./remote.js";
export { DEFAULT_MAX_METADATA_BYTES, formatSize, parseSize, SIZE_WORDS } from "./size.js";

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");

/** Whether a metadata source is an http(s) URL rather than a file. */
export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * Metadata text from a file or a URL, or why not. A URL is fetched with the input's headers and time limit
 * (see remote.ts). `maxBytes` caps the document from either (100 MB by default), counted while it is read: a file
 * that never ends (/dev/zero, a pipe) stops at the limit. The bytes are decoded as the document says (decode.ts).
 * An HTML page or JSON, from either, is reported as such rather than handed to the XML parser.
 */
export async function loadSource(
  input: MetadataInput,
  fetchImpl: typeof fetch = fetch,
  limits: { readonly maxBytes?: number } = {},
): Promise<LoadedSource | LoadFailure> {
  const common = { label: input.label, ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}) };
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_METADATA_BYTES;
  if (isUrl(input.source)) {
    const shown = redactUrl(input.source);
    const got = await fetchMetadata(input.source, {
      fetch: fetchImpl,
      ...(input.headers !== undefined ? { headers: input.headers } : {}),
      ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
      maxBytes,
    });
    if (!got.ok) return { file: shown, code: got.code, message: got.message };
    const decoded = decodeMetadata(got.bytes, charsetOf(got.contentType));
    if (!decoded.ok) return { file: shown, code: decoded.code, message: decoded.message, line: decoded.line, column: decoded.column };
    const odd = sniffNotCsdl(decoded.text, got.contentType, "url");
    if (odd) return { file: shown, code: odd.code, message: odd.message };
    // The header of every generated file names the source: without a query or fragment, which may hold keys.
    return { ...common, file: shown, sourceName: shown.replace(/[?#].*$/s, ""), text: decoded.text };
  }
  const read = await readLimited(input.source, maxBytes);
  if ("code" in read) return { file: input.source, ...read };
  const decoded = decodeMetadata(read.bytes);
  if (!decoded.ok) return { file: input.source, code: decoded.code, message: decoded.message, line: decoded.line, column: decoded.column };
  const odd = sniffNotCsdl(decoded.text, undefined, "file");
  if (odd) return { file: input.source, code: odd.code, message: odd.message };
  return { ...common, file: input.source, sourceName: basename(input.source), text: decoded.text };
}

/** The charset parameter of a Content-Type, unquoted. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? "");
  return m === null ? undefined : (m[1] ?? m[2]);
}

const CHUNK = 1024 * 1024;

/**
 * A file's bytes, read a chunk at a time and given up past `maxBytes`: a device or a pipe that never ends costs
 * the limit, not all memory. A regular file's size is known before reading, so one that is too large is not read.
 */
async function readLimited(path: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { code: string; message: string }> {
  const tooLarge = (): { code: string; message: string } => ({
    code: "load-too-large",
    message: `the metadata file is larger than ${formatSize(maxBytes)}, too large to be a metadata document (the limit is set with --max-metadata-size or the config's maxMetadataSize)`,
  });
  const failed = (e: unknown): { code: string; message: string } => ({
    code: "load-failed",
    message: `could not read metadata: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
  });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (e) {
    return failed(e);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { code: "load-failed", message: "could not read metadata: EISDIR" };
    if (stat.isFile() && stat.size > maxBytes) return tooLarge();
    // One buffer, grown by doubling when the size is not known (or the file grows): a regular file is read into a
    // buffer of its size, with no copy; one byte more tells whether it ended there.
    let buffer = Buffer.allocUnsafe(Math.min(stat.isFile() ? stat.size + 1 : CHUNK, maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) return tooLarge();
        const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, CHUNK), maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) return tooLarge();
    return { bytes: buffer.subarray(0, total) };
  } catch (e) {
    return failed(e);
  } finally {
    await handle.close().catch(() => undefined);
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

/** A template's parse tree made at build time, with the text it was parsed from. */
export interface TemplateTree {
  readonly source: string;
  readonly tree: unknown;
}

/** Where generator/cli/build.mjs writes the templates' parse trees. */
export const TEMPLATE_TREES_FILE = join(PACKAGE_ROOT, "generator", "dist", "template-trees.json");

/**
 * The templates' parse trees made at build time, by template path; empty when there are none (a checkout that runs
 * its sources before a build) or the file cannot be read. The renderer uses a tree only for the text it was parsed
 * from (TemplateTree.source), so a missing or stale file costs a parse, never a wrong output.
 */
export async function loadTemplateTrees(file = TEMPLATE_TREES_FILE): Promise<ReadonlyMap<string, TemplateTree>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return new Map();
  }
  const out = new Map<string, TemplateTree>();
  if (typeof parsed !== "object" || parsed === null) return out;
  for (const [path, entry] of Object.entries(parsed)) {
    const { source, tree } = (entry ?? {}) as Partial<TemplateTree>;
    if (typeof source === "string" && typeof tree === "object" && tree !== null) out.set(path, { source, tree });
  }
  return out;
}

