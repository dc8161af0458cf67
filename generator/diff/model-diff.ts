/**
 * The model diff: two intermediate models (model/types.ts) → a readonly list of changes, each classified and marked
 * breaking or not. Pure and deterministic: the same two models always give the same list in the same order.
 *
 * Paths are CSDL paths without the schema (`EntityType[Message]/Property[Subject]`), but for a type or operation
 * outside its side's main namespace (`Schema[microsoft.graph.security]/EntityType[alert]`); an overloaded operation adds
 * its parameter names (`Function[f()]/Overload[a,b]`); a capability is `…/Capability[insertable]`.
 *
 * Matching. Two services may use different namespaces (Microsoft.OutlookServices, microsoft.graph), so names are
 * matched without them: each side's namespaces are paired (the same name, else the same name in another case, else
 * the namespace holding the most types on each side), then every named thing (type, member, enum member, operation,
 * parameter, entity set, singleton, operation import) is matched in three passes over what is still unmatched:
 *   1. exactly (`exact`); for types, first within the paired namespace, then in any namespace;
 *   2. case-insensitively (`case`): Outlook's `Subject` and Graph's `subject`, reported as `renamed`;
 *   (types only of the same kind in these two passes: entity with entity, complex with complex, …)
 *   3. through the caller's rename table (`table`), reported as `renamed`.
 * Ties go to the first candidate in code-point order.
 *
 * The rename table (RenameTable) maps a `--from` name to a `--to` name. Keys:
 *   - a type or operation: its qualified name (`Microsoft.OutlookServices.PushSubscription`) or its bare name;
 *   - a member of a type (property, navigation, enum member) or a parameter: `<qualified type or operation>/<name>`
 *     (`Microsoft.OutlookServices.PushSubscription/NotificationURL`);
 *   - an entity set, singleton or operation import: `<qualified container>/<name>`, or the bare name.
 * Values: the target's qualified name (`microsoft.graph.subscription`) or its bare name (`notificationUrl`); a bare
 * type name is looked up in every namespace of `--to`, case-insensitively when no exact name exists.
 *
 * Members are compared with their inherited ones: a property declared on `Message` in one model and on its base type
 * in the other is `moved`, not removed and added. What a base type loses or gains is reported on the base type once.
 *
 * What is breaking, for a client generated from `--from` and used by existing code against the `--to` service:
 *   - removed anything, and renamed anything (case-only too: the wire name and the generated member change), a new
 *     namespace (`@odata.type` values change);
 *   - a changed type of a property, navigation, parameter, return type, type definition or enum, a changed collection
 *     flag, a changed kind (entity ↔ complex, property ↔ navigation, action ↔ function), a changed base type or key,
 *     a changed binding, an enum member's changed value, a changed IsFlags;
 *   - nullability of a property, either way: it is both read (a null where the client's type has none) and written
 *     (a body that omits or nulls it is refused when it became non-nullable);
 *   - nullability of a navigation, singleton or return type that became nullable (they are only read); of a
 *     parameter that became non-nullable (they are only written);
 *   - a new required parameter, a parameter that became required; a type that became abstract; an open type that
 *     became closed; a stream that went (HasStream); a function that is no longer composable; a return type that went;
 *   - a capability lost: insertable, updatable, deletable, readable, changeTracking, searchable, expandable,
 *     filterable, sortable, countable, topSupported, skipSupported going from allowed (stated true, or not stated:
 *     OData's default) to false;
 *   - containment changed (the URL of a contained entity differs from one reached through a binding).
 * Not breaking: additions (types, members, enum members, operations, entity sets, …), a new optional parameter, a
 * parameter that became optional or nullable, a navigation or return type that became non-nullable, a return type
 * where there was none, a capability gained, a type no longer abstract, a type that became open, a member moved
 * between a type and its base.
 */
import type {
  Capabilities,
  ComplexType,
  EntityContainer,
  EntityType,
  EnumType,
  NavigationProperty,
  Operation,
  Parameter,
  Property,
  ServiceModel,
  TypeDefinition,
  TypeRef,
} from "../model/types.js";

export type ChangeKind =
  | "added"
  | "removed"
  | "renamed"
  | "moved"
  | "namespace-changed"
  | "kind-changed"
  | "type-changed"
  | "collection-changed"
  | "nullability-changed"
  | "optionality-changed"
  | "base-type-changed"
  | "abstract-changed"
  | "open-changed"
  | "stream-changed"
  | "key-changed"
  | "containment-changed"
  | "binding-changed"
  | "composable-changed"
  | "return-type-changed"
  | "value-changed"
  | "flags-changed"
  | "entity-type-changed"
  | "operation-changed"
  | "capability-changed";

/** What a change is about. */
export type ElementKind =
  | "schema"
  | "entityType"
  | "complexType"
  | "enumType"
  | "typeDefinition"
  | "property"
  | "navigationProperty"
  | "enumMember"
  | "action"
  | "function"
  | "parameter"
  | "returnType"
  | "entitySet"
  | "singleton"
  | "actionImport"
  | "functionImport"
  | "capability";

export type MatchRule = "exact" | "case" | "table";

export interface ModelChange {
  readonly kind: ChangeKind;
  readonly element: ElementKind;
  /** CSDL path in `--from`, e.g. `EntityType[Message]/Property[Subject]`; absent for an addition. */
  readonly fromPath?: string;
  /** CSDL path in `--to`; absent for a removal. */
  readonly toPath?: string;
  readonly before?: string;
  readonly after?: string;
  /** How the two names were matched, for a rename. */
  readonly match?: MatchRule;
  readonly breaking: boolean;
}

/** `--from` name → `--to` name; see the module's header for the keys. */
export type RenameTable = Readonly<Record<string, string>>;

export interface DiffOptions {
  readonly renames?: RenameTable;
}

type Structured = EntityType | ComplexType;
type Named = Structured | EnumType | TypeDefinition;
type Member = Property | NavigationProperty;

const CAPABILITIES: readonly (keyof Capabilities)[] = [
  "insertable",
  "updatable",
  "deletable",
  "readable",
  "changeTracking",
  "searchable",
  "expandable",
  "filterable",
  "sortable",
  "countable",
  "topSupported",
  "skipSupported",
];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pairs `from` names with `to` names: exact, then case-insensitive, then the table (`lookup` gives a from name's
 * table target, compared exactly then case-insensitively). Each name is matched at most once.
 */
function matchNames(
  from: readonly string[],
  to: readonly string[],
  lookup: (name: string) => string | undefined = () => undefined,
): { pairs: Map<string, { to: string; rule: MatchRule }>; addedNames: string[]; removedNames: string[] } {
  const pairs = new Map<string, { to: string; rule: MatchRule }>();
  const free = new Set([...to].sort(cmp));
  const fromSorted = [...new Set(from)].sort(cmp);
  // The caller's table first: a name it maps is paired as it says, before a rule could give its target to another.
  for (const f of fromSorted) {
    const target = lookup(f);
    if (target === undefined) continue;
    const t = free.has(target) ? target : [...free].find((x) => x.toLowerCase() === target.toLowerCase());
    if (t !== undefined) {
      pairs.set(f, { to: t, rule: t === f ? "exact" : "table" });
      free.delete(t);
    }
  }
  for (const f of fromSorted) {
    if (!pairs.has(f) && free.has(f)) {
      pairs.set(f, { to: f, rule: "exact" });
      free.delete(f);
    }
  }
  for (const f of fromSorted) {
    if (pairs.has(f)) continue;
    const lower = f.toLowerCase();
    const t = [...free].find((x) => x.toLowerCase() === lower);
    if (t !== undefined) {
      pairs.set(f, { to: t, rule: "case" });
      free.delete(t);
    }
  }
  return { pairs, addedNames: [...free], removedNames: fromSorted.filter((f) => !pairs.has(f)) };
}

function typeElement(t: Named): ElementKind {
  return t.kind;
}

function typeTag(t: Named): string {
  const tag = t.kind === "entityType" ? "EntityType" : t.kind === "complexType" ? "ComplexType" : t.kind === "enumType" ? "EnumType" : "TypeDefinition";
  return `${tag}[${t.name}]`;
}

function memberSegment(m: Member): string {
  return `${m.kind === "property" ? "Property" : "NavigationProperty"}[${m.name}]`;
}

const localName = (qualified: string): string => qualified.slice(qualified.lastIndexOf(".") + 1);
const isPrimitive = (name: string): boolean => name.startsWith("Edm.");

/** One side, indexed. */
interface Side {
  readonly types: Map<string, Named>;
  readonly operations: Operation[];
  readonly containers: EntityContainer[];
  readonly mainNamespace: string | undefined;
}

function indexSide(model: ServiceModel): Side {
  const types = new Map<string, Named>();
  const operations: Operation[] = [];
  const containers: EntityContainer[] = [];
  let main: { ns: string; count: number } | undefined;
  for (const s of model.schemas) {
    for (const t of [...s.entityTypes, ...s.complexTypes, ...s.enumTypes, ...s.typeDefinitions]) types.set(t.qualifiedName, t);
    operations.push(...s.operations);
    if (s.container) containers.push(s.container);
    const count = s.entityTypes.length + s.complexTypes.length + s.enumTypes.length + s.typeDefinitions.length;
    if (main === undefined || count > main.count) main = { ns: s.namespace, count };
  }
  return { types, operations, containers, mainNamespace: main?.ns };
}

/** The members of a structured type with its inherited ones, each with the type that declares it (nearest wins). */
function effectiveMembers(side: Side, t: Structured): Map<string, { member: Member; owner: Structured }> {
  const out = new Map<string, { member: Member; owner: Structured }>();
  const seen = new Set<string>();
  for (let cur: Named | undefined = t; cur !== undefined && (cur.kind === "entityType" || cur.kind === "complexType"); ) {
    if (seen.has(cur.qualifiedName)) break;
    seen.add(cur.qualifiedName);
    for (const m of [...cur.properties, ...cur.navigationProperties]) if (!out.has(m.name)) out.set(m.name, { member: m, owner: cur });
    cur = cur.baseType !== undefined ? side.types.get(cur.baseType) : undefined;
  }
  return out;
}

function effectiveKey(side: Side, t: EntityType): readonly string[] {
  const seen = new Set<string>();
  for (let cur: Named | undefined = t; cur !== undefined && cur.kind === "entityType"; ) {
    if (cur.key.length > 0) return cur.key;
    if (seen.has(cur.qualifiedName)) break;
    seen.add(cur.qualifiedName);
    cur = cur.baseType !== undefined ? side.types.get(cur.baseType) : undefined;
  }
  return [];
}

/** A `--from` name paired with a `--to` name, and the rule that paired them. */
export interface NameMatch {
  readonly to: string;
  readonly rule: MatchRule;
}

/**
 * What the diff paired, for the migration map (migration-map.ts): everything not in here has no counterpart.
 * Members are matched with their inherited ones, keyed by the `--from` type that was compared (not the declaring one).
 */
export interface ModelMatches {
  /** `--from` qualified type name → `--to` qualified type name. */
  readonly types: ReadonlyMap<string, NameMatch>;
  /** `--from` qualified structured type → member name → `--to` member name (their effective members). */
  readonly members: ReadonlyMap<string, ReadonlyMap<string, NameMatch>>;
  /** `--from` qualified enum type → member name → `--to` member name. */
  readonly enumMembers: ReadonlyMap<string, ReadonlyMap<string, NameMatch>>;
  readonly operations: readonly {
    readonly from: Operation;
    readonly to: Operation;
    readonly rule: MatchRule;
    /** Parameter name → `--to` parameter name. */
    readonly parameters: ReadonlyMap<string, NameMatch>;
  }[];
  readonly entitySets: ReadonlyMap<string, NameMatch>;
  readonly singletons: ReadonlyMap<string, NameMatch>;
  readonly imports: ReadonlyMap<string, NameMatch>;
}

export function diffModels(from: ServiceModel, to: ServiceModel, options: DiffOptions = {}): readonly ModelChange[] {
  return compareModels(from, to, options).changes;
}

/** The diff, with what it paired. */
export function compareModels(
  from: ServiceModel,
  to: ServiceModel,
  options: DiffOptions = {},
): { readonly changes: readonly ModelChange[]; readonly matches: ModelMatches } {
  const renames = options.renames ?? {};
  const table = (key: string): string | undefined => (Object.hasOwn(renames, key) ? renames[key] : undefined);
  const a = indexSide(from);
  const b = indexSide(to);
  const changes: ModelChange[] = [];
  /**
   * A type's CSDL path: `EntityType[Message]`; in a namespace other than its side's main one (Graph's
   * microsoft.graph.security), after its schema: `Schema[microsoft.graph.security]/EntityType[alert]`.
   */
  const typeSegment = (t: Named): string => {
    const main = a.types.get(t.qualifiedName) === t ? a.mainNamespace : b.mainNamespace;
    return t.namespace === main ? typeTag(t) : `Schema[${t.namespace}]/${typeTag(t)}`;
  };
  const push = (c: ModelChange): void => void changes.push(c);
  /** Members inherited on both sides from types that are not a pair, compared once (from the first subtype). */
  const comparedInherited = new Set<string>();
  const memberMatches = new Map<string, ReadonlyMap<string, NameMatch>>();
  const enumMemberMatches = new Map<string, ReadonlyMap<string, NameMatch>>();
  const parameterMatches = new Map<Operation, ReadonlyMap<string, NameMatch>>();


  // Namespaces: the same name, else the same in another case, else the main ones.
  const nsA = from.schemas.map((s) => s.namespace);
  const nsB = to.schemas.map((s) => s.namespace);
  const nsPairs = matchNames(nsA, nsB, (ns) => (ns === a.mainNamespace ? b.mainNamespace : undefined)).pairs;
  for (const [f, { to: t }] of nsPairs) {
    if (f !== t) push({ kind: "namespace-changed", element: "schema", fromPath: `Schema[${f}]`, toPath: `Schema[${t}]`, before: f, after: t, breaking: true });
  }

  // Types: exact then case-insensitive within the paired namespace, then in any namespace, then the table.
  const typeMap = new Map<string, { to: string; rule: MatchRule }>();
  const freeB = new Set(b.types.keys());
  const fromTypes = [...a.types.values()].sort((x, y) => cmp(x.qualifiedName, y.qualifiedName));
  // The rules pair only types of the same kind (Outlook's entity type Photo is not Graph's complex type photo); the
  // table may pair any two.
  const toByLocal = (pred: (name: string) => boolean, ns?: string, kind?: Named["kind"]): string | undefined =>
    [...freeB]
      .sort(cmp)
      .find((q) => pred(b.types.get(q)!.name) && (ns === undefined || b.types.get(q)!.namespace === ns) && (kind === undefined || b.types.get(q)!.kind === kind));
  const passes: { rule: MatchRule; find: (t: Named) => string | undefined }[] = [
    {
      rule: "table",
      find: (t) => {
        const target = table(t.qualifiedName) ?? table(t.name);
        if (target === undefined) return undefined;
        if (freeB.has(target)) return target;
        return toByLocal((n) => n === target) ?? toByLocal((n) => n.toLowerCase() === target.toLowerCase());
      },
    },
    { rule: "exact", find: (t) => toByLocal((n) => n === t.name, nsPairs.get(t.namespace)?.to, t.kind) },
    { rule: "case", find: (t) => toByLocal((n) => n.toLowerCase() === t.name.toLowerCase(), nsPairs.get(t.namespace)?.to, t.kind) },
    { rule: "exact", find: (t) => toByLocal((n) => n === t.name, undefined, t.kind) },
    { rule: "case", find: (t) => toByLocal((n) => n.toLowerCase() === t.name.toLowerCase(), undefined, t.kind) },
  ];
  for (const pass of passes) {
    for (const t of fromTypes) {
      if (typeMap.has(t.qualifiedName)) continue;
      const found = pass.find(t);
      if (found !== undefined) {
        typeMap.set(t.qualifiedName, { to: found, rule: pass.rule });
        freeB.delete(found);
      }
    }
  }
  const mapType = (name: string): string => (isPrimitive(name) ? name : (typeMap.get(name)?.to ?? `\0${name}`));
  const showRef = (r: TypeRef): string => (r.collection ? `Collection(${r.name})` : r.name);
  /** Compares two type references (a `--from` one mapped through the type matching); pushes what differs. */
  const compareRef = (element: ElementKind, fromPath: string, toPath: string, x: TypeRef, y: TypeRef): void => {
    if (mapType(x.name) !== y.name) push({ kind: "type-changed", element, fromPath, toPath, before: showRef(x), after: showRef(y), breaking: true });
    else if (x.collection !== y.collection) push({ kind: "collection-changed", element, fromPath, toPath, before: showRef(x), after: showRef(y), breaking: true });
  };

  for (const t of fromTypes) {
    const m = typeMap.get(t.qualifiedName);
    if (m === undefined) {
      push({ kind: "removed", element: typeElement(t), fromPath: typeSegment(t), before: t.qualifiedName, breaking: true });
      continue;
    }
    const u = b.types.get(m.to)!;
    const fromPath = typeSegment(t);
    const toPath = typeSegment(u);
    if (t.name !== u.name) push({ kind: "renamed", element: typeElement(t), fromPath, toPath, before: t.name, after: u.name, match: m.rule, breaking: true });
    if (t.kind !== u.kind) {
      push({ kind: "kind-changed", element: typeElement(t), fromPath, toPath, before: t.kind, after: u.kind, breaking: true });
      continue;
    }
    if (t.kind === "enumType" && u.kind === "enumType") compareEnum(t, u, fromPath, toPath);
    else if (t.kind === "typeDefinition" && u.kind === "typeDefinition") {
      if (t.underlyingType !== u.underlyingType) push({ kind: "type-changed", element: "typeDefinition", fromPath, toPath, before: t.underlyingType, after: u.underlyingType, breaking: true });
    } else compareStructured(t as Structured, u as Structured, fromPath, toPath);
  }
  for (const q of [...freeB].sort(cmp)) {
    const u = b.types.get(q)!;
    push({ kind: "added", element: typeElement(u), toPath: typeSegment(u), after: u.qualifiedName, breaking: false });
  }

  function compareEnum(t: EnumType, u: EnumType, fromPath: string, toPath: string): void {
    if (t.isFlags !== u.isFlags) push({ kind: "flags-changed", element: "enumType", fromPath, toPath, before: String(t.isFlags), after: String(u.isFlags), breaking: true });
    if (t.underlyingType !== u.underlyingType) push({ kind: "type-changed", element: "enumType", fromPath, toPath, before: t.underlyingType, after: u.underlyingType, breaking: true });
    const match = matchNames(
      t.members.map((x) => x.name),
      u.members.map((x) => x.name),
      (n) => table(`${t.qualifiedName}/${n}`),
    );
    enumMemberMatches.set(t.qualifiedName, match.pairs);
    for (const x of t.members) {
      const p = match.pairs.get(x.name);
      const fp = `${fromPath}/Member[${x.name}]`;
      if (p === undefined) {
        push({ kind: "removed", element: "enumMember", fromPath: fp, before: x.name, breaking: true });
        continue;
      }
      const y = u.members.find((v) => v.name === p.to)!;
      const tp = `${toPath}/Member[${y.name}]`;
      if (x.name !== y.name) push({ kind: "renamed", element: "enumMember", fromPath: fp, toPath: tp, before: x.name, after: y.name, match: p.rule, breaking: true });
      if (x.value !== y.value) push({ kind: "value-changed", element: "enumMember", fromPath: fp, toPath: tp, before: x.value, after: y.value, breaking: true });
    }
    for (const n of match.addedNames) push({ kind: "added", element: "enumMember", toPath: `${toPath}/Member[${n}]`, after: n, breaking: false });
  }

  function compareStructured(t: Structured, u: Structured, fromPath: string, toPath: string): void {
    const base = (x: string | undefined): string => (x === undefined ? "(none)" : x);
    if ((t.baseType === undefined ? undefined : mapType(t.baseType)) !== u.baseType) {
      push({ kind: "base-type-changed", element: t.kind, fromPath, toPath, before: base(t.baseType), after: base(u.baseType), breaking: true });
    }
    if (t.abstract !== u.abstract) push({ kind: "abstract-changed", element: t.kind, fromPath, toPath, before: String(t.abstract), after: String(u.abstract), breaking: u.abstract });
    if (t.openType !== u.openType) push({ kind: "open-changed", element: t.kind, fromPath, toPath, before: String(t.openType), after: String(u.openType), breaking: !u.openType });
    const ea = effectiveMembers(a, t);
    const eb = effectiveMembers(b, u);
    const match = matchMembers(t, u);
    const memberPath = (owner: Structured, m: Member): string => `${typeSegment(owner)}/${memberSegment(m)}`;
    for (const [name, { member: x, owner: ox }] of [...ea].sort(([p], [q]) => cmp(p, q))) {
      const own = ox === t;
      const p = match.pairs.get(name);
      if (p === undefined) {
        if (own) push({ kind: "removed", element: x.kind, fromPath: memberPath(ox, x), before: x.name, breaking: true });
        continue;
      }
      const { member: y, owner: oy } = eb.get(p.to)!;
      const ownB = oy === u;
      // Inherited on both sides from a pair of matched types: compared there. From types that are not a pair (Outlook's
      // Item, Graph's outlookItem): compared here, with the declaring types' paths (the same change from each
      // subtype is kept once).
      if (!own && !ownB && typeMap.get(ox.qualifiedName)?.to === oy.qualifiedName) continue;
      const fp = memberPath(ox, x);
      const tp = memberPath(oy, y);
      if (!own && !ownB) {
        if (comparedInherited.has(`${fp}\0${tp}`)) continue;
        comparedInherited.add(`${fp}\0${tp}`);
      }
      if (own !== ownB || (!own && !ownB)) push({ kind: "moved", element: x.kind, fromPath: fp, toPath: tp, before: ox.name, after: oy.name, breaking: false });
      // A member inherited on one side only is compared from the subtype's pair; its base pair then reports it
      // removed or added on the base, and its details are compared here once.
      if (x.name !== y.name) push({ kind: "renamed", element: x.kind, fromPath: fp, toPath: tp, before: x.name, after: y.name, match: p.rule, breaking: true });
      compareMember(x, y, fp, tp);
    }
    for (const n of [...match.addedNames].sort(cmp)) {
      const { member: y, owner: oy } = eb.get(n)!;
      if (oy === u) push({ kind: "added", element: y.kind, toPath: memberPath(oy, y), after: y.name, breaking: false });
    }
    if (t.kind === "entityType" && u.kind === "entityType") {
      if (t.key.length > 0 || u.key.length > 0) {
        const ka = effectiveKey(a, t).map((k) => match.pairs.get(k)?.to ?? `\0${k}`);
        const kb = effectiveKey(b, u);
        if (ka.join(",") !== kb.join(",")) {
          push({ kind: "key-changed", element: "entityType", fromPath, toPath, before: effectiveKey(a, t).join(","), after: kb.join(","), breaking: true });
        }
      }
      if (t.hasStream !== u.hasStream) push({ kind: "stream-changed", element: "entityType", fromPath, toPath, before: String(t.hasStream), after: String(u.hasStream), breaking: !u.hasStream });
    }
  }

  /** The members of two paired structured types, with their inherited ones. */
  function matchMembers(t: Structured, u: Structured): ReturnType<typeof matchNames> {
    const ea = effectiveMembers(a, t);
    const match = matchNames([...ea.keys()], [...effectiveMembers(b, u).keys()], (n) => table(`${ea.get(n)!.owner.qualifiedName}/${n}`) ?? table(`${t.qualifiedName}/${n}`));
    memberMatches.set(t.qualifiedName, match.pairs);
    return match;
  }

  function compareMember(x: Member, y: Member, fp: string, tp: string): void {
    if (x.kind !== y.kind) {
      push({ kind: "kind-changed", element: x.kind, fromPath: fp, toPath: tp, before: x.kind, after: y.kind, breaking: true });
      return;
    }
    compareRef(x.kind, fp, tp, x.type, y.type);
    if (x.nullable !== y.nullable) {
      // A property is read and written: either way breaks someone. A navigation is only read: becoming nullable breaks.
      const breaking = x.kind === "property" ? true : y.nullable;
      push({ kind: "nullability-changed", element: x.kind, fromPath: fp, toPath: tp, before: String(x.nullable), after: String(y.nullable), breaking });
    }
    if (x.kind === "navigationProperty" && y.kind === "navigationProperty") {
      if (x.containsTarget !== y.containsTarget) {
        push({ kind: "containment-changed", element: "navigationProperty", fromPath: fp, toPath: tp, before: String(x.containsTarget), after: String(y.containsTarget), breaking: true });
      }
      compareCapabilities(x.capabilities, y.capabilities, fp, tp);
    }
  }

  function compareCapabilities(x: Capabilities, y: Capabilities, fp: string, tp: string): void {
    for (const c of CAPABILITIES) {
      const before = x[c] ?? true;
      const after = y[c] ?? true;
      if (before !== after) {
        push({ kind: "capability-changed", element: "capability", fromPath: `${fp}/Capability[${c}]`, toPath: `${tp}/Capability[${c}]`, before: String(before), after: String(after), breaking: before && !after });
      }
    }
  }

  // Operations: grouped by their binding (the binding type mapped to --to's names), then matched by name.
  const bindingKey = (op: Operation, map: boolean): string => {
    const p = op.bindingParameter;
    if (!op.isBound || p === undefined) return "";
    const name = map ? mapType(p.type.name) : p.type.name;
    return p.type.collection ? `Collection(${name})` : name;
  };
  const showBinding = (op: Operation): string => {
    const p = op.bindingParameter;
    if (!op.isBound || p === undefined) return "";
    return p.type.collection ? `Collection(${localName(p.type.name)})` : localName(p.type.name);
  };
  // An operation's path: `Action[Forward(Message)]`, after its schema when that is not its side's main namespace, and
  // with its parameter names when it has overloads of the same binding (`…/Overload[StartDateTime,EndDateTime]`).
  const overloads = new Map<string, number>();
  const overloadKey = (op: Operation): string => `${a.operations.includes(op) ? "a" : "b"}\0${op.qualifiedName}\0${bindingKey(op, false)}`;
  for (const op of [...a.operations, ...b.operations]) overloads.set(overloadKey(op), (overloads.get(overloadKey(op)) ?? 0) + 1);
  const opPath = (op: Operation): string => {
    const main = a.operations.includes(op) ? a.mainNamespace : b.mainNamespace;
    const schema = op.namespace === main ? "" : `Schema[${op.namespace}]/`;
    const overload = (overloads.get(overloadKey(op)) ?? 0) > 1 ? `/Overload[${op.parameters.map((p) => p.name).join(",")}]` : "";
    return `${schema}${op.kind === "action" ? "Action" : "Function"}[${op.name}(${showBinding(op)})]${overload}`;
  };
  const opId = (op: Operation): string => `${op.name}/${op.parameters.map((p) => p.name).join(",")}`;
  const groupsA = new Map<string, Operation[]>();
  const groupsB = new Map<string, Operation[]>();
  for (const op of a.operations) groupsA.set(bindingKey(op, true), [...(groupsA.get(bindingKey(op, true)) ?? []), op]);
  for (const op of b.operations) groupsB.set(bindingKey(op, false), [...(groupsB.get(bindingKey(op, false)) ?? []), op]);
  const unmatchedA: Operation[] = [];
  const unmatchedB: Operation[] = [];
  const opPairs: [Operation, Operation, MatchRule][] = [];
  for (const key of [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort(cmp)) {
    const xs = groupsA.get(key) ?? [];
    const ys = groupsB.get(key) ?? [];
    // Overloads (the same name in one group) are told apart by their parameter names.
    const ida = new Map(xs.map((op) => [opId(op), op]));
    const idb = new Map(ys.map((op) => [opId(op), op]));
    const exactIds = matchNames([...ida.keys()], [...idb.keys()]);
    const leftA = xs.filter((op) => !exactIds.pairs.has(opId(op)) || exactIds.pairs.get(opId(op))!.rule !== "exact");
    const takenB = new Set([...exactIds.pairs.values()].filter((p) => p.rule === "exact").map((p) => p.to));
    for (const [f, p] of exactIds.pairs) if (p.rule === "exact") opPairs.push([ida.get(f)!, idb.get(p.to)!, "exact"]);
    const leftB = ys.filter((op) => !takenB.has(opId(op)));
    const byName = matchNames(
      leftA.map((op) => op.name),
      leftB.map((op) => op.name),
      (n) => {
        const op = leftA.find((o) => o.name === n)!;
        const target = table(op.qualifiedName) ?? table(op.name);
        return target === undefined ? undefined : localName(target);
      },
    );
    const usedB = new Set<Operation>();
    for (const op of leftA) {
      const p = byName.pairs.get(op.name);
      const other = p === undefined ? undefined : leftB.find((o) => o.name === p.to && !usedB.has(o));
      if (p === undefined || other === undefined) unmatchedA.push(op);
      else {
        usedB.add(other);
        opPairs.push([op, other, p.rule]);
      }
    }
    for (const op of leftB) if (!usedB.has(op)) unmatchedB.push(op);
  }
  // An operation whose binding changed (or went) keeps its name: matched here across groups.
  const rebound = matchNames(
    unmatchedA.map((op) => op.name),
    unmatchedB.map((op) => op.name),
  );
  const usedRebound = new Set<Operation>();
  for (const op of unmatchedA) {
    const p = rebound.pairs.get(op.name);
    const other = p === undefined ? undefined : unmatchedB.find((o) => o.name === p.to && !usedRebound.has(o));
    if (p === undefined || other === undefined) {
      push({ kind: "removed", element: op.kind, fromPath: opPath(op), before: op.qualifiedName, breaking: true });
      continue;
    }
    usedRebound.add(other);
    push({ kind: "binding-changed", element: op.kind, fromPath: opPath(op), toPath: opPath(other), before: showBinding(op) || "(unbound)", after: showBinding(other) || "(unbound)", breaking: true });
    opPairs.push([op, other, p.rule]);
  }
  for (const op of unmatchedB) if (!usedRebound.has(op)) push({ kind: "added", element: op.kind, toPath: opPath(op), after: op.qualifiedName, breaking: false });

  for (const [x, y, rule] of opPairs) {
    const fp = opPath(x);
    const tp = opPath(y);
    if (x.name !== y.name) push({ kind: "renamed", element: x.kind, fromPath: fp, toPath: tp, before: x.name, after: y.name, match: rule, breaking: true });
    if (x.kind !== y.kind) push({ kind: "kind-changed", element: x.kind, fromPath: fp, toPath: tp, before: x.kind, after: y.kind, breaking: true });
    if (x.isComposable && !y.isComposable) push({ kind: "composable-changed", element: x.kind, fromPath: fp, toPath: tp, before: "true", after: "false", breaking: true });
    if (!x.isComposable && y.isComposable) push({ kind: "composable-changed", element: x.kind, fromPath: fp, toPath: tp, before: "false", after: "true", breaking: false });
    compareParameters(x, y, fp, tp);
    const rp = (p: string): string => `${p}/ReturnType`;
    if (x.returnType !== undefined && y.returnType === undefined) push({ kind: "removed", element: "returnType", fromPath: rp(fp), before: showRef(x.returnType.type), breaking: true });
    else if (x.returnType === undefined && y.returnType !== undefined) push({ kind: "added", element: "returnType", toPath: rp(tp), after: showRef(y.returnType.type), breaking: false });
    else if (x.returnType !== undefined && y.returnType !== undefined) {
      compareRef("returnType", rp(fp), rp(tp), x.returnType.type, y.returnType.type);
      if (x.returnType.nullable !== y.returnType.nullable) {
        push({ kind: "nullability-changed", element: "returnType", fromPath: rp(fp), toPath: rp(tp), before: String(x.returnType.nullable), after: String(y.returnType.nullable), breaking: y.returnType.nullable });
      }
    }
  }

  function compareParameters(x: Operation, y: Operation, fp: string, tp: string): void {
    const match = matchNames(
      x.parameters.map((p) => p.name),
      y.parameters.map((p) => p.name),
      (n) => table(`${x.qualifiedName}/${n}`),
    );
    parameterMatches.set(x, match.pairs);
    const path = (op: string, p: Parameter): string => `${op}/Parameter[${p.name}]`;
    for (const p of x.parameters) {
      const m = match.pairs.get(p.name);
      if (m === undefined) {
        push({ kind: "removed", element: "parameter", fromPath: path(fp, p), before: p.name, breaking: true });
        continue;
      }
      const q = y.parameters.find((v) => v.name === m.to)!;
      const pf = path(fp, p);
      const pt = path(tp, q);
      if (p.name !== q.name) push({ kind: "renamed", element: "parameter", fromPath: pf, toPath: pt, before: p.name, after: q.name, match: m.rule, breaking: true });
      compareRef("parameter", pf, pt, p.type, q.type);
      if (p.nullable !== q.nullable) push({ kind: "nullability-changed", element: "parameter", fromPath: pf, toPath: pt, before: String(p.nullable), after: String(q.nullable), breaking: !q.nullable });
      if (p.optional !== q.optional) push({ kind: "optionality-changed", element: "parameter", fromPath: pf, toPath: pt, before: p.optional ? "optional" : "required", after: q.optional ? "optional" : "required", breaking: !q.optional });
    }
    for (const n of match.addedNames) {
      const q = y.parameters.find((v) => v.name === n)!;
      push({ kind: "added", element: "parameter", toPath: path(tp, q), after: `${q.name} (${q.optional ? "optional" : "required"})`, breaking: !q.optional });
    }
  }

  // The container: entity sets, singletons and operation imports, by name across every container of a side.
  type Child = { readonly container: EntityContainer; readonly name: string; readonly path: string };
  const children = (side: Side, pick: (c: EntityContainer) => readonly { readonly name: string }[], tag: string): Map<string, Child> =>
    new Map(side.containers.flatMap((c) => pick(c).map((x): [string, Child] => [x.name, { container: c, name: x.name, path: `${tag}[${x.name}]` }])));
  const containerLookup = (m: Map<string, Child>) => (n: string) => table(`${m.get(n)!.container.qualifiedName}/${n}`) ?? table(n);

  const setsA = new Map(a.containers.flatMap((c) => c.entitySets.map((s) => [s.name, s] as const)));
  const setsB = new Map(b.containers.flatMap((c) => c.entitySets.map((s) => [s.name, s] as const)));
  const setChildrenA = children(a, (c) => c.entitySets, "EntitySet");
  const setMatch = matchNames([...setsA.keys()], [...setsB.keys()], containerLookup(setChildrenA));
  for (const [name, x] of [...setsA].sort(([p], [q]) => cmp(p, q))) {
    const fp = `EntitySet[${name}]`;
    const p = setMatch.pairs.get(name);
    if (p === undefined) {
      push({ kind: "removed", element: "entitySet", fromPath: fp, before: name, breaking: true });
      continue;
    }
    const y = setsB.get(p.to)!;
    const tp = `EntitySet[${y.name}]`;
    if (x.name !== y.name) push({ kind: "renamed", element: "entitySet", fromPath: fp, toPath: tp, before: x.name, after: y.name, match: p.rule, breaking: true });
    if (mapType(x.entityType) !== y.entityType) push({ kind: "entity-type-changed", element: "entitySet", fromPath: fp, toPath: tp, before: x.entityType, after: y.entityType, breaking: true });
    compareCapabilities(x.capabilities, y.capabilities, fp, tp);
  }
  for (const n of [...setMatch.addedNames].sort(cmp)) push({ kind: "added", element: "entitySet", toPath: `EntitySet[${n}]`, after: n, breaking: false });

  const singA = new Map(a.containers.flatMap((c) => c.singletons.map((s) => [s.name, s] as const)));
  const singB = new Map(b.containers.flatMap((c) => c.singletons.map((s) => [s.name, s] as const)));
  const singMatch = matchNames([...singA.keys()], [...singB.keys()], containerLookup(children(a, (c) => c.singletons, "Singleton")));
  for (const [name, x] of [...singA].sort(([p], [q]) => cmp(p, q))) {
    const fp = `Singleton[${name}]`;
    const p = singMatch.pairs.get(name);
    if (p === undefined) {
      push({ kind: "removed", element: "singleton", fromPath: fp, before: name, breaking: true });
      continue;
    }
    const y = singB.get(p.to)!;
    const tp = `Singleton[${y.name}]`;
    if (x.name !== y.name) push({ kind: "renamed", element: "singleton", fromPath: fp, toPath: tp, before: x.name, after: y.name, match: p.rule, breaking: true });
    if (mapType(x.type) !== y.type) push({ kind: "entity-type-changed", element: "singleton", fromPath: fp, toPath: tp, before: x.type, after: y.type, breaking: true });
    if (x.nullable !== y.nullable) push({ kind: "nullability-changed", element: "singleton", fromPath: fp, toPath: tp, before: String(x.nullable), after: String(y.nullable), breaking: y.nullable });
    compareCapabilities(x.capabilities, y.capabilities, fp, tp);
  }
  for (const n of [...singMatch.addedNames].sort(cmp)) push({ kind: "added", element: "singleton", toPath: `Singleton[${n}]`, after: n, breaking: false });

  const impA = new Map(a.containers.flatMap((c) => c.operationImports.map((s) => [s.name, s] as const)));
  const impB = new Map(b.containers.flatMap((c) => c.operationImports.map((s) => [s.name, s] as const)));
  const impMatch = matchNames([...impA.keys()], [...impB.keys()], containerLookup(children(a, (c) => c.operationImports, "Import")));
  const impTag = (k: string): string => (k === "actionImport" ? "ActionImport" : "FunctionImport");
  // The operation an import names, as --to would name it (operations are matched above).
  const opTarget = new Map<string, string>();
  for (const [x, y] of opPairs) opTarget.set(x.qualifiedName, y.qualifiedName);
  for (const [name, x] of [...impA].sort(([p], [q]) => cmp(p, q))) {
    const fp = `${impTag(x.kind)}[${name}]`;
    const p = impMatch.pairs.get(name);
    if (p === undefined) {
      push({ kind: "removed", element: x.kind, fromPath: fp, before: name, breaking: true });
      continue;
    }
    const y = impB.get(p.to)!;
    const tp = `${impTag(y.kind)}[${y.name}]`;
    if (x.name !== y.name) push({ kind: "renamed", element: x.kind, fromPath: fp, toPath: tp, before: x.name, after: y.name, match: p.rule, breaking: true });
    if (x.kind !== y.kind) push({ kind: "kind-changed", element: x.kind, fromPath: fp, toPath: tp, before: x.kind, after: y.kind, breaking: true });
    if ((opTarget.get(x.operation) ?? `\0${x.operation}`) !== y.operation) push({ kind: "operation-changed", element: x.kind, fromPath: fp, toPath: tp, before: x.operation, after: y.operation, breaking: true });
  }
  for (const n of [...impMatch.addedNames].sort(cmp)) {
    const y = impB.get(n)!;
    push({ kind: "added", element: y.kind, toPath: `${impTag(y.kind)}[${n}]`, after: n, breaking: false });
  }

  // Structured types paired across kinds (Outlook's entity Notification, Graph's complex changeNotification) are not
  // compared member by member, but their members are still paired, for the migration map.
  for (const [f, m] of typeMap) {
    const t = a.types.get(f)!;
    const u = b.types.get(m.to)!;
    if (!memberMatches.has(f) && (t.kind === "entityType" || t.kind === "complexType") && (u.kind === "entityType" || u.kind === "complexType")) matchMembers(t, u);
  }
  return {
    changes: sortChanges(changes),
    matches: {
      types: typeMap,
      members: memberMatches,
      enumMembers: enumMemberMatches,
      operations: opPairs.map(([x, y, rule]) => ({ from: x, to: y, rule, parameters: parameterMatches.get(x) ?? new Map() })),
      entitySets: setMatch.pairs,
      singletons: singMatch.pairs,
      imports: impMatch.pairs,
    },
  };
}

/** Deterministic order: by the path (--from's, else --to's), then the kind, then the rest. */
function sortChanges(changes: readonly ModelChange[]): readonly ModelChange[] {
  const key = (c: ModelChange): string => [c.fromPath ?? c.toPath ?? "", c.kind, c.toPath ?? "", c.before ?? "", c.after ?? ""].join("\0");
  return [...changes].sort((x, y) => cmp(key(x), key(y)));
}

/** Counts by kind, and how many are breaking. */
export interface DiffSummary {
  readonly total: number;
  readonly breaking: number;
  readonly byKind: Readonly<Partial<Record<ChangeKind, number>>>;
}

export function summarize(changes: readonly ModelChange[]): DiffSummary {
  const byKind: Partial<Record<ChangeKind, number>> = {};
  for (const c of changes) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  const sorted: Partial<Record<ChangeKind, number>> = {};
  for (const k of Object.keys(byKind).sort(cmp) as ChangeKind[]) sorted[k] = byKind[k]!;
  return { total: changes.length, breaking: changes.filter((c) => c.breaking).length, byKind: sorted };
}
