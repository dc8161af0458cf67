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
 * lies instead of being copied into one long string first.
 */
function sourceHashOf(parser: string, text: string): string {
  return createHash("sha1").update(`${FORMAT_KEY}\0${parser}\0`).update(text).digest("hex").slice(0, 32);
}

export async function formatFile(file: RenderedFile, cache?: FormatCache): Promise<FormattedFile> {
  const parser = parserFor(file.path);
  if (!parser) return file;
  const sourceHash = sourceHashOf(parser, file.text);
  const cached = cache?.get(file.path);
  if (cached?.sourceHash === sourceHash) return { path: file.path, text: cached.text, sourceHash };
  // JSON and Markdown come from small templates in their final form; TypeScript needs its long lines broken, and a
  // quoted key beyond ASCII goes to prettier, which unquotes the ones that are identifiers by its own Unicode tables.
  const laidOut = parser !== "typescript" ? file.text : NON_ASCII_KEY.test(file.text) ? undefined : layout(file.text);
  const text = laidOut ?? (await prettierFormat(file.text, parser));
  return { path: file.path, text, sourceHash };
}

/** Formats every file; a file whose unformatted text is unchanged since the cached run is not formatted again. */
export async function formatFiles(files: readonly RenderedFile[], cache?: FormatCache): Promise<FormattedFile[]> {
  return Promise.all(files.map((f) => formatFile(f, cache)));
}
