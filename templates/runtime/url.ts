// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
import type { ClientContext } from "./context.js";
import type { CallParam, KeyType, KeyValue, Path } from "./path.js";
import type { QueryOptions } from "./types.js";
import { formatQueryString, serializeQuery } from "./query.js";

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?[\d.]+(e[+-]?\d+)?$/i;
const FLOAT = /^([+-]?[\d.]+(e[+-]?\d+)?|NaN|-?INF)$/i;
const TIME = /^-?\d[\d:.TZ+-]*$/i;
/** What may stand between the quotes of duration'…' and binary'…'. */
const QUOTED = /^[\w.+/=-]*$/;
const ENUM_MEMBER = /^(?:-?\d+|[\p{L}\p{N}\p{M}\p{Pc}\p{Cf}]+)$/u;

/**
 * What a string must look like to be a literal of an Edm type (name after "Edm."); taken as it is when it does. The
 * checks are loose (a service still rejects a wrong date), but none lets a value end its literal: no quote, comma,
 * parenthesis, slash, `?`, `#`, `&`, `=` or space.
 */
const PATTERNS: Readonly<Record<string, RegExp>> = {
  Byte: INT,
  SByte: INT,
  Int16: INT,
  Int32: INT,
  Int64: INT,
  Single: FLOAT,
  Double: FLOAT,
  Decimal: DECIMAL,
  Guid: /^[\da-f-]{36}$/i,
  DateTimeOffset: TIME,
  Date: TIME,
  TimeOfDay: TIME,
  Duration: QUOTED,
  Binary: QUOTED,
};

/**
 * The OData URL literal for a value (OData 4.01 URL conventions ABNF), not yet percent-encoded.
 * complex/collection values give their JSON (used as parameter alias values).
 */
export function formatLiteral(value: unknown, type: string, kind: CallParam["kind"]): string {
  if (value === null || value === undefined) return "null";
  if (kind === "complex" || kind === "collection") return JSON.stringify(value);
  const v = value;
  if (kind === "enum") {
    const members =
      typeof v === "number" ? [String(v)] : typeof v === "string" ? v.split(",").map((m) => m.trim()) : [];
    if (members.length && members.every((m) => ENUM_MEMBER.test(m))) return `${type}'${members.join(",")}'`;
  } else {
    const edm = type.startsWith("Edm.") ? type.slice(4) : "";
    const pattern = Object.hasOwn(PATTERNS, edm) ? PATTERNS[edm] : undefined;
    // Other or unknown types (not String, not Boolean): the literal is inferred from the JS type.
    const loose = !pattern && edm !== "String" && edm !== "Boolean";
    if (typeof v === "string") {
      if (!pattern) {
        if (edm !== "Boolean") return `'${v.replace(/'/g, "''")}'`;
      } else if (pattern.test(v)) return pattern === QUOTED ? `${edm.toLowerCase()}'${v}'` : v;
    } else if (v instanceof Date) {
      if (!isNaN(v.getTime()) && (edm === "DateTimeOffset" || edm === "Date"))
        return v.toISOString().slice(0, edm === "Date" ? 10 : undefined);
    } else if (typeof v === "number" && pattern === FLOAT) {
      return v === Infinity ? "INF" : v === -Infinity ? "-INF" : String(v);
    } else if (
      typeof v === "boolean"
        ? loose || edm === "Boolean"
        : typeof v === "bigint"
          ? loose || pattern === INT || pattern === FLOAT || pattern === DECIMAL
          : pattern === INT
            ? Number.isSafeInteger(v)
            : (loose || pattern === DECIMAL) && Number.isFinite(v)
    )
      return String(v);
  }
  throw new TypeError(`Invalid ${type || "key"} literal: ${String(v)}`);
}

/** Percent-encodes one path segment; `$`, `@` and `:` are restored (legal in a segment; `$value` stays readable). */
export function encodePathSegment(s: string): string {
  return encodeURIComponent(s).replace(/%(24|3A|40)/g, decodeURIComponent);
}

function literal(value: unknown, type = ""): string {
  return encodePathSegment(formatLiteral(value, type, !type || type.startsWith("Edm.") ? "primitive" : "enum"));
}

function renderKey(value: KeyValue, type: KeyType, segmentStyle: boolean): string {
  if (typeof value === "object") {
    // Compound keys are always in parentheses: key-as-segment does not allow them.
    const types: Readonly<Record<string, string>> = typeof type === "string" ? {} : type;
    const parts = Object.entries(value).map(
      ([k, v]) => `${encodePathSegment(k)}=${literal(v, Object.hasOwn(types, k) ? types[k] : undefined)}`,
    );
    return `(${parts.join(",")})`;
  }
  const t = typeof type === "string" ? type : "";
  if (segmentStyle) {
    // Key-as-segment: strings are neither quoted nor doubled, just percent-encoded.
    const raw = typeof value === "string" && (!t || t === "Edm.String");
    const seg = raw ? encodePathSegment(value) : literal(value, t);
    // "", "." and ".." would change the path, "$..." could read as $count, $value, ...: use parentheses.
    if (seg !== "" && seg !== "." && seg !== ".." && seg[0] !== "$") return `/${seg}`;
  }
  return `(${literal(value, t)})`;
}

/**
 * Renders a path to an absolute URL (no query string) plus the parameter aliases
 * (name, JSON value) that complex and collection function parameters are passed through.
 */
export function renderPath(ctx: ClientContext, path: Path): { path: string; aliases: [string, string][] } {
  const qualified = ctx.options.qualifiedOperations; // true or an OperationNamespaces: qualified
  const segmentKeys = ctx.options.keyStyle === "segment";
  const aliases: [string, string][] = [];
  let out = ctx.baseUrl;
  for (const s of path.segments) {
    if (s.kind === "key") {
      out += renderKey(s.value, s.type, segmentKeys);
      continue;
    }
    const name = s.kind === "name" ? s.name : s.kind === "cast" || qualified ? s.qualifiedName : s.name;
    out += `/${encodePathSegment(name)}`;
    if (s.kind === "call") {
      // An omitted optional parameter (undefined) is left out of the call.
      const args = s.params
        .filter((p) => p.value !== undefined)
        .map((p) => {
          let value = formatLiteral(p.value, p.type, p.kind);
          if (p.kind === "complex" || p.kind === "collection") {
            let alias = `@${p.name}`;
            for (let i = 2; aliases.some(([a]) => a === alias); i++) alias = `@${p.name}${i}`;
            aliases.push([alias, value]);
            value = alias;
          }
          return `${encodePathSegment(p.name)}=${encodePathSegment(value)}`;
        });
      // OData 4.01 allows a call without parameters to leave out its parentheses (Graph documents `…/delta`).
      if (args.length > 0 || !ctx.options.bareFunctions) out += `(${args.join(",")})`;
    }
  }
  return { path: out, aliases };
}

/** The full request URL: rendered path, then the query options, then parameter aliases. */
export function buildUrl(ctx: ClientContext, path: Path, query?: QueryOptions<any>): string {
  const rendered = renderPath(ctx, path);
  const qs = formatQueryString([...serializeQuery(query), ...rendered.aliases]);
  return qs ? `${rendered.path}?${qs}` : rendered.path;
}
