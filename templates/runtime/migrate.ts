// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// Translates raw Outlook REST requests (method, URL, headers, JSON body) into the equivalent Microsoft Graph requests,
// and Graph responses back into Outlook's shape, through a migration map (migration-map.ts). It serves apps that call
// the old service with `fetch` or an old library. Nothing here evaluates its input: names and values from a request
// only ever become data (looked up in the map, or percent-encoded into the output URL), and the output URL always sits
// under the Graph root.
import { findMember, type MemberMap, type MigrationMap, type OperationMap, type TypeMap } from "./migration-map.js";
import { encodeQueryComponent } from "./query.js";
import { encodePathSegment } from "./url.js";

/** A request as sent over the wire: an absolute URL, headers by name, a JSON body (or a string). */
export interface LegacyRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What cannot be translated: `where` names the exact part ("path segment `TaskFolders`", "body /Foo/Bar"). */
export interface TranslationProblem {
  readonly where: string;
  readonly reason: string;
}

export type RequestTranslation =
  | { readonly ok: true; readonly request: LegacyRequest; readonly notes: readonly string[] }
  | { readonly ok: false; readonly problems: readonly TranslationProblem[] };

export type ExpressionTranslation =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: readonly TranslationProblem[] };

export interface TranslateOptions {
  /** The service root of the target. Default: https://graph.microsoft.com/v1.0. */
  readonly root?: string;
  /** "Now", for the values Outlook computed on the server (a subscription's default expiry). Default: the clock. */
  readonly now?: Date | string;
}

export type ExpressionKind = "filter" | "orderby" | "select" | "expand";

const DEFAULT_ROOT = "https://graph.microsoft.com/v1.0";
/** Hosts of Outlook REST (outlook.office365.com served Office 365 mailboxes only). */
const LEGACY_HOSTS = /* @__PURE__ */ new Set(["outlook.office.com", "outlook.office365.com"]);
/** Query parameters of Outlook's functions-as-collections (`CalendarView`, `Instances`), by lower-case name. */
const CUSTOM_PARAMETERS: Readonly<Record<string, string>> = {
  startdatetime: "startDateTime",
  enddatetime: "endDateTime",
};
/** Headers that mean the same to Graph, by lower-case name. */
const KEPT_HEADERS = /* @__PURE__ */ new Set([
  "authorization",
  "accept",
  "accept-language",
  "content-type",
  "if-match",
  "if-none-match",
  "client-request-id",
  "return-client-request-id",
  "user-agent",
]);
/** OData's canonical functions, by lower-case name (`isof` and `cast` take a type name, translated). */
const FUNCTIONS = /* @__PURE__ */ new Set([
  "contains",
  "endswith",
  "startswith",
  "length",
  "indexof",
  "substring",
  "matchespattern",
  "tolower",
  "toupper",
  "trim",
  "concat",
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "fractionalseconds",
  "totalseconds",
  "date",
  "time",
  "totaloffsetminutes",
  "mindatetime",
  "maxdatetime",
  "now",
  "round",
  "floor",
  "ceiling",
  "isof",
  "cast",
  "geo.distance",
  "geo.length",
  "geo.intersects",
]);
const BINARY_OPERATORS = /* @__PURE__ */ new Set([
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "has",
  "in",
  "and",
  "or",
  "add",
  "sub",
  "mul",
  "div",
  "divby",
  "mod",
]);
const COMPARISONS = /* @__PURE__ */ new Set(["eq", "ne", "gt", "ge", "lt", "le", "in", "has"]);
const LITERAL_WORDS = /* @__PURE__ */ new Set(["true", "false", "null", "inf", "nan"]);
/**
 * How deep an expression, an `$expand`, a body or a response may nest before the translator stops: far beyond what a
 * real request holds, and far below what would exhaust the stack (a hostile URL or server must get a located problem,
 * not a RangeError).
 */
const MAX_NESTING = 100;
/** A name the map may put into a URL: an OData simple or qualified identifier. */
const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

// ---------------------------------------------------------------------------------------------------------------
// Case-insensitive views of the map (Outlook's URLs and filters ignore case), built once per map.

interface MapIndex {
  readonly roots: ReadonlyMap<string, string>;
  readonly types: ReadonlyMap<string, string>;
  /** Graph qualified type name (lower case) → Outlook type names that map to it. */
  readonly reverseTypes: ReadonlyMap<string, readonly string[]>;
  readonly members: Map<string, ReadonlyMap<string, string>>;
}

const indexes = /* @__PURE__ */ new WeakMap<MigrationMap, MapIndex>();

function indexOf(map: MigrationMap): MapIndex {
  let index = indexes.get(map);
  if (index === undefined) {
    const byLower = (names: Iterable<string>) => new Map([...names].map((n) => [n.toLowerCase(), n] as const));
    const reverseTypes = new Map<string, string[]>();
    for (const [name, t] of Object.entries(map.types)) {
      if (t.to === null) continue;
      const key = t.to.toLowerCase();
      reverseTypes.set(key, [...(reverseTypes.get(key) ?? []), name]);
    }
    index = {
      roots: byLower(Object.keys(map.roots)),
      types: byLower(Object.keys(map.types)),
      reverseTypes,
      members: new Map(),
    };
    indexes.set(map, index);
  }
  return index;
}

function typeName(map: MigrationMap, name: string): string | undefined {
  return indexOf(map).types.get(name.toLowerCase());
}

function typeOf(map: MigrationMap, name: string): TypeMap | undefined {
  const found = typeName(map, name);
  return found === undefined ? undefined : map.types[found];
}

/** A member of a type or one of its bases, matched case-insensitively. */
function memberOf(
  map: MigrationMap,
  type: string,
  name: string,
): { readonly name: string; readonly member: MemberMap } | undefined {
  const index = indexOf(map);
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    let members = index.members.get(cur);
    if (members === undefined) {
      members = new Map(Object.keys(map.types[cur]?.members ?? {}).map((n) => [n.toLowerCase(), n] as const));
      index.members.set(cur, members);
    }
    const exact = members.get(name.toLowerCase());
    if (exact !== undefined) {
      const found = findMember(map, cur, exact);
      if (found !== undefined) return { name: exact, member: found.member };
    }
  }
  return undefined;
}

/** A bound operation of a type (or of a collection of it), looked up through the base types. */
function operationOf(
  map: MigrationMap,
  type: string,
  collection: boolean,
  name: string,
): { readonly name: string; readonly operation: OperationMap } | undefined {
  const lower = name.toLowerCase();
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    const ops = map.operations[collection ? `Collection(${cur})` : cur];
    if (ops === undefined) continue;
    for (const [opName, operation] of Object.entries(ops)) {
      if (opName.toLowerCase() === lower) return { name: opName, operation };
    }
  }
  return undefined;
}

function isDerivedFrom(map: MigrationMap, type: string, base: string): boolean {
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    if (cur === base) return true;
    seen.add(cur);
  }
  return false;
}

function isPrimitive(type: string): boolean {
  return type.startsWith("Edm.");
}

/** `why` of a null mapping, or a generic sentence. */
function noCounterpart(what: string, why: string | undefined): string {
  return `${what} has no Microsoft Graph counterpart${why !== undefined ? `: ${why}` : ""}`;
}

/**
 * A Graph parameter name as Graph's docs and service spell it. Graph's $metadata declares the parameters of the
 * Outlook-era operations in PascalCase (`Comment`, `SendResponse`, `StartDateTime`), while its reference pages write
 * them in camelCase (`comment`, `sendResponse`, `reminderView(startDateTime=…)`) and the service accepts either.
 */
function parameterName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Sets an own property, whatever its name (`__proto__` from a JSON body stays a plain property). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function graphTypeOf(map: MigrationMap, from: string): string | null | undefined {
  return typeOf(map, from)?.to;
}

function lastSegment(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(".") + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Collecting problems and notes.

class Report {
  readonly problems: TranslationProblem[] = [];
  readonly notes: string[] = [];
  problem(where: string, reason: string): void {
    this.problems.push({ where, reason });
  }
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

/** A map-supplied name checked before it goes into a URL or an expression (a hand-edited map is input too). */
function safeName(report: Report, where: string, name: string): string {
  if (!SAFE_NAME.test(name)) report.problem(where, `the map gives ${JSON.stringify(name)}, which is not an OData name`);
  return name;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions: a tokenizer and a recursive-descent parser for OData's $filter and $orderby, and readers for $select and
// $expand. The text is never rebuilt: each member name found is replaced where it stands, so literals, spacing and
// operators stay as written.

type TokenKind = "name" | "string" | "literal" | "typed" | "alias" | "punct";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

class ExpressionError extends Error {
  readonly at: number;
  constructor(at: number, message: string) {
    super(message);
    this.at = at;
  }
}

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/;

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: text.slice(i, end), start: offset + i, end: offset + end });
    i = end;
  };
  const stringEnd = (from: number): number => {
    for (let j = from + 1; j < text.length; j++) {
      if (text[j] !== "'") continue;
      if (text[j + 1] === "'") j++;
      else return j + 1;
    }
    throw new ExpressionError(offset + from, "a string literal is not closed");
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
    else if (c === "'") push("string", stringEnd(i));
    else if ("(),/:;=*".includes(c)) push("punct", i + 1);
    else if (c === "@") {
      const m = /^@[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (m === null) throw new ExpressionError(offset + i, "a parameter alias needs a name after @");
      push("alias", i + m[0].length);
    } else if (GUID.test(text.slice(i))) push("literal", i + 36);
    else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      // Numbers, dates, times and date-times with offsets: one run of the characters they are written with.
      const m = /^-?[0-9][0-9A-Za-z.:+-]*/.exec(text.slice(i))!;
      push("literal", i + m[0].length);
    } else if (c === "-") push("punct", i + 1);
    else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i))!;
      if (text[i + m[0].length] === "'") {
        // A typed literal: duration'P1D', binary'…', or an enum value Namespace.Type'Member'.
        const end = stringEnd(i + m[0].length);
        tokens.push({ kind: "typed", text: text.slice(i, end), start: offset + i, end: offset + end });
        i = end;
      } else push("name", i + m[0].length);
    } else throw new ExpressionError(offset + i, `unexpected ${JSON.stringify(c)}`);
  }
  return tokens;
}

/** What an operand is, as far as renaming goes: an enum-typed member path, or string literals. */
interface Operand {
  readonly enumType?: string;
  readonly strings?: readonly Token[];
}

interface Scope {
  /** The type `$it` and bare member names refer to. */
  readonly it: string;
  /** Lambda variables in scope, by name, with the element type they range over. */
  readonly variables: ReadonlyMap<string, string>;
}

/** One expression's parser; member names met are looked up in the map and recorded as edits. */
class ExpressionParser {
  private pos = 0;
  private depth = 0;
  readonly edits: Edit[] = [];

  private readonly map: MigrationMap;
  private readonly tokens: readonly Token[];
  private readonly end: number;

  constructor(map: MigrationMap, tokens: readonly Token[], end: number) {
    this.map = map;
    this.tokens = tokens;
    this.end = end;
  }

  private peek(n = 0): Token | undefined {
    return this.tokens[this.pos + n];
  }

  private at(): number {
    return this.peek()?.start ?? this.end;
  }

  private isPunct(text: string, n = 0): boolean {
    const t = this.peek(n);
    return t !== undefined && t.kind === "punct" && t.text === text;
  }

  private isWord(words: ReadonlySet<string>): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === "name" && words.has(t.text.toLowerCase());
  }

  private expect(text: string): Token {
    if (!this.isPunct(text)) throw new ExpressionError(this.at(), `expected ${JSON.stringify(text)}`);
    return this.tokens[this.pos++]!;
  }

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  /**
   * An expression: operands joined by binary operators (precedence does not change what is renamed). A string literal
   * compared with an enum-typed member (`Importance eq 'High'`, `Importance in ('Low','High')`) names an enum member:
   * it becomes Graph's member name (`'high'`).
   */
  expression(scope: Scope): Operand {
    let left = this.operand(scope);
    while (this.isWord(BINARY_OPERATORS)) {
      const op = this.tokens[this.pos++]!.text.toLowerCase();
      const right = this.operand(scope);
      if (COMPARISONS.has(op)) {
        if (left.enumType !== undefined) this.enumStrings(left.enumType, right.strings);
        if (right.enumType !== undefined) this.enumStrings(right.enumType, left.strings);
      }
      // Operators are read left to right; what binds tighter than a comparison (add, mul…) never meets an enum.
      left = right;
    }
    return left;
  }

  private enumStrings(type: string, strings: readonly Token[] | undefined): void {
    const tm = this.map.types[type]!;
    for (const t of strings ?? []) {
      const members = t.text
        .slice(1, -1)
        .split(",")
        .map((m) => m.trim());
      const translated = members.map((m) => {
        const key = Object.keys(tm.enumMembers ?? {}).find((k) => k.toLowerCase() === m.toLowerCase());
        if (key === undefined) throw new ExpressionError(t.start, `${JSON.stringify(m)} is not a member of ${type}`);
        const to = tm.enumMembers![key];
        if (to === null || to === undefined) {
          throw new ExpressionError(t.start, noCounterpart(`${lastSegment(type)}'${key}'`, tm.enumMembersWhy?.[key]));
        }
        return to;
      });
      const text = `'${translated.join(",")}'`;
      if (text !== t.text) this.edits.push({ start: t.start, end: t.end, text });
    }
  }

  /** `$orderby`: expressions, each optionally followed by asc or desc, separated by commas. */
  orderby(scope: Scope): void {
    for (;;) {
      this.expression(scope);
      if (this.isWord(new Set(["asc", "desc"]))) this.pos++;
      if (!this.isPunct(",")) break;
      this.pos++;
    }
  }

  private operand(scope: Scope): Operand {
    const t = this.peek();
    if (t === undefined) throw new ExpressionError(this.end, "an operand is missing");
    if (this.depth >= MAX_NESTING)
      throw new ExpressionError(t.start, `the expression is nested more than ${MAX_NESTING} levels deep`);
    this.depth++;
    try {
      return this.nestedOperand(scope, t);
    } finally {
      this.depth--;
    }
  }

  private nestedOperand(scope: Scope, t: Token): Operand {
    if (t.kind === "name" && t.text.toLowerCase() === "not") {
      this.pos++;
      this.operand(scope);
      return {};
    }
    if (t.kind === "punct" && t.text === "-") {
      this.pos++;
      this.operand(scope);
      return {};
    }
    if (t.kind === "punct" && t.text === "(") {
      // A parenthesized expression, or a list for `in`.
      this.pos++;
      const first = this.expression(scope);
      const strings = [...(first.strings ?? [])];
      let list = false;
      while (this.isPunct(",")) {
        this.pos++;
        list = true;
        strings.push(...(this.expression(scope).strings ?? []));
      }
      this.expect(")");
      return list ? { strings } : first;
    }
    if (t.kind === "string") {
      this.pos++;
      return { strings: [t] };
    }
    if (t.kind === "literal" || t.kind === "alias") {
      this.pos++;
      return {};
    }
    if (t.kind === "typed") {
      this.pos++;
      this.typedLiteral(t);
      return {};
    }
    if (t.kind === "name") {
      if (LITERAL_WORDS.has(t.text.toLowerCase()) && !this.isPunct("/", 1)) {
        this.pos++;
        return {};
      }
      if (this.isPunct("(", 1) && !t.text.includes(".")) {
        this.call(scope);
        return {};
      }
      if (this.isPunct("(", 1) && FUNCTIONS.has(t.text.toLowerCase())) {
        this.call(scope);
        return {};
      }
      return this.memberPath(scope);
    }
    throw new ExpressionError(t.start, `unexpected ${JSON.stringify(t.text)}`);
  }

  /** An enum literal `Microsoft.OutlookServices.Importance'High'`: its type and member are renamed; others are kept. */
  private typedLiteral(t: Token): void {
    const quote = t.text.indexOf("'");
    const type = t.text.slice(0, quote);
    if (!type.includes(".")) return;
    const from = typeName(this.map, type);
    const tm = from === undefined ? undefined : this.map.types[from];
    if (tm === undefined) throw new ExpressionError(t.start, `${type} is not a type of ${this.map.from.label}`);
    if (tm.to === null) throw new ExpressionError(t.start, noCounterpart(type, tm.why));
    const raw = t.text.slice(quote + 1, -1);
    const members = raw.split(",").map((m) => m.trim());
    const translated = members.map((m) => {
      const key = Object.keys(tm.enumMembers ?? {}).find((k) => k.toLowerCase() === m.toLowerCase());
      if (key === undefined) throw new ExpressionError(t.start, `${m} is not a member of ${from}`);
      const to = tm.enumMembers![key];
      if (to === null || to === undefined)
        throw new ExpressionError(t.start, noCounterpart(`${from}'${key}'`, tm.enumMembersWhy?.[key]));
      return to;
    });
    this.edits.push({ start: t.start, end: t.end, text: `${tm.to}'${translated.join(",")}'` });
  }

  /** A canonical function call; `isof` and `cast` may name a type, which is translated. */
  private call(scope: Scope): void {
    const name = this.tokens[this.pos++]!;
    const lower = name.text.toLowerCase();
    if (!FUNCTIONS.has(lower)) throw new ExpressionError(name.start, `${name.text} is not an OData function`);
    this.expect("(");
    if (this.isPunct(")")) {
      this.pos++;
      return;
    }
    for (;;) {
      const arg = this.peek();
      const endsArg = this.isPunct(",", 1) || this.isPunct(")", 1);
      if ((lower === "isof" || lower === "cast") && arg?.kind === "name" && arg.text.includes(".") && endsArg) {
        this.pos++;
        this.castName(arg);
      } else this.expression(scope);
      if (!this.isPunct(",")) break;
      this.pos++;
    }
    this.expect(")");
  }

  /** A qualified type name used as a cast: renamed to the Graph type; returns the Outlook type. */
  private castName(t: Token): string {
    const from = typeName(this.map, t.text);
    if (from === undefined) {
      if (t.text.startsWith("Edm.")) return t.text;
      throw new ExpressionError(t.start, `${t.text} is not a type of ${this.map.from.label}`);
    }
    const to = this.map.types[from]!.to;
    if (to === null) throw new ExpressionError(t.start, noCounterpart(from, this.map.types[from]!.why));
    this.edits.push({ start: t.start, end: t.end, text: to });
    return from;
  }

  /**
   * A member path: `Subject`, `From/EmailAddress/Address`, `$it/Id`, `v/Value` (a lambda variable),
   * `Attachments/any(a: a/Name eq 'x')`, `Attachments/$count`, a cast segment `Microsoft.OutlookServices.EventMessage/…`.
   */
  private memberPath(scope: Scope): Operand {
    let type = scope.it;
    let collection = false;
    let first = true;
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind !== "name") throw new ExpressionError(this.at(), "expected a property name");
      this.pos++;
      const lower = t.text.toLowerCase();
      if (first && t.text === "$it") {
        type = scope.it;
      } else if (first && scope.variables.has(t.text)) {
        type = scope.variables.get(t.text)!;
      } else if (t.text.startsWith("$")) {
        if (lower !== "$count" || !collection)
          throw new ExpressionError(t.start, `${t.text} cannot be translated here`);
        this.edits.push({ start: t.start, end: t.end, text: "$count" });
        return {};
      } else if ((lower === "any" || lower === "all") && !first && this.isPunct("(")) {
        // Kept as written: Graph's own pages write `singleValueExtendedProperties/Any(ep: …)`.
        if (!collection) throw new ExpressionError(t.start, `${t.text} needs a collection before it`);
        this.lambda(scope, type);
        return {};
      } else if (t.text.includes(".")) {
        type = this.castName(t);
      } else {
        if (collection)
          throw new ExpressionError(
            t.start,
            `${t.text}: what comes before it is a collection, reached through any() or all()`,
          );
        const found = memberOf(this.map, type, t.text);
        if (found === undefined) throw new ExpressionError(t.start, `${t.text} is not a property of ${type}`);
        if (found.member.to === null)
          throw new ExpressionError(t.start, noCounterpart(`${lastSegment(type)}.${found.name}`, found.member.why));
        if (found.member.to !== t.text) this.edits.push({ start: t.start, end: t.end, text: found.member.to });
        type = found.member.type;
        collection = found.member.collection === true;
      }
      first = false;
      if (!this.isPunct("/"))
        return !collection && typeOf(this.map, type)?.kind === "enumType"
          ? { enumType: typeName(this.map, type)! }
          : {};
      this.pos++;
    }
  }

  private lambda(scope: Scope, element: string): void {
    this.expect("(");
    if (this.isPunct(")")) {
      this.pos++;
      return;
    }
    const variable = this.peek();
    if (variable === undefined || variable.kind !== "name" || variable.text.includes(".")) {
      throw new ExpressionError(this.at(), "expected a lambda variable");
    }
    this.pos++;
    this.expect(":");
    const variables = new Map(scope.variables);
    variables.set(variable.text, element);
    this.expression({ it: scope.it, variables });
    this.expect(")");
  }
}

function applyEdits(text: string, offset: number, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start - offset) + e.text + out.slice(e.end - offset);
  return out;
}

/** Ranges of `text` split at `separator` outside quotes and parentheses. */
function splitTop(text: string, separator: string): { readonly start: number; readonly end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === separator && depth === 0) {
      parts.push({ start, end: i });
      start = i + 1;
    }
  }
  parts.push({ start, end: text.length });
  return parts;
}

/** Expression translation with positions relative to a larger text (nested $expand options). */
function expressionEdits(
  map: MigrationMap,
  type: string,
  text: string,
  kind: ExpressionKind,
  offset: number,
  edits: Edit[],
  depth = 0,
): void {
  if (depth > MAX_NESTING)
    throw new ExpressionError(offset, `the $expand is nested more than ${MAX_NESTING} levels deep`);
  switch (kind) {
    case "filter":
    case "orderby": {
      const tokens = tokenize(text, offset);
      const parser = new ExpressionParser(map, tokens, offset + text.length);
      const scope = { it: type, variables: new Map<string, string>() };
      if (kind === "filter") parser.expression(scope);
      else parser.orderby(scope);
      if (!parser.done())
        throw new ExpressionError(tokens[tokens.length - 1]!.start, "the expression goes on after its end");
      edits.push(...parser.edits);
      return;
    }
    case "select":
      for (const part of splitTop(text, ",")) {
        const item = text.slice(part.start, part.end);
        if (item.trim() === "*") continue;
        const tokens = tokenize(item, offset + part.start).filter((t) => !(t.kind === "punct" && t.text === "/"));
        if (tokens.length === 0) throw new ExpressionError(offset + part.start, "an empty $select item");
        let cur = type;
        for (const t of tokens) {
          if (t.kind !== "name") throw new ExpressionError(t.start, `unexpected ${JSON.stringify(t.text)}`);
          cur = selectSegment(map, cur, t, edits);
        }
      }
      return;
    case "expand":
      for (const part of splitTop(text, ","))
        expandItem(map, type, text.slice(part.start, part.end), offset + part.start, edits, depth);
      return;
  }
}

/** One segment of a $select or $expand path: a member (renamed) or a cast (renamed); returns the type reached. */
function selectSegment(map: MigrationMap, type: string, t: Token, edits: Edit[]): string {
  if (t.text === "*") return type;
  if (t.text.includes(".")) {
    const from = typeName(map, t.text);
    if (from === undefined) throw new ExpressionError(t.start, `${t.text} is not a type of ${map.from.label}`);
    const to = map.types[from]!.to;
    if (to === null) throw new ExpressionError(t.start, noCounterpart(from, map.types[from]!.why));
    edits.push({ start: t.start, end: t.end, text: to });
    return from;
  }
  const found = memberOf(map, type, t.text);
  if (found === undefined) throw new ExpressionError(t.start, `${t.text} is not a property of ${type}`);
  if (found.member.to === null)
    throw new ExpressionError(t.start, noCounterpart(`${lastSegment(type)}.${found.name}`, found.member.why));
  if (found.member.to !== t.text) edits.push({ start: t.start, end: t.end, text: found.member.to });
  return found.member.type;
}

/** `Attachments`, `SingleValueExtendedProperties($filter=PropertyId eq '…';$select=Value)`, `Event/Attendees`. */
function expandItem(map: MigrationMap, type: string, item: string, offset: number, edits: Edit[], depth: number): void {
  const open = item.indexOf("(");
  const path = open < 0 ? item : item.slice(0, open);
  if (path.trim() === "*" && open < 0) return;
  const tokens = tokenize(path, offset).filter((t) => !(t.kind === "punct" && t.text === "/"));
  if (tokens.length === 0) throw new ExpressionError(offset, "an empty $expand item");
  let cur = type;
  for (const t of tokens) {
    if (t.kind !== "name") throw new ExpressionError(t.start, `unexpected ${JSON.stringify(t.text)}`);
    if (t.text === "$ref" || t.text === "$count") continue;
    cur = selectSegment(map, cur, t, edits);
  }
  if (open < 0) return;
  const close = item.lastIndexOf(")");
  if (close < open || item.slice(close + 1).trim() !== "")
    throw new ExpressionError(offset + open, "the options of an $expand item are not closed");
  const inner = item.slice(open + 1, close);
  for (const part of splitTop(inner, ";")) {
    const option = inner.slice(part.start, part.end);
    const at = offset + open + 1 + part.start;
    const eq = option.indexOf("=");
    const name = (eq < 0 ? option : option.slice(0, eq)).trim();
    const valueStart = at + eq + 1;
    const value = option.slice(eq + 1);
    switch (name.toLowerCase()) {
      case "$filter":
        expressionEdits(map, cur, value, "filter", valueStart, edits, depth + 1);
        break;
      case "$orderby":
        expressionEdits(map, cur, value, "orderby", valueStart, edits, depth + 1);
        break;
      case "$select":
        expressionEdits(map, cur, value, "select", valueStart, edits, depth + 1);
        break;
      case "$expand":
        expressionEdits(map, cur, value, "expand", valueStart, edits, depth + 1);
        break;
      case "$top":
      case "$skip":
      case "$count":
      case "$levels":
      case "$search":
        break;
      default:
        throw new ExpressionError(at, `${name} is not an option of $expand`);
    }
    if (name !== name.toLowerCase())
      edits.push({
        start: at + option.indexOf(name),
        end: at + option.indexOf(name) + name.length,
        text: name.toLowerCase(),
      });
  }
}

/**
 * Translates one `$filter`, `$orderby`, `$select` or `$expand` expression written against the Outlook type `fromType`
 * (qualified) into Graph's names: member paths (with lambda variables and casts), enum literals; everything else is kept
 * as written. A problem's `where` gives the 1-based column in `text`.
 */
export function translateExpression(
  map: MigrationMap,
  fromType: string,
  text: string,
  kind: ExpressionKind,
): ExpressionTranslation {
  const type = typeName(map, fromType);
  if (type === undefined)
    return { ok: false, problems: [{ where: `$${kind}`, reason: `${fromType} is not a type of ${map.from.label}` }] };
  const edits: Edit[] = [];
  try {
    expressionEdits(map, type, text, kind, 0, edits);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    return { ok: false, problems: [{ where: `$${kind} at column ${e.at + 1}`, reason: e.message }] };
  }
  return { ok: true, text: applyEdits(text, 0, edits) };
}

// ---------------------------------------------------------------------------------------------------------------
// URLs.

interface ParsedUrl {
  /** Raw path segments after the service root (`me`, `messages('AAk=')`). */
  readonly segments: readonly string[];
  /** Raw query pairs, in order. */
  readonly query: readonly (readonly [string, string])[];
}

/** The pieces of an Outlook URL: absolute (`https://outlook.office.com/api/v2.0/…`), host-relative, or service-relative. */
function parseLegacyUrl(map: MigrationMap, url: string, report: Report): ParsedUrl | undefined {
  let rest = url;
  const absolute = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (absolute !== null) {
    const [, scheme, authority, tail] = absolute;
    if (authority!.includes("@")) {
      // What comes before the @ is a user name and password: never quoted back.
      report.problem("URL host", "the URL carries credentials before the host; Graph takes a token in Authorization");
      return undefined;
    }
    const host = authority!.toLowerCase().replace(/:443$/, "");
    if (scheme!.toLowerCase() !== "https" || !LEGACY_HOSTS.has(host)) {
      report.problem(
        "URL host",
        `${JSON.stringify(`${scheme}://${authority}`)} is not an Outlook REST host (https://outlook.office.com)`,
      );
      return undefined;
    }
    rest = tail!;
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  let path = q < 0 ? rest : rest.slice(0, q);
  const search = q < 0 ? "" : rest.slice(q + 1);
  const root = /^\/?api\/([^/]+)(\/|$)/i.exec(path);
  if (root !== null) {
    if (root[1] !== map.from.label) {
      report.problem(`path segment \`${root[1]}\``, `this map translates Outlook ${map.from.label}, not ${root[1]}`);
      return undefined;
    }
    path = path.slice(root[0].length);
  } else if (absolute !== null || path.startsWith("/")) {
    report.problem("URL path", `an Outlook REST URL starts with /api/<version>/`);
    return undefined;
  }
  // Quotes and parentheses may come percent-encoded; they are decoded first so that keys with a "/" stay whole.
  path = path.replace(/%2[789]/gi, (m) => decodeURIComponent(m));
  const segments: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (path[i] === "'") quoted = !quoted;
    else if ((path[i] === "/" && !quoted) || i === path.length) {
      segments.push(path.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) {
    report.problem("URL path", "a quoted key is not closed");
    return undefined;
  }
  while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  const decoded: string[] = [];
  for (const s of segments) {
    const d = decode(s);
    if (d === undefined) {
      report.problem(`path segment \`${s}\``, "malformed percent-encoding");
      return undefined;
    }
    decoded.push(d);
  }
  const query: [string, string][] = [];
  for (const pair of search === "" ? [] : search.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    const v = decode(eq < 0 ? "" : pair.slice(eq + 1));
    if (k === undefined || v === undefined) {
      // Named by its key only: a query value may be a secret (an access token).
      report.problem(`query parameter \`${eq < 0 ? pair : pair.slice(0, eq)}\``, "malformed percent-encoding");
      return undefined;
    }
    query.push([k, v]);
  }
  return { segments: decoded, query };
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** A segment's name and its parenthesized part: `messages('AAk=')` → messages, `'AAk='`. */
function splitSegment(segment: string): { readonly name: string; readonly args: string | undefined } {
  const open = segment.indexOf("(");
  if (open < 0 || !segment.endsWith(")")) return { name: segment, args: undefined };
  return { name: segment.slice(0, open), args: segment.slice(open + 1, -1) };
}

/** `'a''b'` → a'b; an unquoted literal (a number, a GUID) as written. */
function keyValue(literal: string): { readonly value: string; readonly quoted: boolean } {
  const t = literal.trim();
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'"))
    return { value: t.slice(1, -1).replaceAll("''", "'"), quoted: true };
  return { value: t, quoted: false };
}

/** What a path addresses so far. */
type Addressed =
  | { readonly kind: "root" }
  | { readonly kind: "entity"; readonly type: string }
  | { readonly kind: "collection"; readonly type: string }
  /** A primitive, a stream, a count, a reference, or an action's result: nothing can follow. */
  | { readonly kind: "end"; readonly type?: string; readonly countOf?: string };

interface PathResult {
  readonly segments: string[];
  readonly addressed: Addressed;
  /** The last segment was a bound action (its body is the parameters). */
  readonly action?: { readonly name: string; readonly operation: OperationMap };
  /** The path addresses Outlook's per-user subscriptions, moved to Graph's root `/subscriptions`. */
  readonly subscriptions?: true;
}

type KeyStyle = "segment" | "parens";

/** A key in a path segment: percent-encoded, except `=` (base64 ids end with it; Graph's docs write it as is). */
function encodeKey(value: string): string {
  return encodePathSegment(value).replace(/%3D/g, "=");
}

/**
 * A key as Graph takes it: Outlook's `users/{userId@tenantId}` becomes the user's object id (Graph reads the tenant
 * from the token), and an open extension's qualified id `Microsoft.OutlookServices.OpenTypeExtension.{name}` becomes
 * the extension name, which Graph's extension URLs use. Every other key is kept.
 */
function graphKey(map: MigrationMap, type: string, value: string, report: Report): string {
  const ns = map.from.namespace;
  if (type === `${ns}.User`) {
    const m = /^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})@[0-9A-Fa-f-]{36}$/.exec(
      value,
    );
    if (m !== null) {
      report.note("users/{userId@tenantId} became users/{userId}: Graph takes the tenant from the token");
      return m[1]!;
    }
  }
  const prefix = `${ns}.OpenTypeExtension.`;
  if (isDerivedFrom(map, type, `${ns}.Extension`) && value.startsWith(prefix) && value.length > prefix.length) {
    report.note(`the extension id ${value} became its name: Graph addresses an open extension by extensionName`);
    return value.slice(prefix.length);
  }
  return value;
}

/** Renders a key: `/{id}` as Graph documents it, or `('id')` in a subscription's resource. */
function renderKey(
  map: MigrationMap,
  type: string,
  literal: string,
  style: KeyStyle,
  where: string,
  report: Report,
): string | undefined {
  const { quoted } = keyValue(literal);
  const value = graphKey(map, type, keyValue(literal).value, report);
  if (value === "" || value === "." || value === "..") {
    report.problem(where, `the key ${JSON.stringify(value)} would not stay one path segment`);
    return undefined;
  }
  if (style === "segment") return encodeKey(value);
  return quoted ? `('${encodeKey(value.replaceAll("'", "''"))}')` : `(${encodeKey(value)})`;
}

function translatePath(
  map: MigrationMap,
  segments: readonly string[],
  style: KeyStyle,
  report: Report,
): PathResult | undefined {
  const out: string[] = [];
  let addressed: Addressed = { kind: "root" };
  let action: PathResult["action"];
  let subscriptions = false;
  const before = report.problems.length;
  for (const raw of segments) {
    const where = `path segment \`${raw}\``;
    if (report.problems.length > before) return undefined;
    if (addressed.kind === "end" || action !== undefined) {
      report.problem(where, "nothing can follow the segment before it");
      return undefined;
    }
    const { name, args } = splitSegment(raw);
    const lower = name.toLowerCase();
    if (addressed.kind === "root") {
      if (lower === "$batch") {
        out.push("$batch");
        addressed = { kind: "end" };
        continue;
      }
      const root = indexOf(map).roots.get(lower);
      if (root === undefined) {
        report.problem(where, `${name} is not an entity set or singleton of Outlook ${map.from.label}`);
        return undefined;
      }
      const rm = map.roots[root]!;
      if (rm.to === null) {
        report.problem(where, noCounterpart(root, rm.why));
        return undefined;
      }
      out.push(safeName(report, where, rm.to));
      addressed = rm.kind === "singleton" ? { kind: "entity", type: rm.type } : { kind: "collection", type: rm.type };
      if (args !== undefined && rm.kind === "entitySet") {
        const key = renderKey(map, rm.type, args, style, where, report);
        if (key === undefined) return undefined;
        if (style === "segment") out.push(key);
        else out[out.length - 1] += key;
        addressed = { kind: "entity", type: rm.type };
      }
      continue;
    }
    if (lower === "$value" || lower === "$ref" || (lower === "$count" && addressed.kind === "collection")) {
      out.push(lower);
      // `/me/messages/$count?$filter=…`: the query still applies to the collection counted.
      addressed = lower === "$count" ? { kind: "end", countOf: addressed.type } : { kind: "end" };
      continue;
    }
    if (lower === "$batch" && addressed.kind === "entity" && out.length <= 2) {
      // v2.0 documents `/me/$batch`; Graph has one `/$batch` at the root.
      out.splice(0, out.length, "$batch");
      report.note("Graph's $batch sits at the service root, not under the user");
      addressed = { kind: "end" };
      continue;
    }
    if (name.includes(".") && args === undefined) {
      const from = typeName(map, name);
      if (from !== undefined) {
        const to = map.types[from]!.to;
        if (to === null) {
          report.problem(where, noCounterpart(from, map.types[from]!.why));
          return undefined;
        }
        if (!isDerivedFrom(map, from, addressed.type)) {
          report.problem(where, `${from} does not derive from ${addressed.type}, the type addressed before it`);
          return undefined;
        }
        out.push(safeName(report, where, to));
        addressed = { kind: addressed.kind, type: from };
        continue;
      }
    }
    const member = addressed.kind === "entity" ? memberOf(map, addressed.type, name) : undefined;
    if (member !== undefined) {
      const m = member.member;
      const subscriptionNav = m.to === null && lower === "subscriptions" && out.length <= 2;
      if (m.to === null && !subscriptionNav) {
        report.problem(where, noCounterpart(`${lastSegment(addressed.type)}.${member.name}`, m.why));
        return undefined;
      }
      if (subscriptionNav) {
        // Outlook: /me/subscriptions; Graph: /subscriptions (one collection for the app, the user is in `resource`).
        out.splice(0, out.length, "subscriptions");
        subscriptions = true;
        report.note("Graph's subscriptions live at /subscriptions, not under the user");
      } else out.push(safeName(report, where, m.to!));
      // Outlook's collection is of the abstract Subscription; what Graph's /subscriptions holds is PushSubscription's.
      const target = subscriptionNav ? `${map.from.namespace}.PushSubscription` : m.type;
      if (m.collection === true) {
        addressed = { kind: "collection", type: target };
        if (args !== undefined) {
          const key = renderKey(map, target, args, style, where, report);
          if (key === undefined) return undefined;
          if (style === "segment") out.push(key);
          else out[out.length - 1] += key;
          addressed = { kind: "entity", type: target };
        }
      } else {
        if (args !== undefined) {
          report.problem(where, `${member.name} is single-valued: it takes no key`);
          return undefined;
        }
        addressed =
          isPrimitive(m.type) || typeOf(map, m.type)?.kind === "enumType"
            ? { kind: "end", type: m.type }
            : { kind: "entity", type: m.type };
      }
      continue;
    }
    const op = operationOf(map, addressed.type, addressed.kind === "collection", name);
    if (op !== undefined) {
      const o = op.operation;
      if (o.to === null) {
        report.problem(where, noCounterpart(`${op.name}`, o.why));
        return undefined;
      }
      let segment = safeName(report, where, o.to);
      if (o.kind === "function") {
        const params = translateCallParameters(op.name, o, args ?? "", where, report);
        if (params === undefined) return undefined;
        segment += `(${params})`;
      } else if (args !== undefined && args.trim() !== "") {
        report.problem(where, `${op.name} is an action: its parameters go in the body`);
        return undefined;
      } else action = op;
      out.push(segment);
      // What the call returns types a response (translateResponse); only a function's result may be addressed further.
      const r = o.returns;
      addressed =
        r === undefined || isPrimitive(r.type)
          ? { kind: "end", ...(r !== undefined ? { type: r.type } : {}) }
          : r.collection === true
            ? { kind: "collection", type: r.type }
            : { kind: "entity", type: r.type };
      continue;
    }
    if (addressed.kind === "collection" && args === undefined) {
      // `/me/events/{id}`: a key as its own segment.
      const key = renderKey(map, addressed.type, `'${raw.replaceAll("'", "''")}'`, style, where, report);
      if (key === undefined) return undefined;
      if (style === "segment") out.push(key);
      else out[out.length - 1] += key;
      addressed = { kind: "entity", type: addressed.type };
      continue;
    }
    report.problem(where, `${name} is not a property, navigation, operation or type of ${addressed.type}`);
    return undefined;
  }
  if (report.problems.length > before) return undefined;
  return {
    segments: out,
    addressed,
    ...(action !== undefined ? { action } : {}),
    ...(subscriptions ? { subscriptions: true } : {}),
  };
}

/** `StartDateTime='…',EndDateTime='…'` → `startDateTime='…',endDateTime='…'`; literals are kept as written. */
function translateCallParameters(
  opName: string,
  op: OperationMap,
  args: string,
  where: string,
  report: Report,
): string | undefined {
  if (args.trim() === "") return "";
  const out: string[] = [];
  for (const part of splitTop(args, ",")) {
    const text = args.slice(part.start, part.end);
    const eq = text.indexOf("=");
    if (eq < 0) {
      report.problem(where, `${opName}: a parameter is given without its name`);
      return undefined;
    }
    const name = text.slice(0, eq).trim();
    const param = Object.entries(op.parameters).find(([k]) => k.toLowerCase() === name.toLowerCase());
    if (param === undefined) {
      report.problem(where, `${name} is not a parameter of ${opName}`);
      return undefined;
    }
    if (param[1].to === null) {
      report.problem(where, noCounterpart(`${opName}(${param[0]})`, param[1].why));
      return undefined;
    }
    const literal = text.slice(eq + 1).trim();
    out.push(`${parameterName(safeName(report, where, param[1].to))}=${encodePathSegment(literal)}`);
  }
  return out.join(",");
}

// ---------------------------------------------------------------------------------------------------------------
// Query options.

/** A string, a number, a date, a GUID, true/false/null, or a typed literal of no named type (`duration'P1D'`). */
function aliasLiteral(value: string): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(value, 0);
  } catch {
    return false;
  }
  if (tokens.length !== 1) return false;
  const t = tokens[0]!;
  if (t.kind === "string" || t.kind === "literal") return true;
  if (t.kind === "typed") return !t.text.slice(0, t.text.indexOf("'")).includes(".");
  return t.kind === "name" && LITERAL_WORDS.has(t.text.toLowerCase());
}

function translateQuery(
  map: MigrationMap,
  query: readonly (readonly [string, string])[],
  addressed: Addressed,
  report: Report,
): [string, string][] {
  const out: [string, string][] = [];
  const type =
    addressed.kind === "entity" || addressed.kind === "collection"
      ? addressed.type
      : addressed.kind === "end"
        ? addressed.countOf
        : undefined;
  const seen = new Set<string>();
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    const where = `query parameter \`${key}\``;
    if (seen.has(lower)) {
      report.problem(where, `${key} is given more than once`);
      continue;
    }
    seen.add(lower);
    if (lower.startsWith("@")) {
      // A parameter alias's value may be any expression; only a literal is kept, as names in it would go untranslated.
      if (!aliasLiteral(value))
        report.problem(
          where,
          "a parameter alias is translated only when its value is a literal: write the expression in place",
        );
      else out.push([key, value]);
      continue;
    }
    switch (lower) {
      case "$select":
      case "$filter":
      case "$orderby":
      case "$expand": {
        const kind = lower.slice(1) as ExpressionKind;
        if (type === undefined) {
          report.problem(where, `${key} needs an entity or a collection before it`);
          continue;
        }
        const t = translateExpression(map, type, value, kind);
        if (t.ok) out.push([lower, t.text]);
        else for (const p of t.problems) report.problem(p.where, p.reason);
        continue;
      }
      case "$top":
      case "$skip":
        if (!/^[0-9]+$/.test(value)) report.problem(where, `${key} takes a whole number`);
        else out.push([lower, value]);
        continue;
      case "$count":
        if (value !== "true" && value !== "false") report.problem(where, "$count takes true or false");
        else out.push([lower, value]);
        continue;
      case "$search":
        out.push([lower, value]);
        continue;
      case "$deltatoken":
      case "$skiptoken":
        report.problem(
          `header Prefer: odata.track-changes with ${lower}`,
          `${lower} is a token of the Outlook service, which Graph cannot resume from; start a new round with Graph's delta function`,
        );
        continue;
      default: {
        const custom = CUSTOM_PARAMETERS[lower];
        if (custom !== undefined) out.push([custom, value]);
        else report.problem(where, `${key} is not a query option Outlook documents`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Headers.

/** Splits a Prefer header at commas outside quotes. */
function preferences(value: string): string[] {
  return splitTop(value.replaceAll('"', "'"), ",")
    .map((r) => value.slice(r.start, r.end).trim())
    .filter((p) => p !== "");
}

interface HeaderResult {
  readonly headers: Record<string, string>;
  readonly trackChanges: boolean;
  readonly continueOnError: boolean;
}

function translateHeaders(headers: Readonly<Record<string, string>>, report: Report): HeaderResult {
  const out: Record<string, string> = {};
  let trackChanges = false;
  let continueOnError = false;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "x-anchormailbox") {
      report.note("x-AnchorMailbox dropped: Graph routes requests to the mailbox itself");
      continue;
    }
    if (lower === "prefer") {
      const kept: string[] = [];
      for (const p of preferences(value)) {
        const token = p.split("=")[0]!.trim().toLowerCase();
        if (token === "odata.track-changes") trackChanges = true;
        else if (
          token === "outlook.timezone" ||
          token === "outlook.body-content-type" ||
          token === "outlook.allow-unsafe-html" ||
          token === "odata.maxpagesize" ||
          token === "return"
        )
          kept.push(p);
        else if (token === "odata.continue-on-error") {
          continueOnError = true;
          report.note(
            "Prefer: odata.continue-on-error dropped: the parts of a Graph JSON batch run independently unless dependsOn chains them",
          );
        } else report.problem(`header Prefer: ${token}`, `${token} is not a preference Graph documents`);
      }
      if (kept.length > 0) setOwn(out, name, kept.join(", "));
      continue;
    }
    if (KEPT_HEADERS.has(lower)) setOwn(out, name, value);
    else report.problem(`header ${name}`, `${name} is not a header Graph documents for these requests`);
  }
  return { headers: out, trackChanges, continueOnError };
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies.

interface BodyContext {
  readonly map: MigrationMap;
  readonly report: Report;
  readonly root: string;
}

/** A place in a body, JSON-pointer style: `body /Message/ToRecipients/0`. */
function child(where: string, key: string): string {
  return where === "body" ? `body /${key}` : `${where}/${key}`;
}

/** `#Microsoft.OutlookServices.FileAttachment` → the Outlook type, or a problem. */
function odataTypeOf(ctx: BodyContext, value: unknown, where: string): string | undefined {
  if (typeof value !== "string") {
    ctx.report.problem(where, "@odata.type must be a string");
    return undefined;
  }
  const name = value.startsWith("#") ? value.slice(1) : value;
  const from = typeName(ctx.map, name);
  if (from === undefined) ctx.report.problem(where, `${value} is not a type of Outlook ${ctx.map.from.label}`);
  return from;
}

/** A value of `type` (an Outlook type name), renamed through the map. */
function translateValue(
  ctx: BodyContext,
  type: string,
  collection: boolean,
  value: unknown,
  where: string,
  depth = 0,
): unknown {
  if (value === null) return null;
  if (depth > MAX_NESTING) {
    ctx.report.problem(where, `the body is nested more than ${MAX_NESTING} levels deep`);
    return value;
  }
  if (collection) {
    if (!Array.isArray(value)) {
      ctx.report.problem(where, `expected an array of ${type}`);
      return value;
    }
    return value.map((v, i) => translateValue(ctx, type, false, v, child(where, String(i)), depth));
  }
  if (isPrimitive(type)) return value;
  const tm = typeOf(ctx.map, type);
  if (tm === undefined) {
    ctx.report.problem(where, `${type} is not a type of Outlook ${ctx.map.from.label}`);
    return value;
  }
  // A type definition is its underlying primitive on the wire, whatever Graph calls it.
  if (tm.kind === "typeDefinition") return value;
  if (typeName(ctx.map, type) === `${ctx.map.from.namespace}.TimeStamp`) return timeStampToGraph(ctx, value, where);
  const derived = typeof value === "object" && !Array.isArray(value) && "@odata.type" in value;
  if (tm.to === null && !derived) {
    ctx.report.problem(where, noCounterpart(type, tm.why));
    return value;
  }
  if (tm.kind === "enumType") return translateEnum(ctx, type, tm, value, where);
  if (typeof value !== "object" || Array.isArray(value)) {
    ctx.report.problem(where, `expected an object of ${type}`);
    return value;
  }
  return translateObject(ctx, typeName(ctx.map, type)!, value as Record<string, unknown>, where, depth);
}

/**
 * Outlook beta's `TimeStamp` (`{ Date, Time, TimeZone }`, in a find-meeting-times time slot) has no Graph type of its
 * own: Graph's time slot takes a dateTimeTimeZone (https://learn.microsoft.com/graph/api/resources/timeslot?view=graph-rest-1.0),
 * the same instant written as one local date-time and the zone. The one value conversion the translator makes.
 */
function timeStampToGraph(ctx: BodyContext, value: unknown, where: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.report.problem(where, "expected a TimeStamp object { Date, Time, TimeZone }");
    return value;
  }
  const parts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = ["date", "time", "timezone"].find((n) => n === k.toLowerCase());
    if (key === undefined) ctx.report.problem(child(where, k), `${k} is not a property of TimeStamp`);
    else setOwn(parts, key, v);
  }
  const { date, time, timezone } = parts;
  if (typeof date !== "string" || (time !== undefined && typeof time !== "string")) {
    ctx.report.problem(where, "a TimeStamp needs its Date (and Time) as strings to become Graph's dateTime");
    return value;
  }
  return { dateTime: `${date}T${time ?? "00:00:00"}`, ...(timezone !== undefined ? { timeZone: timezone } : {}) };
}

/** Graph's dateTimeTimeZone back into Outlook beta's TimeStamp. */
function timeStampFromGraph(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== "string" || !dateTime.includes("T")) return value;
  const t = dateTime.indexOf("T");
  return {
    Date: dateTime.slice(0, t),
    Time: dateTime.slice(t + 1),
    ...(timeZone !== undefined ? { TimeZone: timeZone } : {}),
  };
}

function translateEnum(ctx: BodyContext, type: string, tm: TypeMap, value: unknown, where: string): unknown {
  if (typeof value !== "string") return value;
  const members = tm.enumMembers ?? {};
  const out: string[] = [];
  for (const raw of value.split(",")) {
    const m = raw.trim();
    const key = Object.keys(members).find((k) => k.toLowerCase() === m.toLowerCase());
    if (key === undefined) {
      ctx.report.problem(where, `${JSON.stringify(m)} is not a member of ${type}`);
      return value;
    }
    const to = members[key];
    if (to === null || to === undefined) {
      ctx.report.problem(where, noCounterpart(`${lastSegment(type)}'${key}'`, tm.enumMembersWhy?.[key]));
      return value;
    }
    out.push(to);
  }
  return out.join(",");
}

const OPEN_TYPES = ["OpenTypeExtension"];

function translateObject(
  ctx: BodyContext,
  declared: string,
  value: Readonly<Record<string, unknown>>,
  where: string,
  depth: number,
): Record<string, unknown> {
  const { map } = ctx;
  let type = declared;
  const out: Record<string, unknown> = {};
  const odataType = value["@odata.type"];
  if (odataType !== undefined) {
    const from = odataTypeOf(ctx, odataType, child(where, "@odata.type"));
    if (from !== undefined) {
      type = from;
      const to = map.types[from]!.to;
      if (to === null) ctx.report.problem(child(where, "@odata.type"), noCounterpart(from, map.types[from]!.why));
      else if (!isDerivedFrom(map, from, declared) && !isDerivedFrom(map, declared, from)) {
        ctx.report.problem(child(where, "@odata.type"), `${odataType} is not a ${declared}`);
      } else if (to === map.types[declared]?.to) {
        // Graph's own type for this place: its docs leave @odata.type out.
        ctx.report.note(
          `${where === "body" ? "body" : where}: @odata.type ${odataType} left out (Graph's ${to} is the type expected there)`,
        );
      } else setOwn(out, "@odata.type", `${(odataType as string).startsWith("#") ? "#" : ""}${to}`);
    }
  }
  const open = OPEN_TYPES.some((n) => type === `${map.from.namespace}.${n}`);
  for (const [key, v] of Object.entries(value)) {
    if (key === "@odata.type") continue;
    const at = child(where, key);
    if (key.startsWith("@")) {
      setOwn(out, key, v);
      continue;
    }
    // `Name@odata.bind` and other annotations of a property: the property part is renamed.
    const annotation = key.indexOf("@");
    const name = annotation < 0 ? key : key.slice(0, annotation);
    const suffix = annotation < 0 ? "" : key.slice(annotation);
    const found = memberOf(map, type, name);
    if (found === undefined) {
      if (open) setOwn(out, key, v);
      else ctx.report.problem(at, `${name} is not a property of ${type}`);
      continue;
    }
    const m = found.member;
    if (m.to === null) {
      ctx.report.problem(at, noCounterpart(`${lastSegment(type)}.${found.name}`, m.why));
      continue;
    }
    if (suffix !== "") {
      setOwn(out, `${m.to}${suffix}`, v);
      continue;
    }
    if (
      found.name === "Resource" &&
      isDerivedFrom(map, type, `${map.from.namespace}.Subscription`) &&
      typeof v === "string"
    ) {
      setOwn(out, m.to, translateResource(ctx, v, at));
      continue;
    }
    setOwn(out, m.to, translateValue(ctx, m.type, m.collection === true, v, at, depth + 1));
  }
  return out;
}

/** A subscription's resource: an Outlook URL → Graph's relative form, `me/mailFolders('inbox')/messages`. */
function translateResource(ctx: BodyContext, url: string, where: string): string {
  const inner = new Report();
  const parsed = parseLegacyUrl(ctx.map, url, inner);
  const path = parsed === undefined ? undefined : translatePath(ctx.map, parsed.segments, "parens", inner);
  const query =
    parsed !== undefined && path !== undefined ? translateQuery(ctx.map, parsed.query, path.addressed, inner) : [];
  for (const p of inner.problems) ctx.report.problem(`${where}: ${p.where}`, p.reason);
  if (path === undefined || inner.problems.length > 0) return url;
  return path.segments.join("/") + formatQuery(query, true);
}

function formatQuery(pairs: readonly (readonly [string, string])[], readable = false): string {
  if (pairs.length === 0) return "";
  // A subscription's resource is JSON data, written as Graph's examples write it ("?$filter=isRead eq false"): only
  // what would end or garble a value is encoded there. In a request URL, `=` stays readable in a value
  // (`$expand=extensions($filter=id eq '…')`); it cannot end the value early.
  const encode = readable
    ? (v: string) => v.replace(/[%&#+]/g, (c) => encodeURIComponent(c))
    : (v: string) => encodeQueryComponent(v).replace(/%3D/g, "=");
  return "?" + pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
}

/** An action's parameters: names through the map, values by the parameter's type. */
function translateParameters(ctx: BodyContext, opName: string, op: OperationMap, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    ctx.report.problem("body", `${opName} takes its parameters as a JSON object`);
    return body;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(body)) {
    const param = Object.entries(op.parameters).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (param === undefined) {
      ctx.report.problem(`body /${key}`, `${key} is not a parameter of ${opName}`);
      continue;
    }
    if (param[1].to === null) {
      ctx.report.problem(`body /${key}`, noCounterpart(`${opName}(${param[0]})`, param[1].why));
      continue;
    }
    setOwn(
      out,
      parameterName(param[1].to),
      translateValue(ctx, param[1].type, param[1].collection === true, v, `body /${key}`),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests.

/**
 * Translates one Outlook REST request into the Graph request for the same operation, or says precisely what cannot be
 * translated. Names are matched case-insensitively, as Outlook did; keys, ids and literals are kept.
 */
export function translateRequest(
  map: MigrationMap,
  request: LegacyRequest,
  options: TranslateOptions = {},
): RequestTranslation {
  const report = new Report();
  const root = (options.root ?? DEFAULT_ROOT).replace(/\/+$/, "");
  const method = request.method.toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    return {
      ok: false,
      problems: [{ where: "method", reason: `${JSON.stringify(request.method)} is not an HTTP method` }],
    };
  const parsed = parseLegacyUrl(map, request.url, report);
  if (parsed === undefined) return { ok: false, problems: report.problems };
  const path = translatePath(map, parsed.segments, "segment", report);
  if (path === undefined) return { ok: false, problems: report.problems };
  const headers = translateHeaders(request.headers ?? {}, report);
  const query = translateQuery(map, parsed.query, path.addressed, report);
  const segments = [...path.segments];
  if (headers.trackChanges) deltaCall(map, method, path, segments, report);
  let body: unknown = request.body;
  const ctx: BodyContext = { map, report, root };
  if (path.segments[0] === "$batch") {
    body = translateBatch(ctx, request, headers, options);
    if (body !== request.body) setContentType(headers.headers, "application/json");
  } else if (request.body !== undefined) body = translateBody(ctx, method, path, request.body);
  if (path.subscriptions === true) body = subscriptionExpiry(method, body, options, report);
  if (report.problems.length > 0) return { ok: false, problems: report.problems };
  const url = `${root}/${segments.join("/")}${formatQuery(query)}`;
  if (!url.startsWith(`${root}/`) || segments.some((s) => s === "." || s === "..")) {
    return { ok: false, problems: [{ where: "URL path", reason: "the translated path would leave the Graph root" }] };
  }
  const out: LegacyRequest = {
    method,
    url,
    ...(Object.keys(headers.headers).length > 0 ? { headers: headers.headers } : {}),
    ...(body !== undefined ? { body } : {}),
  };
  return { ok: true, request: out, notes: report.notes };
}

/**
 * Where Graph v1.0 documents a delta function for what Outlook synced (after `me` or `users/{id}`; `*` is a key):
 * messages per folder (message-delta), the calendar view of the user's calendar (event-delta), contacts per folder
 * (contact-delta), and the folder lists (mailfolder-delta, contactfolder-delta). Graph's $metadata binds `delta` to
 * every collection of these types, but only these paths are documented.
 */
const DELTA_PATHS: readonly (readonly string[])[] = [
  ["mailFolders", "*", "messages"],
  ["calendarView"],
  ["contactFolders", "*", "contacts"],
  ["mailFolders"],
  ["contactFolders"],
];

/** `Prefer: odata.track-changes` on a collection → Graph's delta function on it, where Graph documents one. */
function deltaCall(map: MigrationMap, method: string, path: PathResult, segments: string[], report: Report): void {
  const where = "header Prefer: odata.track-changes";
  const a = path.addressed;
  if (method !== "GET" || a.kind !== "collection") {
    report.problem(where, "Outlook syncs a collection with GET; this request is not one");
    return;
  }
  if (typeOf(map, a.type)?.delta !== true) {
    report.problem(where, `Graph has no delta function for ${graphTypeOf(map, a.type) ?? a.type}`);
    return;
  }
  const rest = segments[0] === "me" ? segments.slice(1) : segments[0] === "users" ? segments.slice(2) : undefined;
  const documented =
    rest !== undefined &&
    DELTA_PATHS.some((p) => p.length === rest.length && p.every((s, i) => s === "*" || s === rest[i]));
  if (!documented) {
    report.problem(
      where,
      `Graph v1.0 documents delta for ${graphTypeOf(map, a.type)} only on ` +
        DELTA_PATHS.filter((p) => p[p.length - 1] === segments[segments.length - 1])
          .map((p) => `/me/${p.join("/").replaceAll("*", "{id}")}/delta`)
          .join(" and ") +
        `, not on /${segments.join("/")}/delta`,
    );
    return;
  }
  segments.push("delta");
  report.note(
    "Prefer: odata.track-changes became Graph's delta function; follow @odata.nextLink, then keep @odata.deltaLink",
  );
}

/**
 * The lifetime given to a subscription whose expiry Outlook would have set (3 days, 4320 minutes): 4230 minutes, a
 * little under it and within Graph's limit for Outlook resources without resource data
 * (https://learn.microsoft.com/graph/api/resources/subscription?view=graph-rest-1.0, "Subscription lifetime").
 */
const OUTLOOK_SUBSCRIPTION_MINUTES = 4230;

/**
 * Outlook filled in a subscription's expiry (3 days) when a POST had none or a PATCH was empty; Graph requires
 * `expirationDateTime`, so it is set to now (options.now, else the clock) plus OUTLOOK_SUBSCRIPTION_MINUTES.
 */
function subscriptionExpiry(method: string, body: unknown, options: TranslateOptions, report: Report): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body) || "expirationDateTime" in body) return body;
  if (!(method === "POST" || (method === "PATCH" && Object.keys(body).length === 0))) return body;
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) {
    report.problem("options.now", `${JSON.stringify(String(options.now))} is not a date`);
    return body;
  }
  const expiry = new Date(now.getTime() + OUTLOOK_SUBSCRIPTION_MINUTES * 60_000).toISOString().replace(".000Z", "Z");
  report.note(
    `expirationDateTime set to ${expiry} (now + ${OUTLOOK_SUBSCRIPTION_MINUTES} minutes): Graph requires it, where Outlook defaulted to 3 days`,
  );
  return { ...body, expirationDateTime: expiry };
}

function setContentType(headers: Record<string, string>, value: string): void {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === "content-type") ?? "Content-Type";
  setOwn(headers, name, value);
}

/**
 * An Outlook `$batch` (multipart/mixed, one HTTP request per part) → Graph's JSON batch: each part translated on its
 * own, its URL relative to the version root. Outlook stopped at the first failed part unless
 * `Prefer: odata.continue-on-error`; Graph runs parts independently unless `dependsOn` chains them, so without that
 * preference each part depends on the one before it.
 */
function translateBatch(
  ctx: BodyContext,
  request: LegacyRequest,
  headers: HeaderResult,
  options: TranslateOptions,
): unknown {
  const { report } = ctx;
  if (request.method.toUpperCase() !== "POST" || typeof request.body !== "string") {
    report.problem("body", "an Outlook $batch is a POST with a multipart/mixed body");
    return request.body;
  }
  const contentType = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  const declared = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
  const text = request.body;
  const boundary = declared ?? /^--([^\r\n]+)/.exec(text)?.[1];
  if (boundary === undefined) {
    report.problem("body", "the multipart body names no boundary");
    return text;
  }
  const chunks = text.split(`--${boundary}`);
  const parts = chunks.slice(1).filter((c) => !c.startsWith("--"));
  if (parts.length === 0) {
    report.problem("body", `no part is delimited by --${boundary}`);
    return text;
  }
  const requests: Record<string, unknown>[] = [];
  parts.forEach((raw, i) => {
    const where = `body part ${i + 1}`;
    const part = parseBatchPart(raw);
    if (part === undefined) {
      report.problem(where, "not an application/http part with a request line");
      return;
    }
    const id = String(i + 1);
    // Checked before the part is translated: a batch nested in a batch would be translated level by level.
    const partPath = part.url.split(/[?#]/)[0]!;
    if (/(^|\/)\$batch\/?$/i.test(decode(partPath) ?? partPath)) {
      report.problem(where, "a $batch cannot hold another $batch");
      return;
    }
    const t = translateRequest(ctx.map, part, options);
    if (!t.ok) {
      for (const p of t.problems) report.problem(`${where}: ${p.where}`, p.reason);
      return;
    }
    if (t.request.url.split("?")[0]!.endsWith("/$batch")) {
      report.problem(where, "a $batch cannot hold another $batch");
      return;
    }
    for (const n of t.notes) report.note(`${where}: ${n}`);
    requests.push({
      id,
      ...(i > 0 && !headers.continueOnError ? { dependsOn: [String(i)] } : {}),
      method: t.request.method,
      url: t.request.url.slice(ctx.root.length),
      ...(t.request.headers !== undefined ? { headers: t.request.headers } : {}),
      ...(t.request.body !== undefined ? { body: t.request.body } : {}),
    });
  });
  if (!headers.continueOnError && parts.length > 1) {
    report.note("each batch part depends on the one before it, as Outlook stopped at the first failed part");
  }
  return { requests };
}

/** One part: its MIME headers, a blank line, the request line, the request's headers, a blank line, the body. */
function parseBatchPart(raw: string): LegacyRequest | undefined {
  const lines = raw.replace(/^\r?\n/, "").split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i] !== "") i++;
  i++;
  while (i < lines.length && lines[i] === "") i++;
  const line = /^([A-Za-z]+) (\S+)(?: HTTP\/\d\.\d)?$/.exec(lines[i] ?? "");
  if (line === null) return undefined;
  i++;
  const headers: Record<string, string> = {};
  for (; i < lines.length && lines[i] !== ""; i++) {
    const colon = lines[i]!.indexOf(":");
    if (colon > 0) setOwn(headers, lines[i]!.slice(0, colon).trim(), lines[i]!.slice(colon + 1).trim());
  }
  const text = lines
    .slice(i + 1)
    .join("\r\n")
    .replace(/(\r\n)+$/, "");
  let body: unknown = undefined;
  if (text !== "") {
    const json = Object.entries(headers).some(([k, v]) => k.toLowerCase() === "content-type" && /json/i.test(v));
    try {
      body = json ? JSON.parse(text) : text;
    } catch {
      body = text;
    }
  }
  return {
    method: line[1]!,
    url: line[2]!,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

function translateBody(ctx: BodyContext, method: string, path: PathResult, body: unknown): unknown {
  const a = path.addressed;
  if (path.action !== undefined) return translateParameters(ctx, path.action.name, path.action.operation, body);
  if (path.segments[path.segments.length - 1] === "$value") return body;
  if (path.segments[path.segments.length - 1] === "$ref") return translateReference(ctx, body);
  if (
    (method === "POST" && a.kind === "collection") ||
    ((method === "PATCH" || method === "PUT") && a.kind === "entity")
  ) {
    return translateValue(ctx, a.type, false, body, "body");
  }
  ctx.report.problem("body", `a ${method} to this URL takes no body Outlook documents`);
  return body;
}

/** `{"@odata.id": "<Outlook URL>"}` → the Graph URL of the same entity. */
function translateReference(ctx: BodyContext, body: unknown): unknown {
  const id = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["@odata.id"] : undefined;
  if (typeof id !== "string") {
    ctx.report.problem("body /@odata.id", "a reference body needs @odata.id");
    return body;
  }
  const inner = new Report();
  const parsed = parseLegacyUrl(ctx.map, id, inner);
  const path = parsed === undefined ? undefined : translatePath(ctx.map, parsed.segments, "segment", inner);
  for (const p of inner.problems) ctx.report.problem(`body /@odata.id: ${p.where}`, p.reason);
  if (path === undefined) return body;
  return { ...(body as Record<string, unknown>), "@odata.id": `${ctx.root}/${path.segments.join("/")}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Responses.

/**
 * Graph JSON → the JSON Outlook would have sent for the resource the legacy request addressed: property names back to
 * Outlook's, `@odata.type` back, enum members back. Collections keep their `{ value: [...] }` shape; `@odata.nextLink`
 * and `@odata.deltaLink` are kept as Graph sent them (they point at Graph: follow them with Graph requests, not through
 * translateRequest). Properties Outlook never had are kept under their Graph names. A body whose resource the map
 * cannot place is returned as it came, and so is what nests more than MAX_NESTING levels deep.
 */
export function translateResponse(map: MigrationMap, request: LegacyRequest, graphBody: unknown): unknown {
  const report = new Report();
  const parsed = parseLegacyUrl(map, request.url, report);
  const path = parsed === undefined ? undefined : translatePath(map, parsed.segments, "segment", report);
  if (path === undefined) return graphBody;
  const a = path.addressed;
  const type = a.kind === "root" ? undefined : a.type;
  if (type === undefined || graphBody === null || typeof graphBody !== "object") return graphBody;
  const collection =
    a.kind === "collection" || (a.kind === "end" && path.action?.operation.returns?.collection === true);
  if (collection && "value" in graphBody && Array.isArray((graphBody as { value: unknown }).value)) {
    const body = graphBody as Record<string, unknown>;
    return { ...body, value: (body["value"] as unknown[]).map((v) => backValue(map, type, false, v)) };
  }
  if (a.kind === "end" && "value" in graphBody && !Array.isArray(graphBody)) {
    const body = graphBody as Record<string, unknown>;
    return { ...body, value: backValue(map, type, path.action?.operation.returns?.collection === true, body["value"]) };
  }
  return backValue(map, type, false, graphBody);
}

function backValue(map: MigrationMap, type: string, collection: boolean, value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || depth > MAX_NESTING) return value;
  if (collection) return Array.isArray(value) ? value.map((v) => backValue(map, type, false, v, depth)) : value;
  if (isPrimitive(type)) return value;
  const tm = typeOf(map, type);
  if (tm === undefined) return value;
  if (typeName(map, type) === `${map.from.namespace}.TimeStamp`) return timeStampFromGraph(value);
  if (tm.kind === "enumType") {
    if (typeof value !== "string") return value;
    const back = new Map(
      Object.entries(tm.enumMembers ?? {}).flatMap(([k, v]) => (v === null ? [] : [[v.toLowerCase(), k] as const])),
    );
    return value
      .split(",")
      .map((m) => back.get(m.trim().toLowerCase()) ?? m)
      .join(",");
  }
  if (typeof value !== "object" || Array.isArray(value)) return value;
  let actual = typeName(map, type)!;
  const out: Record<string, unknown> = {};
  const body = value as Record<string, unknown>;
  const odataType = body["@odata.type"];
  if (typeof odataType === "string") {
    const graph = odataType.replace(/^#/, "").toLowerCase();
    const candidates = indexOf(map).reverseTypes.get(graph) ?? [];
    const from = candidates.find((c) => isDerivedFrom(map, c, actual)) ?? candidates[0];
    if (from !== undefined) {
      actual = from;
      setOwn(out, "@odata.type", `${odataType.startsWith("#") ? "#" : ""}${from}`);
    } else setOwn(out, "@odata.type", odataType);
  }
  const reverse = reverseMembers(map, actual);
  for (const [key, v] of Object.entries(body)) {
    if (key === "@odata.type") continue;
    if (key.startsWith("@")) {
      setOwn(out, key, v);
      continue;
    }
    const annotation = key.indexOf("@");
    const name = annotation < 0 ? key : key.slice(0, annotation);
    const suffix = annotation < 0 ? "" : key.slice(annotation);
    const found = reverse.get(name.toLowerCase());
    if (found === undefined) setOwn(out, key, v);
    else if (suffix !== "") setOwn(out, `${found.name}${suffix}`, v);
    else setOwn(out, found.name, backValue(map, found.member.type, found.member.collection === true, v, depth + 1));
  }
  return out;
}

/** Graph member name (lower case) → the Outlook member of `type` (or a base) that maps to it; nearest wins. */
function reverseMembers(
  map: MigrationMap,
  type: string,
): Map<string, { readonly name: string; readonly member: MemberMap }> {
  const out = new Map<string, { name: string; member: MemberMap }>();
  const seen = new Set<string>();
  for (let cur: string | undefined = type; cur !== undefined && !seen.has(cur); cur = map.types[cur]?.base) {
    seen.add(cur);
    for (const [name, member] of Object.entries(map.types[cur]?.members ?? {})) {
      if (member.to !== null && !out.has(member.to.toLowerCase())) out.set(member.to.toLowerCase(), { name, member });
    }
  }
  return out;
}
