/**
 * Walks a request URL (path, query options, JSON body) through a service model, independent of the generator's plan:
 * what test/migrate/documented-requests.test.ts uses to prove that the rows of documented-requests.ts name real
 * things, in the Outlook model of their version and in the Microsoft Graph v1.0 model.
 *
 * Path segments: an entity set or singleton at the root; then navigation and structural properties (following base
 * types), bound actions and functions (by name or qualified name, bound to the type, a base type, or a collection of
 * either), type casts (a qualified name of a derived type), keys in parentheses or as their own segment, `$count`,
 * `$value` (media entities and primitive properties) and `$ref`. Function parameters are matched by name
 * case-insensitively: Graph's metadata names action and function parameters in PascalCase (`Comment`,
 * `StartDateTime`) where its documentation writes camelCase.
 *
 * `caseInsensitive` models (Outlook, whose URLs ignore case) match segment names in any case; the others (Graph) only
 * exactly. A key written as a segment is taken for a key only when no member or operation has that name in another
 * case, so that a misspelt `/Delta` is reported, not read as an id.
 */
import type {
  ComplexType,
  EntityType,
  EnumType,
  NavigationProperty,
  Operation,
  Property,
  ServiceModel,
  TypeRef,
} from "../../generator/model/types.js";

type Structured = EntityType | ComplexType;

export interface ModelIndex {
  readonly caseInsensitive: boolean;
  readonly structured: ReadonlyMap<string, Structured>;
  readonly enums: ReadonlyMap<string, EnumType>;
  /** Lower-cased qualified name → qualified name, for `@odata.type` values and casts. */
  readonly byLowerName: ReadonlyMap<string, string>;
  readonly roots: readonly { readonly name: string; readonly type: string; readonly collection: boolean }[];
  readonly operations: readonly Operation[];
}

export function indexModel(model: ServiceModel, caseInsensitive: boolean): ModelIndex {
  const structured = new Map<string, Structured>();
  const enums = new Map<string, EnumType>();
  const byLowerName = new Map<string, string>();
  const roots: { name: string; type: string; collection: boolean }[] = [];
  const operations: Operation[] = [];
  for (const s of model.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes]) structured.set(t.qualifiedName, t);
    for (const t of s.enumTypes) enums.set(t.qualifiedName, t);
    operations.push(...s.operations);
    if (s.container) {
      for (const e of s.container.entitySets) roots.push({ name: e.name, type: e.entityType, collection: true });
      for (const e of s.container.singletons) roots.push({ name: e.name, type: e.type, collection: false });
    }
  }
  for (const name of [...structured.keys(), ...enums.keys()]) byLowerName.set(name.toLowerCase(), name);
  return { caseInsensitive, structured, enums, byLowerName, roots, operations };
}

/** Where a walk stands after a segment. */
export type Position =
  | { readonly kind: "structured"; readonly type: string; readonly collection: boolean }
  | { readonly kind: "value"; readonly type?: string };

export interface WalkError {
  readonly segment: string;
  readonly message: string;
}

export interface WalkResult {
  /** Where the path ends (undefined when a segment failed). */
  readonly position?: Position;
  /** The action or function the path calls last, if any. */
  readonly operation?: Operation;
  readonly errors: readonly WalkError[];
}

const same = (index: ModelIndex, a: string, b: string): boolean =>
  index.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;

/** The type and its base types, nearest first. */
export function typeChain(index: ModelIndex, name: string): Structured[] {
  const chain: Structured[] = [];
  for (let t = index.structured.get(name); t; t = t.baseType ? index.structured.get(t.baseType) : undefined) chain.push(t);
  return chain;
}

function derivesFrom(index: ModelIndex, derived: string, base: string): boolean {
  return typeChain(index, derived).some((t) => t.qualifiedName === base);
}

export function findMember(index: ModelIndex, type: string, name: string): Property | NavigationProperty | undefined {
  for (const t of typeChain(index, type))
    for (const m of [...t.properties, ...t.navigationProperties]) if (same(index, m.name, name)) return m;
  return undefined;
}

function findMemberAnyCase(index: ModelIndex, type: string, name: string): string | undefined {
  for (const t of typeChain(index, type))
    for (const m of [...t.properties, ...t.navigationProperties]) if (m.name.toLowerCase() === name.toLowerCase()) return m.name;
  return undefined;
}

function findOperation(index: ModelIndex, at: Position & { kind: "structured" }, name: string, anyCase = false): Operation | undefined {
  const chain = new Set(typeChain(index, at.type).map((t) => t.qualifiedName));
  const match = (a: string): boolean => (anyCase ? a.toLowerCase() === name.toLowerCase() : same(index, a, name));
  return index.operations.find((o) => {
    const b = o.bindingParameter?.type;
    return b !== undefined && b.collection === at.collection && chain.has(b.name) && (match(o.name) || match(o.qualifiedName));
  });
}

function positionOf(index: ModelIndex, ref: TypeRef): Position {
  return index.structured.has(ref.name)
    ? { kind: "structured", type: ref.name, collection: ref.collection }
    : { kind: "value", type: ref.name };
}

/** Splits at `sep` outside parentheses and single or double quotes. */
export function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `name(args)` → name and args; `name` → name alone. */
export function parseSegment(segment: string): { name: string; args?: string } | undefined {
  const open = segment.indexOf("(");
  if (open < 0) return { name: segment };
  if (!segment.endsWith(")")) return undefined;
  return { name: segment.slice(0, open), args: segment.slice(open + 1, -1) };
}

/** Walks path segments (already split, percent-decoded) from the service root. */
export function walkPath(index: ModelIndex, segments: readonly string[]): WalkResult {
  let at: Position | undefined;
  let operation: Operation | undefined;
  const fail = (segment: string, message: string): WalkResult => ({ errors: [{ segment, message }] });
  for (const segment of segments) {
    const parsed = parseSegment(segment);
    if (!parsed) return fail(segment, "unbalanced parentheses");
    const { name, args } = parsed;
    operation = undefined;
    if (at === undefined) {
      const root = index.roots.find((r) => same(index, r.name, name));
      if (!root) return fail(segment, "no entity set or singleton of that name");
      at = { kind: "structured", type: root.type, collection: root.collection };
      if (args !== undefined) {
        if (!root.collection) return fail(segment, "a key on a singleton");
        at = { ...at, collection: false };
      }
      continue;
    }
    if (at.kind === "value") {
      if (name === "$value" && args === undefined) continue;
      return fail(segment, `nothing follows a ${at.type ?? "value"}`);
    }
    if (name === "$count" || name === "$ref") {
      if (name === "$count" && !at.collection) return fail(segment, "$count on a single entity");
      at = { kind: "value", type: "Edm.Int32" };
      continue;
    }
    if (name === "$value") {
      if (at.collection || !typeChain(index, at.type).some((t) => t.kind === "entityType" && t.hasStream))
        return fail(segment, `${at.type} is not a media entity`);
      at = { kind: "value", type: "Edm.Stream" };
      continue;
    }
    const op = findOperation(index, at, name);
    if (op) {
      const problem = args !== undefined ? checkFunctionArgs(op, args) : undefined;
      if (problem) return fail(segment, problem);
      if (op.kind === "action" && args !== undefined) return fail(segment, "an action call takes no parentheses");
      at = op.returnType ? positionOf(index, op.returnType.type) : { kind: "value" };
      operation = op;
      continue;
    }
    const cast = index.byLowerName.get(name.toLowerCase());
    if (cast && (index.caseInsensitive || cast === name) && index.structured.has(cast)) {
      if (!derivesFrom(index, cast, at.type)) return fail(segment, `${cast} does not derive from ${at.type}`);
      at = { ...at, type: cast };
      continue;
    }
    if (!at.collection) {
      const member = findMember(index, at.type, name);
      if (!member) {
        const other = findMemberAnyCase(index, at.type, name) ?? findOperation(index, at, name, true)?.name;
        return fail(segment, other ? `no member ${name} (there is ${other})` : `no member or operation of ${at.type}`);
      }
      at = positionOf(index, member.type);
      if (args !== undefined) {
        if (at.kind !== "structured" || !at.collection) return fail(segment, "a key on a single-valued member");
        at = { ...at, collection: false };
      }
      continue;
    }
    // A key written as a segment.
    if (args !== undefined) return fail(segment, `no operation ${name} bound to a collection of ${at.type}`);
    const near = findOperation(index, at, name, true)?.name ?? findMemberAnyCase(index, at.type, name);
    if (near) return fail(segment, `reads as ${near} in another case`);
    at = { ...at, collection: false };
  }
  return { ...(at ? { position: at } : {}), ...(operation ? { operation } : {}), errors: [] };
}

function checkFunctionArgs(op: Operation, args: string): string | undefined {
  if (op.kind !== "function") return undefined;
  const given = args.trim() === "" ? [] : splitTop(args, ",").map((a) => a.split("=")[0]!.trim());
  for (const n of given)
    if (!op.parameters.some((p) => p.name.toLowerCase() === n.toLowerCase())) return `${op.name} has no parameter ${n}`;
  for (const p of op.parameters)
    if (!p.optional && !given.some((n) => n.toLowerCase() === p.name.toLowerCase())) return `${op.name} needs ${p.name}`;
  return undefined;
}

/** Checks `$select`, `$orderby` and `$expand` member names against where the path ends. */
export function checkQuery(index: ModelIndex, at: Position | undefined, query: URLSearchParams): string[] {
  const problems: string[] = [];
  const type = at?.kind === "structured" ? at.type : undefined;
  const need = (option: string, name: string): void => {
    if (type === undefined) problems.push(`${option} ${name}: the path ends in no structured type`);
    else if (!findMember(index, type, name)) problems.push(`${option}: ${type} has no member ${name}`);
  };
  for (const [key, value] of query) {
    const option = key.toLowerCase();
    if (option === "$select") for (const n of value.split(",")) need(key, n.trim());
    if (option === "$orderby") for (const item of value.split(",")) need(key, item.trim().split(/\s+/)[0]!.split("/")[0]!);
    if (option === "$expand")
      for (const item of splitTop(value, ",")) {
        const path = (parseSegment(item.trim())?.name ?? item).split("/");
        if (path.length === 2 && type !== undefined) {
          // A member of a derived type, behind its cast: `microsoft.graph.eventMessage/event`.
          const cast = index.byLowerName.get(path[0]!.toLowerCase());
          if (!cast || (!index.caseInsensitive && cast !== path[0]) || !derivesFrom(index, cast, type))
            problems.push(`${key}: ${path[0]} is no type derived from ${type}`);
          else if (!findMember(index, cast, path[1]!)) problems.push(`${key}: ${cast} has no member ${path[1]}`);
        } else need(key, path.join("/"));
      }
  }
  return problems;
}

/**
 * Checks a JSON body against a structured type: every key a member (exact case unless the model is case-insensitive),
 * nested objects against the member's type, enum strings against the members (flags: comma-separated), `@odata.type`
 * naming the type or a derived type. Keys of open types that are not declared are the caller's data and pass.
 */
export function checkBody(index: ModelIndex, type: string, body: unknown, path: string): string[] {
  if (Array.isArray(body)) return body.flatMap((b, i) => checkBody(index, type, b, `${path}[${i}]`));
  if (body === null || typeof body !== "object") return [`${path}: ${type} expects an object`];
  const problems: string[] = [];
  let actual = type;
  const declared = (body as Record<string, unknown>)["@odata.type"];
  if (declared !== undefined) {
    const text = String(declared).replace(/^#/, "");
    const found = index.caseInsensitive ? index.byLowerName.get(text.toLowerCase()) : index.structured.has(text) ? text : undefined;
    if (!found || !index.structured.has(found)) problems.push(`${path}: @odata.type ${String(declared)} names no type`);
    else if (!derivesFrom(index, found, type)) problems.push(`${path}: ${found} does not derive from ${type}`);
    else actual = found;
  }
  const open = typeChain(index, actual).some((t) => t.openType);
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.includes("@")) continue;
    const member = findMember(index, actual, key);
    if (!member) {
      if (!open) problems.push(`${path}.${key}: ${actual} has no member ${key}`);
      continue;
    }
    problems.push(...checkValue(index, member.type, value, `${path}.${key}`));
  }
  return problems;
}

function checkValue(index: ModelIndex, ref: TypeRef, value: unknown, path: string): string[] {
  if (value === null) return [];
  if (ref.collection) {
    if (!Array.isArray(value)) return [`${path}: expects a collection`];
    return value.flatMap((v, i) => checkValue(index, { ...ref, collection: false }, v, `${path}[${i}]`));
  }
  if (index.structured.has(ref.name)) return checkBody(index, ref.name, value, path);
  const e = index.enums.get(ref.name);
  if (e && typeof value === "string") {
    const names = e.isFlags ? value.split(",").map((v) => v.trim()) : [value];
    return names
      .filter((n) => !e.members.some((m) => (index.caseInsensitive ? m.name.toLowerCase() === n.toLowerCase() : m.name === n)))
      .map((n) => `${path}: ${n} is not a member of ${e.qualifiedName}`);
  }
  return [];
}

/** Checks an action's JSON body: every key a parameter (names matched case-insensitively), values by type. */
export function checkActionBody(index: ModelIndex, op: Operation, body: unknown, path: string): string[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [`${path}: ${op.name} expects an object`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const p = op.parameters.find((x) => x.name.toLowerCase() === key.toLowerCase());
    if (!p) problems.push(`${path}.${key}: ${op.name} has no parameter ${key}`);
    else problems.push(...checkValue(index, p.type, value, `${path}.${key}`));
  }
  return problems;
}
