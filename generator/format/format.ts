/**
 * Format stage: prettier, pinned, with an explicit configuration, so the
 * output is the same on every machine.
 */
import { createHash } from "node:crypto";
import * as prettier from "prettier";
import type { RenderedFile } from "../render/render.js";

export const PRETTIER_OPTIONS: prettier.Options = {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
};

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
const FORMAT_KEY = `prettier ${prettier.version} ${JSON.stringify(PRETTIER_OPTIONS)}`;

export async function formatFile(file: RenderedFile, cache?: FormatCache): Promise<FormattedFile> {
  const parser = parserFor(file.path);
  if (!parser) return file;
  const sourceHash = createHash("sha256").update(`${FORMAT_KEY}\0${parser}\0${file.text}`).digest("hex");
  const cached = cache?.get(file.path);
  if (cached?.sourceHash === sourceHash) return { path: file.path, text: cached.text, sourceHash };
  const text = await prettier.format(file.text, { ...PRETTIER_OPTIONS, parser });
  return { path: file.path, text, sourceHash };
}

/** Formats every file; a file whose unformatted text is unchanged since the cached run is not formatted again. */
export async function formatFiles(files: readonly RenderedFile[], cache?: FormatCache): Promise<FormattedFile[]> {
  return Promise.all(files.map((f) => formatFile(f, cache)));
}
