// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// MAPI extended properties (Outlook REST SingleValue/MultiValueLegacyExtendedProperty, Graph
// singleValue/multiValueExtendedProperties): PropertyId strings and the string codecs of their values.
// Every bad input throws ExtendedPropertyError naming the input; nothing here throws a TypeError.

export type MapiScalarType =
  | "Binary"
  | "Boolean"
  | "CLSID"
  | "Currency"
  | "Double"
  | "Float"
  | "Integer"
  | "Long"
  | "Object"
  | "Short"
  | "SystemTime"
  | "String";
export type MapiArrayType = `${MapiScalarType}Array`;
export type MapiType = MapiScalarType | MapiArrayType;

/** The JavaScript value of each single-value MAPI type. */
export interface MapiScalarValues {
  Binary: Uint8Array;
  Boolean: boolean;
  /** A GUID, uppercase without braces when decoded. */
  CLSID: string;
  /** The raw int64 (MAPI CURRENCY is an int64 scaled by 10,000); no scaling is applied. */
  Currency: bigint;
  Double: number;
  Float: number;
  Integer: number;
  Long: bigint;
  Object: Uint8Array;
  Short: number;
  SystemTime: Date;
  String: string;
}

/** The JavaScript value of a property of MAPI type T. */
export type MapiValue<T extends MapiType> = T extends `${infer S extends MapiScalarType}Array`
  ? MapiScalarValues[S][]
  : T extends MapiScalarType
    ? MapiScalarValues[T]
    : never;

/**
 * A parsed PropertyId: named (`{type} {guid} Name {name}`), numeric (`{type} {guid} Id 0x8012`)
 * or proptag (`{type} 0x0037`).
 */
export type PropertyIdSpec<T extends MapiType = MapiType> =
  | { readonly type: T; readonly guid: string; readonly name: string }
  | { readonly type: T; readonly guid: string; readonly id: number }
  | { readonly type: T; readonly tag: number };

/** A malformed PropertyId, spec or extended-property value. */
export class ExtendedPropertyError extends Error {
  override readonly name = "ExtendedPropertyError";

  constructor(message: string) {
    super(message);
  }
}

const SCALAR_TYPES: readonly MapiScalarType[] = [
  "Binary",
  "Boolean",
  "CLSID",
  "Currency",
  "Double",
  "Float",
  "Integer",
  "Long",
  "Object",
  "Short",
  "SystemTime",
  "String",
];
const ARRAY_SUFFIX = "Array";

/** The canonical type name matching s case-insensitively, if any. */
function lookupType(s: string): MapiType | undefined {
  const lower = s.toLowerCase();
  for (const t of SCALAR_TYPES) {
    if (t.toLowerCase() === lower) return t;
    if (`${t}${ARRAY_SUFFIX}`.toLowerCase() === lower) return `${t}${ARRAY_SUFFIX}`;
  }
  return undefined;
}

const GUID = /^(\{)?([\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})(\})?$/i;
const HEX16 = /^0x([\da-f]{1,4})$/i;
const INT = /^[+-]?\d+$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NOT_A_NUMBER = /^NaN$/i;
const INFINITY = /^([+-]?)(?:INF|Infinity)$/i;
const ISO_DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(?:(Z)|([+-])(\d\d):(\d\d))$/i;
const BASE64 = /^(?:[A-Za-z\d+/]{4})*(?:[A-Za-z\d+/]{2}==|[A-Za-z\d+/]{3}=)?$/;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Control characters (C0, DEL, C1) and lone surrogates (which cannot be sent: encodeURIComponent throws on them). */
const BAD_NAME_CHAR = /[\p{Cc}\p{Cs}]/u;
const EDGE_SPACE = /^\s|\s$/;

// Written out: an expression (2 ** 31) at the top level would stay in every bundle that imports the runtime.
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const INT16_MIN = -32_768;
const INT16_MAX = 32_767;
const INT64_MIN = -9223372036854775808n; // -(2^63)
const INT64_MAX = 9223372036854775807n; // 2^63 - 1

/** A short, never-throwing rendering of any input for error messages. */
function show(v: unknown): string {
  try {
    if (typeof v === "string") return JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v);
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : `Date(${v.toISOString()})`;
    if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
    if (Array.isArray(v)) return `array(${v.length})`;
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return String(v);
    return Object.prototype.toString.call(v);
  } catch {
    return "an unprintable value"; // e.g. a revoked Proxy
  }
}

const fail = (message: string): never => {
  throw new ExtendedPropertyError(message);
};

/** True for exactly the 24 MAPI type names (case-sensitive); false for anything else, including non-strings. */
export function isMapiType(s: string): s is MapiType {
  return typeof s === "string" && lookupType(s) === s;
}

/** True for the `…Array` (multi-value) types; false for single-value types and for anything that is not a MAPI type. */
export function isMultiValueType(t: MapiType): t is MapiArrayType {
  return isMapiType(t) && t.endsWith(ARRAY_SUFFIX);
}

function checkType(type: unknown, what: string): MapiType {
  return typeof type === "string" && isMapiType(type) ? type : fail(`Unknown MAPI type ${show(type)} in ${what}`);
}

/** A GUID with or without braces, any case → uppercase without braces. */
function normalizeGuid(guid: unknown, what: string): string {
  const m = typeof guid === "string" ? GUID.exec(guid) : null;
  if (!m || (m[1] === undefined) !== (m[3] === undefined)) return fail(`Invalid GUID ${show(guid)} in ${what}`);
  return (m[2] ?? "").toUpperCase();
}

function checkName(name: unknown, what: string): string {
  if (typeof name !== "string" || !name) return fail(`Empty or missing property name ${show(name)} in ${what}`);
  if (BAD_NAME_CHAR.test(name))
    return fail(`Property name ${show(name)} has a control character or lone surrogate in ${what}`);
  if (EDGE_SPACE.test(name)) return fail(`Property name ${show(name)} has leading or trailing whitespace in ${what}`);
  return name;
}

function checkHex16(n: unknown, min: number, label: string, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > 0xffff)
    return fail(`${label} ${show(n)} in ${what} is not an integer in 0x${hex4(min)}..0xFFFF`);
  return n === 0 ? 0 : n; // -0 → 0
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/**
 * The PropertyId string of a spec. The type is case-sensitive; the GUID may have braces and any case and is
 * emitted as `{UPPERCASE}`; ids and tags are emitted as `0x` + 4 uppercase hex digits. Exactly one of
 * name/id/tag must be present, and a tag spec must not carry a guid.
 */
export function formatPropertyId<T extends MapiType>(spec: PropertyIdSpec<T>): string {
  if (typeof spec !== "object" || spec === null) return fail(`Invalid PropertyId spec ${show(spec)}`);
  const s = spec as { type?: unknown; guid?: unknown; name?: unknown; id?: unknown; tag?: unknown };
  const what = "PropertyId spec";
  const type = checkType(s.type, what);
  const forms = [s.name, s.id, s.tag].filter((v) => v !== undefined).length;
  if (forms !== 1)
    return fail(`A PropertyId spec needs exactly one of name, id or tag (got ${forms}) for type ${type}`);
  if (s.tag !== undefined) {
    if (s.guid !== undefined) return fail(`A proptag PropertyId spec takes no guid (got ${show(s.guid)})`);
    return `${type} 0x${hex4(checkHex16(s.tag, 1, "Tag", what))}`;
  }
  const guid = normalizeGuid(s.guid, what);
  if (s.name !== undefined) return `${type} {${guid}} Name ${checkName(s.name, what)}`;
  return `${type} {${guid}} Id 0x${hex4(checkHex16(s.id, 0, "Id", what))}`;
}

/**
 * Parses a PropertyId (inverse of formatPropertyId). Tokens are separated by exactly one space. The type and the
 * `Name`/`Id` keywords are matched case-insensitively and the type is normalised; the GUID may have braces and any
 * case (returned uppercase without braces); ids and tags take `0x`/`0X` and 1–4 hex digits. The name is everything
 * after `Name ` to the end and obeys the same rules as in formatPropertyId.
 */
export function parsePropertyId(id: string): PropertyIdSpec {
  if (typeof id !== "string") return fail(`Invalid PropertyId ${show(id)}`);
  const what = `PropertyId ${show(id)}`;
  const sp1 = id.indexOf(" ");
  if (sp1 < 0)
    return fail(`Invalid ${what}: expected "{type} {guid} Name {name}", "{type} {guid} Id 0x…" or "{type} 0x…"`);
  const typeText = id.slice(0, sp1);
  const type = lookupType(typeText) ?? fail(`Unknown MAPI type ${show(typeText)} in ${what}`);
  const rest = id.slice(sp1 + 1);
  if (/^0x/i.test(rest)) return { type, tag: parseHex16(rest, 1, "Tag", what) };
  const sp2 = rest.indexOf(" ");
  const sp3 = rest.indexOf(" ", sp2 + 1);
  if (sp2 < 0 || sp3 < 0)
    return fail(`Invalid ${what}: expected "{guid} Name {name}" or "{guid} Id 0x…" after the type`);
  const guid = normalizeGuid(rest.slice(0, sp2), what);
  const keyword = rest.slice(sp2 + 1, sp3).toLowerCase();
  const value = rest.slice(sp3 + 1);
  if (keyword === "name") return { type, guid, name: checkName(value, what) };
  if (keyword === "id") return { type, guid, id: parseHex16(value, 0, "Id", what) };
  return fail(`Invalid ${what}: expected "Name" or "Id" after the GUID`);
}

function parseHex16(text: string, min: number, label: string, what: string): number {
  const m = HEX16.exec(text);
  const n = m ? parseInt(m[1] ?? "", 16) : NaN;
  return n >= min ? n : fail(`${label} ${show(text)} in ${what} is not 0x${hex4(min)}..0xFFFF (0x and 1–4 hex digits)`);
}

// ---- Value codecs ------------------------------------------------------------------------------------------------

function encodeScalar(type: MapiScalarType, v: unknown, what: string): string {
  const bad = (expected: string): never => fail(`Invalid ${what} ${show(v)}: expected ${expected}`);
  switch (type) {
    case "Integer":
    case "Short": {
      const [min, max] = type === "Integer" ? [INT32_MIN, INT32_MAX] : [INT16_MIN, INT16_MAX];
      // -0 is encoded as "0": MAPI integers have no negative zero.
      if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return String(v);
      return bad(`an integer in ${min}..${max}`);
    }
    case "Long":
    case "Currency":
      if (typeof v === "bigint" && v >= INT64_MIN && v <= INT64_MAX) return String(v);
      return bad(`a bigint in ${INT64_MIN}..${INT64_MAX}`);
    case "Boolean":
      return typeof v === "boolean" ? String(v) : bad("a boolean");
    case "Double":
      return typeof v === "number" ? formatReal(v) : bad("a number");
    case "Float":
      // Only exact float32 values are accepted, so that decode(encode(v)) === v; round with Math.fround first.
      if (typeof v !== "number" || !(Math.fround(v) === v || isNaN(v)))
        return bad("a number exactly representable as a float32");
      return formatFloat32(v);
    case "SystemTime":
      if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString();
      return bad("a valid Date");
    case "Binary":
    case "Object":
      return v instanceof Uint8Array ? toBase64(v) : bad("a Uint8Array");
    case "CLSID":
      return normalizeGuid(v, what);
    case "String":
      return typeof v === "string" ? v : bad("a string");
  }
}

function decodeScalar(type: MapiScalarType, s: unknown, what: string): MapiScalarValues[MapiScalarType] {
  if (typeof s !== "string") return fail(`Invalid ${what} ${show(s)}: expected a string`);
  const bad = (expected: string): never => fail(`Invalid ${what} ${show(s)}: expected ${expected}`);
  switch (type) {
    case "Integer":
    case "Short": {
      // Lenient: an optional sign and leading zeros are accepted; "-0" decodes to 0.
      const [min, max] = type === "Integer" ? [INT32_MIN, INT32_MAX] : [INT16_MIN, INT16_MAX];
      const n = INT.test(s) ? Number(s) : NaN;
      return n >= min && n <= max ? n + 0 : bad(`a decimal integer in ${min}..${max}`);
    }
    case "Long":
    case "Currency": {
      const n = INT.test(s) ? BigInt(s.replace(/^\+/, "")) : undefined;
      return n !== undefined && n >= INT64_MIN && n <= INT64_MAX
        ? n
        : bad(`a decimal integer in ${INT64_MIN}..${INT64_MAX}`);
    }
    case "Boolean": {
      const b = s.toLowerCase();
      return b === "true" ? true : b === "false" ? false : bad(`"true" or "false"`);
    }
    case "Double":
      return parseReal(s) ?? bad("a decimal number, NaN, INF or -INF within the double range");
    case "Float": {
      // Rounded to the nearest float32; a finite number beyond the float32 range is rejected.
      const d = parseReal(s);
      const f = d === undefined ? undefined : Math.fround(d);
      return f !== undefined && (Number.isFinite(f) || !Number.isFinite(d))
        ? f
        : bad("a number within the float32 range");
    }
    case "SystemTime":
      return parseDateTime(s) ?? bad("an ISO 8601 date-time with Z or an offset");
    case "Binary":
    case "Object":
      return fromBase64(s) ?? bad("canonical padded base64");
    case "CLSID":
      return normalizeGuid(s, what);
    case "String":
      return s;
  }
}

/** NaN → "NaN", ±Infinity → "INF"/"-INF", -0 → "-0", anything else String(n). */
function formatReal(n: number): string {
  if (isNaN(n)) return "NaN";
  if (n === Infinity) return "INF";
  if (n === -Infinity) return "-INF";
  return Object.is(n, -0) ? "-0" : String(n);
}

/** The shortest decimal that rounds back to the float32 n (e.g. "0.1" for Math.fround(0.1)). */
function formatFloat32(n: number): string {
  if (!Number.isFinite(n) || n === 0) return formatReal(n);
  for (let p = 1; p < 17; p++) {
    const d = Number(n.toPrecision(p));
    if (Math.fround(d) === n) return formatReal(d);
  }
  return formatReal(n);
}

/** Decimal numbers and NaN / INF / Infinity (any case, optional sign); a finite literal that overflows is rejected. */
function parseReal(s: string): number | undefined {
  if (NOT_A_NUMBER.test(s)) return NaN;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  const n = REAL.test(s) ? Number(s) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * ISO 8601 `YYYY-MM-DDThh:mm[:ss[.fff…]]` with `Z` or `±hh:mm` (also toISOString's `±YYYYYY` years). Fields are
 * range-checked (no leap second, no 24:00); fractional digits beyond milliseconds are truncated.
 */
function parseDateTime(s: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(s);
  if (!m || m[1] === "-000000") return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number(((m[7] ?? "") + "000").slice(0, 3));
  const offH = Number(m[10] ?? 0);
  const offM = Number(m[11] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offH > 23 || offM > 59) return undefined;
  const offset = (m[9] === "-" ? -1 : 1) * (offH * 60 + offM);
  // Plain arithmetic (not Date.UTC, which maps years 0..99 to 1900..1999, nor Date setters, whose
  // intermediate values may leave the Date range near its ends).
  const t = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset) * 60_000 + second * 1000 + ms;
  return Math.abs(t) <= 8.64e15 ? new Date(t) : undefined;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[n >> 18] ?? "";
    out += B64[(n >> 12) & 63] ?? "";
    out += b === undefined ? "=" : (B64[(n >> 6) & 63] ?? "");
    out += c === undefined ? "=" : (B64[n & 63] ?? "");
  }
  return out;
}

/** Standard base64 with padding, no whitespace; unused trailing bits must be zero (so encoding is a bijection). */
function fromBase64(s: string): Uint8Array | undefined {
  if (!BASE64.test(s)) return undefined;
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let n = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < s.length - pad; i++) {
    n = ((n << 6) | B64.indexOf(s.charAt(i))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (n >> bits) & 0xff;
    }
  }
  return (n & ((1 << bits) - 1)) === 0 ? out : undefined;
}

/**
 * The wire value of a property: a string for single-value types, a string[] for `…Array` types (element-wise;
 * an empty array is valid). Canonical forms: decimal integers, "true"/"false", String(n) for Double (with NaN,
 * INF, -INF, -0), the shortest round-tripping decimal for Float, toISOString() for SystemTime, padded base64,
 * uppercase brace-less GUIDs for CLSID.
 */
export function encodeMapiValue<T extends MapiType>(
  type: T,
  value: MapiValue<T>,
): T extends MapiArrayType ? string[] : string;
export function encodeMapiValue(type: MapiType, value: unknown): string | string[] {
  const t = checkType(type, "encodeMapiValue");
  if (!isMultiValueType(t)) return encodeScalar(t, value, `${t} value`);
  if (!Array.isArray(value)) return fail(`Invalid ${t} value ${show(value)}: expected an array`);
  const scalar = t.slice(0, -ARRAY_SUFFIX.length) as MapiScalarType;
  return Array.from(value, (v: unknown, i) => encodeScalar(scalar, v, `${t} element ${i}`));
}

/**
 * The JavaScript value of a wire value (inverse of encodeMapiValue). Decoding is lenient where harmless (Boolean
 * and NaN/INF in any case, signs and leading zeros on integers, any ISO 8601 offset), so encode(decode(s)) === s
 * only for canonical s. An `…Array` type needs an array and a single-value type needs a string.
 */
export function decodeMapiValue<T extends MapiType>(type: T, raw: string | readonly string[]): MapiValue<T>;
export function decodeMapiValue(type: MapiType, raw: unknown): unknown {
  const t = checkType(type, "decodeMapiValue");
  if (!isMultiValueType(t)) return decodeScalar(t, raw, `${t} value`); // rejects non-strings, including arrays
  if (!Array.isArray(raw)) return fail(`Invalid ${t} value ${show(raw)}: expected an array of strings`);
  const scalar = t.slice(0, -ARRAY_SUFFIX.length) as MapiScalarType;
  return Array.from(raw, (s: unknown, i) => decodeScalar(scalar, s, `${t} element ${i}`));
}
