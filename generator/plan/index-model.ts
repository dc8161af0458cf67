/**
 * Lookups over one service model, built once per plan: types by qualified
 * name, derived types, inherited members and the operations bound to each type.
 */
import type {
  ComplexType,
  EntityType,
  EnumType,
  NavigationProperty,
  Operation,
  Property,
  ServiceModel,
  TypeDefinition,
} from "../model/types.js";
import type { MemberPlace, MemberUse } from "./naming.js";

export type Structured = EntityType | ComplexType;

export interface ModelIndex {
  readonly structured: ReadonlyMap<string, Structured>;
  readonly enums: ReadonlyMap<string, EnumType>;
  readonly typeDefinitions: ReadonlyMap<string, TypeDefinition>;
  /** qualified name → direct derived types, in declaration order */
  readonly derived: ReadonlyMap<string, readonly Structured[]>;
  /** qualified name of an operation → its overloads */
  readonly operations: ReadonlyMap<string, readonly Operation[]>;
  /** `collection:type` or `single:type` → the operations bound there, in declaration order */
  readonly boundTo: ReadonlyMap<string, readonly Operation[]>;
  /** every operation → its place in `operations` (by name, then overload): the order members are emitted in */
  readonly operationOrder: ReadonlyMap<Operation, number>;
}

function bindingKey(collection: boolean, typeName: string): string {
  return `${collection ? "collection" : "single"}:${typeName}`;
}

/** One index per model: the pipeline (definition checks) and the plan both ask for it. */
const indexes = new WeakMap<ServiceModel, ModelIndex>();

export function indexModel(model: ServiceModel): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    index = buildIndex(model);
    indexes.set(model, index);
  }
  return index;
}

function buildIndex(model: ServiceModel): ModelIndex {
  const structured = new Map<string, Structured>();
  const enums = new Map<string, EnumType>();
  const typeDefinitions = new Map<string, TypeDefinition>();
  const derived = new Map<string, Structured[]>();
  const operations = new Map<string, Operation[]>();
  for (const s of model.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes]) structured.set(t.qualifiedName, t);
    for (const e of s.enumTypes) enums.set(e.qualifiedName, e);
    for (const d of s.typeDefinitions) typeDefinitions.set(d.qualifiedName, d);
    for (const o of s.operations) operations.set(o.qualifiedName, [...(operations.get(o.qualifiedName) ?? []), o]);
  }
  for (const t of structured.values()) {
    if (t.baseType !== undefined) derived.set(t.baseType, [...(derived.get(t.baseType) ?? []), t]);
  }
  const boundTo = new Map<string, Operation[]>();
  const operationOrder = new Map<Operation, number>();
  for (const overloads of operations.values()) {
    for (const op of overloads) {
      operationOrder.set(op, operationOrder.size);
      const b = op.bindingParameter;
      if (!op.isBound || !b) continue;
      const key = bindingKey(b.type.collection, b.type.name);
      boundTo.set(key, [...(boundTo.get(key) ?? []), op]);
    }
  }
  return { structured, enums, typeDefinitions, derived, operations, boundTo, operationOrder };
}

/**
 * Answers per type, computed once per index (a plan asks for the same type's ancestry, members and key many times).
 * The index and the model are never changed, so neither are the answers; they are handed out read-only.
 */
interface PerType {
  ancestry?: readonly Structured[];
  properties?: readonly Property[];
  navigations?: readonly NavigationProperty[];
  key?: { readonly names: readonly string[]; readonly properties: readonly Property[] };
}
const perType = new WeakMap<ModelIndex, Map<Structured, PerType>>();

function memo(index: ModelIndex, t: Structured): PerType {
  let types = perType.get(index);
  if (!types) {
    types = new Map();
    perType.set(index, types);
  }
  let entry = types.get(t);
  if (!entry) {
    entry = {};
    types.set(t, entry);
  }
  return entry;
}

/** The type and its ancestors, nearest first; stops on a cycle. */
export function ancestry(index: ModelIndex, t: Structured): readonly Structured[] {
  const entry = memo(index, t);
  if (entry.ancestry) return entry.ancestry;
  const out: Structured[] = [];
  const seen = new Set<string>();
  let cur: Structured | undefined = t;
  while (cur && !seen.has(cur.qualifiedName)) {
    out.push(cur);
    seen.add(cur.qualifiedName);
    cur = cur.baseType === undefined ? undefined : index.structured.get(cur.baseType);
  }
  return (entry.ancestry = out);
}

/** Every type deriving from `t`, directly or not, depth first in declaration order. */
export function descendants(index: ModelIndex, t: Structured): Structured[] {
  const out: Structured[] = [];
  const seen = new Set<string>([t.qualifiedName]);
  const walk = (q: string): void => {
    for (const d of index.derived.get(q) ?? []) {
      if (seen.has(d.qualifiedName)) continue;
      seen.add(d.qualifiedName);
      out.push(d);
      walk(d.qualifiedName);
    }
  };
  walk(t.qualifiedName);
  return out;
}

/** All properties, inherited first (the order the wire shows them). */
export function allProperties(index: ModelIndex, t: Structured): readonly Property[] {
  const entry = memo(index, t);
  return (entry.properties ??= [...ancestry(index, t)].reverse().flatMap((a) => a.properties));
}

export function allNavigations(index: ModelIndex, t: Structured): readonly NavigationProperty[] {
  const entry = memo(index, t);
  return (entry.navigations ??= [...ancestry(index, t)].reverse().flatMap((a) => a.navigationProperties));
}

/**
 * The key of `t` (declared on it or inherited): `names` as declared (property paths), and `properties` as the URL's
 * key predicate names them. A part given by a path through complex properties (CSDL 4.01 `PropertyRef Alias`) is
 * the property at the end of the path, renamed to its alias: `Towns(City='Lyon')`.
 */
export function keyOf(index: ModelIndex, t: EntityType): { readonly names: readonly string[]; readonly properties: readonly Property[] } {
  const entry = memo(index, t);
  if (entry.key) return entry.key;
  for (const a of ancestry(index, t)) {
    if (a.kind === "entityType" && a.key.length > 0) {
      const aliases = new Map((a.keyAliases ?? []).map((k) => [k.path, k.alias]));
      const properties = a.key.flatMap((k): Property[] => {
        const alias = aliases.get(k);
        const p = propertyAt(index, a, k);
        return p === undefined ? [] : [alias === undefined ? p : { ...p, name: alias }];
      });
      return (entry.key = { names: a.key, properties });
    }
  }
  return (entry.key = { names: [], properties: [] });
}

/** The property a path of property names leads to, through complex properties: `Address/City`. */
function propertyAt(index: ModelIndex, t: Structured, path: string): Property | undefined {
  let owner: Structured | undefined = t;
  let found: Property | undefined;
  for (const segment of path.split("/")) {
    if (!owner) return undefined;
    found = allProperties(index, owner).find((p) => p.name === segment);
    if (!found) return undefined;
    owner = index.structured.get(found.type.name);
  }
  return found;
}

/**
 * Operations bound to `t` (or to an ancestor), on a single instance or on a
 * collection, grouped by name. Where overloads of one name bind to several
 * ancestors, the nearest wins; overloads bound to the same type stay together.
 */
export function boundOperations(index: ModelIndex, t: Structured, collection: boolean): Operation[][] {
  const chain = ancestry(index, t).map((a) => a.qualifiedName);
  // Per name, the overloads bound most specifically: a derived type's overload hides its base type's.
  const best = new Map<string, { ops: Operation[]; depth: number }>();
  // The same order as a scan over every operation: by operation, then overload (boundTo lists them that way).
  const candidates = chain
    .flatMap((name, depth) => (index.boundTo.get(bindingKey(collection, name)) ?? []).map((op) => ({ op, depth })))
    .sort((a, b) => (index.operationOrder.get(a.op) ?? 0) - (index.operationOrder.get(b.op) ?? 0));
  for (const { op, depth } of candidates) {
    const key = `${op.kind}:${op.qualifiedName}`;
    const prev = best.get(key);
    if (!prev || depth < prev.depth) best.set(key, { ops: [op], depth });
    else if (depth === prev.depth) prev.ops.push(op);
  }
  return [...best.values()].map((v) => v.ops);
}

/**
 * Every place a wire name is a member, in a fixed order (naming.memberNames gives the names, earlier ones first):
 * entity sets and singletons (root), operation imports (root), navigations (entity), bound operations (entity or
 * collection, by their binding).
 */
export function memberUses(model: ServiceModel, index: ModelIndex): MemberUse[] {
  const out: MemberUse[] = [];
  const container = model.schemas.find((s) => s.container)?.container;
  for (const s of container?.entitySets ?? []) out.push({ wire: s.name, place: "root", function: false });
  for (const s of container?.singletons ?? []) out.push({ wire: s.name, place: "root", function: false });
  for (const s of container?.operationImports ?? []) out.push({ wire: s.name, place: "root", function: s.kind === "functionImport" });
  for (const t of index.structured.values()) for (const n of t.navigationProperties) out.push({ wire: n.name, place: "entity", function: false });
  // Stream properties are node members too (StreamNode), beside the navigations.
  for (const t of index.structured.values()) for (const p of t.properties) if (isStreamProperty(p)) out.push({ wire: p.name, place: "entity", function: false });
  for (const ops of index.operations.values()) {
    for (const o of ops) {
      const b = o.bindingParameter;
      if (!o.isBound || !b) continue;
      const place = b.type.collection ? "collection" : "entity";
      out.push(operationUse(o, index.boundTo.get(bindingKey(b.type.collection, b.type.name)) ?? [], place));
    }
  }
  return out;
}

/** A single-valued Edm.Stream property: a node member (`driveItem.content.get()`), never a JSON value. */
export function isStreamProperty(p: { readonly type: { readonly name: string; readonly collection: boolean } }): boolean {
  return p.type.name === "Edm.Stream" && !p.type.collection;
}

/** How a bound operation is used as a member of the node its binding gives (`ops`: every operation bound there). */
export function operationUse(o: Operation, ops: readonly Operation[], place: MemberPlace): MemberUse {
  if (o.kind === "action") return { wire: o.name, place, function: false };
  return { wire: o.name, place, function: true, besideAction: ops.some((a) => a.kind === "action" && a.name === o.name) };
}
