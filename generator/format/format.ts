/**
 * Format stage: the output in prettier's form, with an explicit configuration, so it is the same on every machine.
 *
 * The templates print prettier's form already; `layout` breaks the long lines the way prettier does. Only a file
 * with a long line of a shape `layout` does not know goes through prettier itself (loaded on first use), so a run
 * over a large service costs milliseconds per file instead of prettier's ~0.3 MB/s. Tests run prettier over the
 * whole output for Outlook, Microsoft Graph and CAP and require it to change nothing.
 */
import { createHash } from "node:crypto";
import type { Options } from "prettier";
import type { RenderedFile } from "../render/render.js";
import { layout, PRINT_WIDTH } from "./layout.js";

export const PRETTIER_OPTIONS: Options = {
  printWidth: PRINT_WIDTH,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
};

/** The pinned prettier version (package.json); a test checks it against the installed one. */
export const PRETTIER_VERSION = "3.10.1";

/** Bumped whenever `layout` changes what it prints: cached results of the old one are then not reused. */
const LAYOUT_VERSION = 2;

function parserFor(path: string): string | undefined {
  if (path.endsWith(".ts")) return "typescript";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return undefined;
}

/** A formatted file, with the hash of its text before formatting (for the next run's cache). */
export interface FormattedFile extends RenderedFile {
  readonly sourceHash?: string;
}

/**
 * What an earlier run formatted: path → the hash of the unformatted text and the formatted text it gave.
 * The load stage builds it from the output folder, keeping only files that are still exactly as written.
 */
export type FormatCache = ReadonlyMap<string, { readonly sourceHash: string; readonly text: string }>;

/** The formatter, its version and options take part in the hash: changing any of them formats everything again. */
const FORMAT_KEY = `layout ${LAYOUT_VERSION} prettier ${PRETTIER_VERSION} ${JSON.stringify(PRETTIER_OPTIONS)}`;

/** A character beyond ASCII: a text without one has no such key (one scan, instead of a match tried at every line). */
const NON_ASCII = /[^\x00-\x7f]/;

/** A quoted property or enum key holding a character beyond ASCII. */
const NON_ASCII_KEY = /^\s*(?:readonly\s+)?["'][^\n]*[^\x00-\x7f]/m;

let prettier: Promise<typeof import("prettier")> | undefined;

/** Prettier itself, for the files `layout` cannot vouch for. */
export async function prettierFormat(text: string, parser: string): Promise<string> {
  prettier ??= import("prettier");
  return (await prettier).format(text, { ...PRETTIER_OPTIONS, parser });
}

/**
 * write/manifest.ts's contentHash of `FORMAT_KEY \0 parser \0 text`, fed in pieces: the file's text is hashed where it
 * lies (in the parts it was rendered in) instead of being copied into one long string first.
 */
function sourceHashOf(parser: string, parts: readonly string[]): string {
  const hash = createHash("sha1").update(`${FORMAT_KEY}\0${parser}\0`);
  for (const p of parts) hash.update(p);
  return hash.digest("hex").slice(0, 32);
}

/**
 * The rendered text's parts, each of whole lines (every part but the last ends a line), or the whole text as one
 * part: `layout` breaks each line on its own, so the parts laid out one by one give the text laid out whole.
 */
function linesInParts(file: RenderedFile): readonly string[] {
  const parts = file.parts;
  if (parts === undefined || parts.length < 2) return [file.text];
  for (let i = 0; i < parts.length - 1; i++) if (parts[i]!.length > 0 && !parts[i]!.endsWith("\n")) return [file.text];
  return parts;
}

export async function formatFile(file: RenderedFile, cache?: FormatCache): Promise<FormattedFile> {
  const parser = parserFor(file.path);
  if (!parser) return { path: file.path, text: file.text };
  const parts = linesInParts(file);
  const sourceHash = sourceHashOf(parser, parts);
  const cached = cache?.get(file.path);
  if (cached?.sourceHash === sourceHash) return { path: file.path, text: cached.text, sourceHash };
  // JSON and Markdown come from small templates in their final form; TypeScript needs its long lines broken, and a
  // quoted key beyond ASCII goes to prettier, which unquotes the ones that are identifiers by its own Unicode tables.
  if (parser !== "typescript") return { path: file.path, text: file.text, sourceHash };
  const laidOut = layoutParts(parts);
  if (laidOut === undefined) return { path: file.path, text: await prettierFormat(file.text, parser), sourceHash };
  if (laidOut.length === 1) return { path: file.path, text: laidOut[0]!, sourceHash };
  // Concatenated, not joined: a large file's text is not copied again (the writer takes it a part at a time).
  let text = "";
  for (const p of laidOut) text += p;
  return withParts({ path: file.path, text, sourceHash }, laidOut);
}

/**
 * The file with its parts (OutputFile.parts) as a property that is not enumerable: a copy made by spreading
 * (`{ ...f, text: banner + f.text }`) or through JSON has none, so the writer writes and hashes the copy's own text.
 */
function withParts(file: FormattedFile, parts: readonly string[]): FormattedFile {
  return Object.defineProperty(file, "parts", { value: parts, enumerable: false });
}

/** Each part laid out, or undefined as `layout`. */
function layoutParts(parts: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of parts) {
    // Line by line, as `layout`: a key on a line of one part is on a line of the whole text.
    if (NON_ASCII.test(p) && NON_ASCII_KEY.test(p)) return undefined;
    const laidOut = layout(p);
    if (laidOut === undefined) return undefined;
    out.push(laidOut);
  }
  return out;
}

/** Formats every file; a file whose unformatted text is unchanged since the cached run is not formatted again. */
export async function formatFiles(files: readonly RenderedFile[], cache?: FormatCache): Promise<FormattedFile[]> {
  return Promise.all(files.map((f) => formatFile(f, cache)));
}
