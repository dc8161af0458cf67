/**
 * `$filter` (fact sheet §2.3): the subset the simulator understands, parsed against the model
 * so unknown properties give ErrorInvalidProperty and unsupported syntax ErrorInvalidUrlQueryFilter.
 *
 * Supported: eq ne gt ge lt le, and or not, parentheses; string, number, boolean, null,
 * date-time, date, GUID and enum literals (`'High'` or `Microsoft.OutlookServices.Importance'High'`);
 * property paths through complex values (`From/EmailAddress/Address`) and single navigations;
 * `any`/`all` lambdas over collections (`SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '…')`,
 * `Categories/any(c: c eq 'Red')`, `X/any()`); contains, startswith, endswith.
 */
import type { TypeRef } from "../../generator/model/types.js";
import { invalidFilter, invalidProperty } from "./errors.js";
import type { ServiceInfo } from "./model.js";
import { normalizePropertyId } from "./entities.js";

export type Expr =
  | {
      readonly k: "lit";
      readonly value: unknown;
      readonly kind: "string" | "number" | "bool" | "null" | "datetime" | "date" | "guid" | "enum";
    }
  | {
      readonly k: "path";
      readonly variable: string | undefined;
      readonly segs: readonly PathSeg[];
      readonly type: TypeRef | undefined;
      readonly isEnum: boolean;
    }
  | { readonly k: "cmp"; readonly op: CmpOp; readonly left: Expr; readonly right: Expr }
  | { readonly k: "and" | "or"; readonly left: Expr; readonly right: Expr }
  | { readonly k: "not"; readonly e: Expr }
  | { readonly k: "fn"; readonly name: "contains" | "startswith" | "endswith"; readonly args: readonly Expr[] }
  | {
      readonly k: "lambda";
      readonly path: Expr & { k: "path" };
      readonly op: "any" | "all";
      readonly variable: string | undefined;
      readonly body: Expr | undefined;
    };

export type CmpOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** One step of a property path: a structural property or a navigation, by canonical name (or a type cast). */
export interface PathSeg {
  readonly name: string;
  readonly nav: boolean;
  readonly cast?: boolean;
}

type Tok =
  | { t: "(" | ")" | "," | "/" | ":"; pos: number }
  | { t: "str"; v: string; pos: number }
  | { t: "num"; v: number; pos: number }
  | { t: "dt"; v: string; pos: number }
  | { t: "date"; v: string; pos: number }
  | { t: "guid"; v: string; pos: number }
  | { t: "word"; v: string; pos: number }
  | { t: "typed"; type: string; v: string; pos: number };

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?/i;
const DATE = /^\d{4}-\d\d-\d\d(?![\dT])/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i;
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/i;
const WORD = /^[A-Za-z_$][\w.]*/;

function readQuoted(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let out = "";
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw invalidFilter("Unterminated string literal in $filter.");
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

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ("(),/:".includes(ch)) {
      toks.push({ t: ch as "(" | ")" | "," | "/" | ":", pos: i });
      i++;
      continue;
    }
    if (ch === "'") {
      const q = readQuoted(text, i);
      toks.push({ t: "str", v: q.value, pos: i });
      i = q.end;
      continue;
    }
    const rest = text.slice(i);
    const prev = toks[toks.length - 1];
    const afterSlash = prev?.t === "/";
    let m: RegExpExecArray | null;
    if (!afterSlash && (m = GUID.exec(rest))) {
      toks.push({ t: "guid", v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (!afterSlash && (m = DATETIME.exec(rest))) {
      toks.push({ t: "dt", v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (!afterSlash && (m = DATE.exec(rest))) {
      toks.push({ t: "date", v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = NUMBER.exec(rest))) {
      toks.push({ t: "num", v: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = WORD.exec(rest))) {
      const word = m[0];
      i += word.length;
      if (text[i] === "'") {
        const q = readQuoted(text, i);
        toks.push({ t: "typed", type: word, v: q.value, pos: i - word.length });
        i = q.end;
      } else {
        toks.push({ t: "word", v: word, pos: i - word.length });
      }
      continue;
    }
    throw invalidFilter(`Unexpected character '${ch}' at position ${i} of $filter.`);
  }
  return toks;
}

const CMP = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const UNSUPPORTED_OPS = new Set(["add", "sub", "mul", "div", "divby", "mod", "has", "in"]);
const FUNCTIONS = new Set(["contains", "startswith", "endswith"]);
/** Properties the service refuses to filter on (fact sheet §2.3). */
const NOT_FILTERABLE = new Set(["ChangeKey"]);

interface Scope {
  readonly variables: ReadonlyMap<string, TypeRef>;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly service: ServiceInfo,
    private readonly rootType: string,
  ) {}

  parse(): Expr {
    const e = this.or({ variables: new Map() });
    const t = this.toks[this.i];
    if (t) {
      if (t.t === "word" && UNSUPPORTED_OPS.has(t.v.toLowerCase()))
        throw invalidFilter(`The operator '${t.v}' is not supported in $filter.`);
      throw invalidFilter(`Unexpected '${tokText(t)}' at position ${t.pos} of $filter.`);
    }
    return e;
  }

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t?.t === "word" ? t.v.toLowerCase() : undefined;
  }

  private expect(t: "(" | ")" | "," | "/" | ":"): void {
    const tok = this.toks[this.i];
    if (tok?.t !== t)
      throw invalidFilter(`Expected '${t}' in $filter${tok ? ` at position ${tok.pos}` : " before its end"}.`);
    this.i++;
  }

  private or(scope: Scope): Expr {
    let left = this.and(scope);
    while (this.peekWord() === "or") {
      this.i++;
      left = { k: "or", left, right: this.and(scope) };
    }
    return left;
  }

  private and(scope: Scope): Expr {
    let left = this.not(scope);
    while (this.peekWord() === "and") {
      this.i++;
      left = { k: "and", left, right: this.not(scope) };
    }
    return left;
  }

  private not(scope: Scope): Expr {
    if (this.peekWord() === "not") {
      this.i++;
      return { k: "not", e: this.not(scope) };
    }
    return this.comparison(scope);
  }

  private comparison(scope: Scope): Expr {
    const left = this.primary(scope);
    const w = this.peekWord();
    if (w !== undefined && CMP.has(w)) {
      this.i++;
      const right = this.primary(scope);
      const next = this.peekWord();
      if (next !== undefined && UNSUPPORTED_OPS.has(next))
        throw invalidFilter(`The operator '${next}' is not supported in $filter.`);
      return { k: "cmp", op: w as CmpOp, left, right };
    }
    if (w !== undefined && UNSUPPORTED_OPS.has(w))
      throw invalidFilter(`The operator '${w}' is not supported in $filter.`);
    return left;
  }

  private primary(scope: Scope): Expr {
    const t = this.toks[this.i];
    if (!t) throw invalidFilter("The $filter expression ends too early.");
    switch (t.t) {
      case "(": {
        this.i++;
        const e = this.or(scope);
        this.expect(")");
        return e;
      }
      case "str":
        this.i++;
        return { k: "lit", value: t.v, kind: "string" };
      case "num":
        this.i++;
        return { k: "lit", value: t.v, kind: "number" };
      case "dt":
        this.i++;
        return { k: "lit", value: t.v, kind: "datetime" };
      case "date":
        this.i++;
        return { k: "lit", value: t.v, kind: "date" };
      case "guid":
        this.i++;
        return { k: "lit", value: t.v, kind: "guid" };
      case "typed": {
        this.i++;
        const lower = t.type.toLowerCase();
        if (lower === "datetime" || lower === "datetimeoffset") return { k: "lit", value: t.v, kind: "datetime" };
        if (lower === "guid") return { k: "lit", value: t.v, kind: "guid" };
        const en = this.service.typeName(t.type);
        const e = en ? this.service.enumType(en) : undefined;
        if (!e) throw invalidFilter(`Unknown literal type '${t.type}' in $filter.`);
        const member = e.members.find((m) => m.name.toLowerCase() === t.v.toLowerCase());
        if (!member) throw invalidFilter(`'${t.v}' is not a member of ${t.type}.`);
        return { k: "lit", value: member.name, kind: "enum" };
      }
      case "word": {
        const lower = t.v.toLowerCase();
        if (lower === "true" || lower === "false") {
          this.i++;
          return { k: "lit", value: lower === "true", kind: "bool" };
        }
        if (lower === "null") {
          this.i++;
          return { k: "lit", value: null, kind: "null" };
        }
        if (this.toks[this.i + 1]?.t === "(") {
          this.i++;
          if (!FUNCTIONS.has(lower)) throw invalidFilter(`The function '${t.v}' is not supported in $filter.`);
          this.expect("(");
          const args: Expr[] = [this.or(scope)];
          while (this.toks[this.i]?.t === ",") {
            this.i++;
            args.push(this.or(scope));
          }
          this.expect(")");
          if (args.length !== 2) throw invalidFilter(`The function '${t.v}' takes two arguments.`);
          return { k: "fn", name: lower as "contains" | "startswith" | "endswith", args };
        }
        return this.path(scope);
      }
      default:
        throw invalidFilter(`Unexpected '${tokText(t)}' at position ${t.pos} of $filter.`);
    }
  }

  /** A property path, possibly ending in a lambda. */
  private path(scope: Scope): Expr {
    const words: string[] = [];
    const first = this.toks[this.i];
    if (first?.t !== "word") throw invalidFilter("Expected a property name in $filter.");
    words.push(first.v);
    this.i++;
    let lambda: "any" | "all" | undefined;
    while (this.toks[this.i]?.t === "/") {
      this.i++;
      const w = this.toks[this.i];
      if (w?.t !== "word") throw invalidFilter("Expected a property name after '/' in $filter.");
      this.i++;
      const lower = w.v.toLowerCase();
      if ((lower === "any" || lower === "all") && this.toks[this.i]?.t === "(") {
        lambda = lower;
        break;
      }
      words.push(w.v);
    }
    const path = this.resolvePath(words, scope);
    if (!lambda) {
      if (path.type?.collection && !path.segs.some((s) => s.cast)) {
        // A bare collection path is only usable in a lambda.
        throw invalidFilter(`The collection '${words.join("/")}' can only be used with any or all in $filter.`);
      }
      return path;
    }
    if (!path.type?.collection)
      throw invalidFilter(`'${words.join("/")}' is not a collection, so ${lambda} cannot be applied.`);
    this.expect("(");
    if (this.toks[this.i]?.t === ")") {
      this.i++;
      if (lambda === "all") throw invalidFilter("all() needs a lambda expression.");
      return { k: "lambda", path, op: lambda, variable: undefined, body: undefined };
    }
    const v = this.toks[this.i];
    if (v?.t !== "word") throw invalidFilter("Expected a lambda variable in $filter.");
    this.i++;
    this.expect(":");
    const variables = new Map(scope.variables);
    variables.set(v.v, { ...path.type, collection: false });
    const body = this.or({ variables });
    this.expect(")");
    return { k: "lambda", path, op: lambda, variable: v.v, body };
  }

  private resolvePath(words: readonly string[], scope: Scope): Expr & { k: "path" } {
    const s = this.service;
    let variable: string | undefined;
    let current: TypeRef | undefined;
    let rest = words;
    const head = words[0] ?? "";
    if (scope.variables.has(head)) {
      variable = head;
      current = scope.variables.get(head);
      rest = words.slice(1);
    } else {
      current = { kind: "typeRef", name: this.rootType, collection: false };
    }
    const segs: PathSeg[] = [];
    for (const w of rest) {
      if (!current) {
        segs.push({ name: w, nav: false }); // below a dynamic property of an open type
        continue;
      }
      if (current.collection) throw invalidFilter(`'${words.join("/")}': a collection must be followed by any or all.`);
      const info = s.struct(current.name);
      if (!info) throw invalidProperty(`'${w}' cannot follow a value of type ${current.name} in $filter.`);
      const cast = w.includes(".") ? s.typeName(w) : undefined;
      if (cast && s.isA(cast, current.name)) {
        segs.push({ name: cast, nav: false, cast: true });
        current = { kind: "typeRef", name: cast, collection: false };
        continue;
      }
      const p = s.propertyInFamily(current.name, w);
      if (p) {
        if (NOT_FILTERABLE.has(p.name)) throw invalidProperty(`The property '${p.name}' does not support filtering.`);
        segs.push({ name: p.name, nav: false });
        current = p.type;
        continue;
      }
      const n = s.navigationInFamily(current.name, w);
      if (n) {
        segs.push({ name: n.name, nav: true });
        current = n.type;
        continue;
      }
      if (info.open) {
        segs.push({ name: w, nav: false });
        current = undefined;
        continue;
      }
      throw invalidProperty(`Could not find a property named '${w}' on type '${current.name}'.`);
    }
    if (variable === undefined && segs.length === 0) throw invalidFilter("Expected a property name in $filter.");
    return {
      k: "path",
      variable,
      segs,
      type: current,
      isEnum: current !== undefined && s.enumType(current.name) !== undefined,
    };
  }
}

function tokText(t: Tok): string {
  switch (t.t) {
    case "str":
      return `'${t.v}'`;
    case "num":
      return String(t.v);
    case "typed":
      return `${t.type}'${t.v}'`;
    case "word":
    case "dt":
    case "date":
    case "guid":
      return t.v;
    default:
      return t.t;
  }
}

export function parseFilter(service: ServiceInfo, type: string, text: string): Expr {
  if (text.trim() === "") throw invalidFilter("The $filter expression is empty.");
  return new Parser(tokenize(text), service, type).parse();
}

/** How a filter reaches the data: a node's properties, and its navigation children. */
export interface FilterData {
  /** Properties of an entity (computed ones included). */
  props(entity: unknown): Record<string, unknown> | undefined;
  /** Children of an entity under a navigation (an array for collections). */
  nav(entity: unknown, name: string): unknown;
}

type Env = ReadonlyMap<string, unknown>;

export function evaluate(expr: Expr, root: unknown, data: FilterData): boolean {
  return truthy(evalExpr(expr, root, new Map(), data));
}

function truthy(v: unknown): boolean {
  return v === true;
}

function getPath(p: Expr & { k: "path" }, root: unknown, env: Env, data: FilterData): unknown {
  let cur: unknown = p.variable !== undefined ? env.get(p.variable) : root;
  for (const seg of p.segs) {
    if (cur === null || cur === undefined) return null;
    if (seg.cast) continue;
    if (seg.nav) {
      cur = data.nav(cur, seg.name);
      continue;
    }
    const props = data.props(cur) ?? (typeof cur === "object" ? (cur as Record<string, unknown>) : undefined);
    cur = props ? props[seg.name] : null;
  }
  return cur === undefined ? null : cur;
}

function evalExpr(e: Expr, root: unknown, env: Env, data: FilterData): unknown {
  switch (e.k) {
    case "lit":
      return e.value;
    case "path":
      return getPath(e, root, env, data);
    case "and":
      return truthy(evalExpr(e.left, root, env, data)) && truthy(evalExpr(e.right, root, env, data));
    case "or":
      return truthy(evalExpr(e.left, root, env, data)) || truthy(evalExpr(e.right, root, env, data));
    case "not":
      return !truthy(evalExpr(e.e, root, env, data));
    case "fn": {
      const [a, b] = e.args.map((x) => evalExpr(x, root, env, data));
      if (typeof a !== "string" || typeof b !== "string") return false;
      if (e.name === "contains") return a.includes(b);
      if (e.name === "startswith") return a.startsWith(b);
      return a.endsWith(b);
    }
    case "lambda": {
      const coll = getPath(e.path, root, env, data);
      const items = Array.isArray(coll) ? coll : [];
      if (!e.body || e.variable === undefined) return items.length > 0;
      const test = (item: unknown): boolean => {
        const inner = new Map(env);
        inner.set(e.variable ?? "", item);
        return truthy(evalExpr(e.body as Expr, root, inner, data));
      };
      return e.op === "any" ? items.some(test) : items.every(test);
    }
    case "cmp":
      return compare(e, root, env, data);
  }
}

function lastSeg(e: Expr): string | undefined {
  return e.k === "path" ? e.segs[e.segs.length - 1]?.name : undefined;
}

function isTemporal(e: Expr): boolean {
  if (e.k === "lit") return e.kind === "datetime" || e.kind === "date";
  return e.k === "path" && (e.type?.name === "Edm.DateTimeOffset" || e.type?.name === "Edm.Date");
}

function compare(e: Expr & { k: "cmp" }, root: unknown, env: Env, data: FilterData): boolean {
  let a = evalExpr(e.left, root, env, data);
  let b = evalExpr(e.right, root, env, data);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) {
    if (e.op === "eq") return a === b;
    if (e.op === "ne") return a !== b;
    return false;
  }
  if (lastSeg(e.left) === "PropertyId" || lastSeg(e.right) === "PropertyId") {
    if (typeof a === "string" && typeof b === "string") {
      a = normalizePropertyId(a);
      b = normalizePropertyId(b);
    }
  } else if (isTemporal(e.left) || isTemporal(e.right)) {
    const ta = typeof a === "string" ? Date.parse(a) : Number.NaN;
    const tb = typeof b === "string" ? Date.parse(b) : Number.NaN;
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) {
      a = ta;
      b = tb;
    }
  } else if ((e.left.k === "lit" && e.left.kind === "guid") || (e.right.k === "lit" && e.right.kind === "guid")) {
    a = String(a).toLowerCase();
    b = String(b).toLowerCase();
  } else if (isEnumPath(e.left) || isEnumPath(e.right)) {
    a = String(a).toLowerCase();
    b = String(b).toLowerCase();
  }
  if (typeof a === "object" || typeof b === "object") {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return e.op === "eq" ? ja === jb : e.op === "ne" ? ja !== jb : false;
  }
  switch (e.op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "gt":
      return typeof a === typeof b && (a as number) > (b as number);
    case "ge":
      return typeof a === typeof b && (a as number) >= (b as number);
    case "lt":
      return typeof a === typeof b && (a as number) < (b as number);
    case "le":
      return typeof a === typeof b && (a as number) <= (b as number);
  }
}

function isEnumPath(e: Expr): boolean {
  return e.k === "path" && e.isEnum;
}
