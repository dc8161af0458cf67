/**
 * Migration maps (templates/runtime/migration-map.ts) read from disk: a file the config names (`migration`), or one of
 * the maps this package ships (generator/diff/maps/, named by the service profile). Only the reading and the JSON
 * syntax are checked here, with the line and column of a syntax error; the shape and what it must agree with are the
 * plan's (plan/migration.ts).
 */
import { open } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./load.js";

/** Where the shipped maps are (the package's `files` include it). */
export const SHIPPED_MAPS_DIR = join(PACKAGE_ROOT, "generator", "diff", "maps");

/** No migration map comes near this (the shipped ones are about 40 to 120 KB); a larger file is refused unread. */
export const MAX_MIGRATION_MAP_BYTES = 16 * 1024 * 1024;

/** A map file's parsed JSON, not yet checked, or why it could not be read. */
export type LoadedMigrationMap =
  | { readonly file: string; readonly value: unknown }
  | { readonly file: string; readonly message: string; readonly line?: number; readonly column?: number };

export async function loadMigrationMap(file: string): Promise<LoadedMigrationMap> {
  let text: string;
  try {
    const handle = await open(file, "r");
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { file, message: "cannot read it: not a file" };
      if (stat.size > MAX_MIGRATION_MAP_BYTES) return { file, message: `cannot read it: larger than ${MAX_MIGRATION_MAP_BYTES} bytes` };
      text = await handle.readFile("utf8");
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (e) {
    return { file, message: `cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  // A byte order mark is not JSON, but editors write one.
  if (text.startsWith("\ufeff")) text = text.slice(1);
  try {
    return { file, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { file, ...jsonErrorAt(text, (e as Error).message) };
  }
}

/**
 * JSON.parse's complaint with the line and column of the error (V8 names a character offset only for some errors, so
 * the offset is found by scanning). The text around the error, which V8 may quote, is left out.
 */
export function jsonErrorAt(text: string, message: string): { message: string; line?: number; column?: number } {
  // V8 quotes the offending character and the text around it; the position says where, so neither is repeated.
  const reason = message
    .replace(/ (?:in JSON )?at position \d+.*$/s, "")
    .replace(/, "[\s\S]*$/, "")
    .replace(/^Unexpected token .*$/s, "Unexpected character");
  const offset = jsonErrorOffset(text);
  const out = { message: `not valid JSON: ${reason}` };
  if (offset === undefined) return out;
  const before = text.slice(0, offset).split("\n");
  return { ...out, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** The offset of the first character that makes `text` not JSON (its length when it ends too soon), or undefined. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    for (const ch of word) if (text[i++] !== ch) (i--, fail());
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    for (i++; ; i++) {
      const ch = text[i];
      if (ch === undefined || ch < " ") fail();
      if (ch === '"') return void i++;
      if (ch === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) (i++, fail());
          i += 4;
        } else if (text[i] === undefined || !'"\\/bfnrt'.includes(text[i]!)) fail();
      }
    }
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === "" || m[0] === "-") fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 500) fail();
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    number();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : undefined;
  }
}
