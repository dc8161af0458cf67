/**
 * Request URL parsing: path segments (percent-decoded one by one, so `%2F` stays inside a key),
 * OData literals (`'it''s'`, numbers, booleans, null, typed `Ns.Enum'X'`), key predicates,
 * function parameters, query options (names of system options case-insensitive), and Prefer.
 */
import { badRequest, invalidQuery } from "./errors.js";

export interface Segment {
  /** The segment percent-decoded. */
  readonly text: string;
  /** The name before a parenthesised part, e.g. `Messages` of `Messages('x')`. */
  readonly name: string;
  /** The text inside the trailing parentheses, if any. */
  readonly args: string | undefined;
}

export function splitPath(rawPath: string): Segment[] {
  const out: Segment[] = [];
  for (const raw of rawPath.split("/")) {
    if (raw === "") continue;
    let text: string;
    try {
      text = decodeURIComponent(raw);
    } catch {
      throw badRequest("ErrorInvalidUrlQuery", `The path segment '${raw}' is not correctly percent-encoded.`);
    }
    const open = text.indexOf("(");
    if (open > 0 && text.endsWith(")")) out.push({ text, name: text.slice(0, open), args: text.slice(open + 1, -1) });
    else out.push({ text, name: text, args: undefined });
  }
  return out;
}

/** Reads a quoted OData string starting at `start` (a `'`); returns the value and the index after it. */
function quoted(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let out = "";
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw badRequest("ErrorInvalidUrlQuery", `Unterminated string literal in '${text}'.`);
    if (ch === "'") {
      if (text[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      return { value: out, end: i + 1 };
    }
    out += ch;
    i++;
  }
}

/** An OData literal as a JS value: strings unquoted, numbers, booleans, null; typed literals give their text. */
export function parseLiteral(text: string, aliases?: ReadonlyMap<string, string>): unknown {
  const t = text.trim();
  if (t.startsWith("@") && aliases) {
    const v = aliases.get(t);
    if (v === undefined) throw badRequest("ErrorInvalidUrlQuery", `The parameter alias ${t} has no value.`);
    const trimmed = v.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        throw badRequest("ErrorInvalidUrlQuery", `The parameter alias ${t} is not valid JSON.`);
      }
    }
    return parseLiteral(trimmed);
  }
  if (t.startsWith("'")) {
    const q = quoted(t, 0);
    if (q.end !== t.length) throw badRequest("ErrorInvalidUrlQuery", `'${t}' is not a valid string literal.`);
    return q.value;
  }
  const typed = /^[A-Za-z][\w.]*'/.exec(t);
  if (typed) {
    const q = quoted(t, typed[0].length - 1);
    if (q.end !== t.length) throw badRequest("ErrorInvalidUrlQuery", `'${t}' is not a valid literal.`);
    return q.value;
  }
  if (t === "null") return null;
  if (t === "true" || t === "false") return t === "true";
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(t)) return Number(t);
  return t; // date-times, GUIDs, durations: their text
}

/** The key inside `(...)`: `'x'`, `Id='x'`, or a bare literal. */
export function parseKey(args: string, keyName: string): string {
  const t = args.trim();
  const named = /^([A-Za-z_]\w*)\s*=\s*(.*)$/s.exec(t);
  let value: unknown;
  if (named && !t.startsWith("'")) {
    if ((named[1] ?? "").toLowerCase() !== keyName.toLowerCase()) {
      throw badRequest("ErrorInvalidUrlQuery", `'${named[1] ?? ""}' is not the key of this collection.`);
    }
    value = parseLiteral(named[2] ?? "");
  } else {
    value = parseLiteral(t);
  }
  if (value === null || typeof value === "object")
    throw badRequest("ErrorInvalidUrlQuery", `'${args}' is not a valid key.`);
  return String(value);
}

/** Function parameters `A='x',B=1` → name → value. */
export function parseCallArgs(args: string, aliases: ReadonlyMap<string, string>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let i = 0;
  const t = args;
  while (i < t.length) {
    while (t[i] === " " || t[i] === ",") i++;
    if (i >= t.length) break;
    const eq = t.indexOf("=", i);
    if (eq < 0) throw badRequest("ErrorInvalidUrlQuery", `'${args}' is not a valid parameter list.`);
    const name = t.slice(i, eq).trim();
    let j = eq + 1;
    while (t[j] === " ") j++;
    let end: number;
    if (t[j] === "'") end = quoted(t, j).end;
    else {
      const typed = /^[A-Za-z][\w.]*'/.exec(t.slice(j));
      if (typed) end = quoted(t, j + typed[0].length - 1).end;
      else {
        const comma = t.indexOf(",", j);
        end = comma < 0 ? t.length : comma;
      }
    }
    out.set(name, parseLiteral(t.slice(j, end), aliases));
    i = end;
  }
  return out;
}

export interface ParsedQuery {
  /** System query options, names lower-case with `$`. */
  readonly system: Map<string, string>;
  /** Other parameters (custom ones, parameter aliases), as given. */
  readonly custom: Map<string, string>;
  /** Every parameter in order, as given (for next links). */
  readonly all: readonly (readonly [string, string])[];
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw invalidQuery(`The query string part '${s}' is not correctly percent-encoded.`);
  }
}

export function parseQueryString(search: string): ParsedQuery {
  const system = new Map<string, string>();
  const custom = new Map<string, string>();
  const all: [string, string][] = [];
  const text = search.startsWith("?") ? search.slice(1) : search;
  if (text === "") return { system, custom, all };
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeQueryPart(part.slice(eq + 1));
    all.push([name, value]);
    if (name.startsWith("$")) {
      const lower = name.toLowerCase();
      if (system.has(lower)) throw invalidQuery(`The query option '${name}' is given more than once.`);
      system.set(lower, value);
    } else {
      custom.set(name, value);
    }
  }
  return { system, custom, all };
}

/** Encodes a query name or value the way the generated client does (readable `$ , ( ) ' : @ /`). */
export function encodeQueryPart(s: string): string {
  return encodeURIComponent(s).replace(/%(24|2C|3A|40|2F)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function formatQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`).join("&");
}

/** `Prefer` preferences: lower-case name → value (unquoted), `true` when there is none. */
export function parsePrefer(header: string | undefined): Map<string, string | true> {
  const out = new Map<string, string | true>();
  if (!header) return out;
  let cur = "";
  let q = false;
  const parts: string[] = [];
  for (const ch of header) {
    if (ch === '"') q = !q;
    if (ch === "," && !q) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  for (const p of parts) {
    const t = p.trim();
    if (t === "") continue;
    const eq = t.indexOf("=");
    if (eq < 0) out.set(t.toLowerCase(), true);
    else
      out.set(
        t.slice(0, eq).trim().toLowerCase(),
        t
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, "$1"),
      );
  }
  return out;
}
