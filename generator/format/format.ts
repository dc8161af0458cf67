/**
 * Format stage: prettier, pinned, with an explicit configuration, so the
 * output is the same on every machine.
 */
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

export async function formatFile(file: RenderedFile): Promise<RenderedFile> {
  const parser = parserFor(file.path);
  if (!parser) return file;
  const text = await prettier.format(file.text, { ...PRETTIER_OPTIONS, parser });
  return { path: file.path, text };
}

export async function formatFiles(files: readonly RenderedFile[]): Promise<RenderedFile[]> {
  return Promise.all(files.map(formatFile));
}
