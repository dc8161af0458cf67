/**
 * Plans `<version>/nodes.ts`: types only, erased at compile time. Per entity type X, `XMembers` (the navigations and
 * operations X declares, inherited ones through `extends`), `XNode` (the runtime's EntityNode with X's members and
 * X's property paths, PropertyNodes) and `XCollection` (CollectionNode with X's members), `XCollectionMembers` (operations bound to a collection of X) and, where X has derived
 * types, `XCasts` and `XCollectionCasts` (what `cast` accepts). Then `ServiceClient`, the root. Capability
 * restrictions are `Restrict<…>` where a navigation, entity set or singleton hands a node out.
 */
import type { Capabilities, EntityType, NavigationProperty, Operation, Parameter } from "../model/types.js";
import { EDM_TS, literalType, tsType, uniqueBy, Uses, wireTypeName, type PlannedFile, type Version } from "./context.js";
import { entitySetDoc, navigationDoc, operationDoc, operationImportDoc, singletonDoc } from "./docs.js";
import { containerCapabilities, navigationCapabilities, resolveOverrides, type CapabilityOverride } from "./capabilities.js";
import { importLines } from "./imports.js";
import { ancestry, descendants, isStreamProperty, keyOf, operationUse, type ModelIndex } from "./index-model.js";
import { streamFacts } from "./client.js";
import { docLines, memberName as nameOf, propertyKey, protocolNote, stringLiteral, wireRule, type MemberPlace, type MemberUse } from "./naming.js";
import { serviceProfile, type RequiredOptions } from "./profiles.js";

export function nodesPath(dir: string): string {
  return `${dir}nodes.ts`;
}

/** A member of a node interface; `partial` names the template that prints it. */
type MemberView = { readonly partial: "navigation" | "function" | "unsupported"; readonly name: string } & Record<string, unknown>;

export function planNodes(v: Version): PlannedFile {
  const uses = new Uses();
  const path = nodesPath(v.dir);
  const own = new Map<string, { item: MemberView[]; collection: MemberView[] }>();
  const entities = [...v.index.structured.values()].filter((t): t is EntityType => t.kind === "entityType");
  for (const t of entities) own.set(t.qualifiedName, { item: itemMembers(t, v, uses), collection: collectionMembers(t, v, uses) });
  const linked = linkTargets(v.index);
  const types = entities.map((t) => entityView(t, v, uses, own, linked));
  const root = rootMembers(v, uses).map(withDocText);
  return {
    path,
    template: "nodes/nodes",
    view: { header: v.header, imports: importLines(path, uses, v.symbols), types, root },
  };
}

/** The member names an entity type and its ancestors declare, by kind (item or collection). */
function inheritedNames(t: EntityType, v: Version, own: ReadonlyMap<string, { item: MemberView[]; collection: MemberView[] }>, kind: "item" | "collection"): Set<string> {
  const out = new Set<string>();
  for (const a of ancestry(v.index, t).slice(1)) for (const m of own.get(a.qualifiedName)?.[kind] ?? []) out.add(m.name);
  return out;
}

/**
 * The members interface a node of `t` extends: its own when it declares members, else its nearest ancestor's that
 * does (a type that adds nothing declares no interface of its own), or none.
 */
function effectiveMembers(t: EntityType, v: Version, own: ReadonlyMap<string, { item: MemberView[]; collection: MemberView[] }>, kind: "item" | "collection"): string | undefined {
  for (const a of ancestry(v.index, t)) {
    if (a.kind !== "entityType") return undefined;
    if ((own.get(a.qualifiedName)?.[kind].length ?? 0) > 0) return (kind === "item" ? v.names.members : v.names.collectionMembers).get(a.qualifiedName);
  }
  return undefined;
}

/**
 * The entity types a navigation that is no containment can link to: its targets and their derived types. Their nodes
 * carry their qualified name (EntityNode's N), which `bind(node)` gives and `$ref` and `@odata.bind` compare.
 */
export function linkTargets(index: ModelIndex): ReadonlySet<string> {
  const out = new Set<string>();
  for (const t of index.structured.values()) {
    if (t.kind !== "entityType") continue;
    for (const n of t.navigationProperties) {
      const target = index.structured.get(n.type.name);
      if (n.containsTarget || target?.kind !== "entityType" || out.has(target.qualifiedName)) continue;
      out.add(target.qualifiedName);
      for (const d of descendants(index, target)) out.add(d.qualifiedName);
    }
  }
  return out;
}

function entityView(
  t: EntityType,
  v: Version,
  uses: Uses,
  own: ReadonlyMap<string, { item: MemberView[]; collection: MemberView[] }>,
  linked: ReadonlySet<string>,
): object {
  const { names, index } = v;
  const q = t.qualifiedName;
  const any = uses.type(names.any.get(q) ?? names.types.get(q) ?? "never");
  const query = uses.type(names.query.get(q) ?? "never");
  const base = t.baseType === undefined ? undefined : index.structured.get(t.baseType);
  const lineage = ancestry(index, t);
  const baseEntity = base?.kind === "entityType" && lineage.length > 1 && lineage[1] === base ? base : undefined;
  const mine = own.get(q) ?? { item: [], collection: [] };
  // A member the type declares again (a redeclared navigation, an operation whose overloads a derived type binds
  // anew) takes the base's member out first: interfaces cannot change an inherited member's type.
  const heritage = (kind: "item" | "collection"): string => {
    const baseName = baseEntity ? effectiveMembers(baseEntity, v, own, kind) : undefined;
    if (baseName === undefined) return "";
    const inherited = inheritedNames(t, v, own, kind);
    const clash = uniqueBy(mine[kind].map((m) => m.name).filter((n) => inherited.has(n)), (n) => n);
    return clash.length === 0 ? ` extends ${baseName}` : ` extends Omit<${baseName}, ${clash.map(stringLiteral).join(" | ")}>`;
  };
  // Casts name the direct derived types and extend their casts (which name theirs): every descendant, each once.
  const derived = (index.derived.get(q) ?? []).filter((d): d is EntityType => d.kind === "entityType");
  const heritageOf = (map: ReadonlyMap<string, string>): string => {
    const list = uniqueBy(derived.flatMap((d) => map.get(d.qualifiedName) ?? []), (n) => n);
    return list.length === 0 ? "" : ` extends ${list.join(", ")}`;
  };
  const casts = names.casts.get(q);
  const collectionCasts = names.collectionCasts.get(q);
  const key = keyParameter(keyOf(index, t).properties.map((p) => ({ name: p.name, type: wireTypeName(p.type.name, index) })));
  const media = lineage.some((a) => a.kind === "entityType" && a.hasStream);
  const node = names.node.get(q) ?? "";
  const collection = names.collection.get(q) ?? "";
  return {
    qualifiedNameDoc: stringLiteral(q).slice(1, -1),
    members: names.members.get(q),
    membersExtends: heritage("item"),
    itemMembers: mine.item,
    collectionMembersName: names.collectionMembers.get(q),
    collectionMembersExtends: heritage("collection"),
    collectionMembers: mine.collection,
    node,
    // A type alias, not an interface: an interface would check its property paths against its bases at declaration,
    // for every type of the model; an intersection resolves them only where a node is used.
    nodeType: nodeTypeOf(t, v, uses, {
      any,
      query,
      members: [...(media ? [uses.type("MediaNode")] : []), ...[effectiveMembers(t, v, own, "item")].filter((m) => m !== undefined)],
      casts,
      name: linked.has(q) ? stringLiteral(q) : undefined,
    }),
    collection,
    collectionExtends: [
      `${uses.type("CollectionNode")}<${[any, query, key ? node : "never", key?.type ?? "never", ...(collectionCasts ? [collectionCasts] : [])].join(", ")}>`,
      `${uses.type("Syncable")}<${any}>`,
      ...[effectiveMembers(t, v, own, "collection")].filter((m) => m !== undefined),
    ].join(", "),
    casts,
    castsExtends: heritageOf(names.casts),
    collectionCasts,
    collectionCastsExtends: heritageOf(names.collectionCasts),
    derived: derived.map((d) => ({
      qualifiedName: stringLiteral(d.qualifiedName),
      node: names.node.get(d.qualifiedName),
      collection: names.collection.get(d.qualifiedName),
    })),
  };
}

/** Operations bound to exactly this type (single or collection), grouped by kind and qualified name, in model order. */
function ownOperations(index: ModelIndex, t: EntityType, collection: boolean): Operation[][] {
  const groups = new Map<string, Operation[]>();
  for (const op of index.boundTo.get(`${collection ? "collection" : "single"}:${t.qualifiedName}`) ?? []) {
    const key = `${op.kind}:${op.qualifiedName}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [op]);
    else group.push(op);
  }
  return [...groups.values()];
}

/** The wire rule of each version's members, computed once. */
const rules = new WeakMap<Version, "same" | "upper">();

/**
 * The property paths of a node of `t` (`me.mailboxSettings.get()`): the runtime's mapped type over t's model type,
 * without the names its members interface declares (navigations, stream properties, operations).
 */
/**
 * The node type of `t`: the runtime's EntityNodeOf, which joins EntityNode, the members (M: the media stream where the
 * type has one, and the members interface) and the property paths over t's model type (PropertyNodes, without the
 * members' names). One generic reference, whose arguments a long line breaks one per line as prettier does; the
 * optional arguments (casts, the name `bind` compares, Outlook's "upper" rule) only where they are not the default.
 */
function nodeTypeOf(
  t: EntityType,
  v: Version,
  uses: Uses,
  parts: { any: string; query: string; members: readonly string[]; casts: string | undefined; name: string | undefined },
): string {
  const model = uses.type(v.names.types.get(t.qualifiedName) ?? "never");
  let rule = rules.get(v);
  if (rule === undefined) rules.set(v, (rule = wireRule(v.members).rule));
  // M, P, C, N and Rule, each left out from the end while it is its default (P's is T, the model type itself where
  // the type has no derived types), so that most lines fit without being broken.
  const members = parts.members.length === 0 ? "{}" : parts.members.join(" & ");
  const args = [parts.any, parts.query, members, model, parts.casts ?? "{}", parts.name ?? "string", `"${rule}"`];
  const defaults = [undefined, undefined, "{}", parts.any, "{}", "string", '"same"'];
  while (args.length > 2 && args[args.length - 1] === defaults[args.length - 1]) args.pop();
  return `${uses.type("EntityNodeOf")}<${args.join(", ")}>`;
}

function itemMembers(t: EntityType, v: Version, uses: Uses): MemberView[] {
  const out: MemberView[] = [];
  for (const n of t.navigationProperties) out.push(withDoc(navigationMember(t, n, v, uses), navigationDoc(v.docs, t, n), n.name));
  for (const p of t.properties) if (isStreamProperty(p)) out.push(withDoc(streamMember(t, p.name, v, uses), p.docs.description ?? "", p.name));
  for (const g of ownOperations(v.index, t, false)) {
    out.push(withDoc(operationMember(g, v, uses, boundUse(g[0]!, v, t, "entity")), operationDoc(v.docs, t, false, g[0]!), g[0]!.name));
  }
  return uniqueBy(out, (m) => m.name);
}

function collectionMembers(t: EntityType, v: Version, uses: Uses): MemberView[] {
  return uniqueBy(
    ownOperations(v.index, t, true).map((g) =>
      withDoc(operationMember(g, v, uses, boundUse(g[0]!, v, t, "collection")), operationDoc(v.docs, t, true, g[0]!), g[0]!.name),
    ),
    (m) => m.name,
  );
}

/** How an operation bound to `t` (or a collection of it) is used as a member: what naming needs to name it. */
function boundUse(o: Operation, v: Version, t: EntityType, place: MemberPlace): MemberUse {
  return operationUse(o, v.index.boundTo.get(`${place === "collection" ? "collection" : "single"}:${t.qualifiedName}`) ?? [], place);
}

function memberName(v: Version, use: MemberUse): string {
  return nameOf(v.members, use);
}

/** The member's doc lines as the one line its template prints (`/** a b *\/`). */
function withDocText(m: MemberView): MemberView {
  const lines = Array.isArray(m["docLines"]) ? (m["docLines"] as string[]) : [];
  return { ...m, doc: lines.join(" ") };
}

/**
 * A member's doc: the description, the HTTP method and URL shape, and a renamed member's note; as lines and as the one
 * line its template prints (withDocText's, made here at once: one copy of the member instead of two).
 */
function withDoc(m: MemberView, text: string, wireName: string): MemberView {
  const before = Array.isArray(m["docLines"]) ? (m["docLines"] as string[]) : [];
  const lines = [...before, ...docLines(text), ...docLines(protocolNote(wireName, m.name))];
  return { ...m, docLines: lines, doc: lines.join(" ") };
}

/** What a version's nodes take from its service profile and config beyond the model: capability overrides, required options. */
interface Facts {
  readonly overrides: ReadonlyMap<string, CapabilityOverride>;
  readonly required: readonly RequiredOptions[];
}

const facts = new WeakMap<Version, Facts>();

function factsOf(v: Version): Facts {
  let f = facts.get(v);
  if (f === undefined) {
    const { model, label, capabilities } = v.input;
    f = { overrides: resolveOverrides(model, label, capabilities), required: serviceProfile(model, label).requiredOptions ?? [] };
    facts.set(v, f);
  }
  return f;
}

function navigationMember(declaring: EntityType, n: NavigationProperty, v: Version, uses: Uses): MemberView {
  const name = memberName(v, { wire: n.name, place: "entity", function: false });
  const target = v.index.structured.get(n.type.name);
  if (!target || target.kind !== "entityType") {
    return { partial: "unsupported", name, docLines: docLines(`Navigation ${n.name} targets ${n.type.name}, which this client cannot address.`) };
  }
  const capabilities = navigationCapabilities(factsOf(v).overrides, declaring, n.name, n.capabilities);
  const type = restrictedType(n.type.collection, target, capabilities, v, uses, n.name);
  return { partial: "navigation", name, docLines: docLines(n.docs.description), type: n.containsTarget ? type : linkType(n, capabilities, type, uses) };
}

/**
 * A navigation that is no containment links to entities that live elsewhere: its node gets `$ref`, and its members
 * (or, single-valued, the node itself) lose the entity `delete()`, unless the navigation's DeleteRestrictions (or an
 * override) say Deletable (deleting through that path is allowed). The wire name keys its `@odata.bind` in bodies.
 */
function linkType(n: NavigationProperty, c: Capabilities, type: string, uses: Uses): string {
  const deletable = c.deletable === true ? ", never" : "";
  return `${uses.type(n.type.collection ? "LinkCollection" : "SingleLink")}<${type}, ${stringLiteral(n.name)}${deletable}>`;
}

/**
 * A stream property's member: a StreamNode (`get()` gives the Response, `put(body)` uploads), or `never` where the
 * wire table cannot tell it apart from a JSON property of the same name (client.ts, streamFacts).
 */
function streamMember(t: EntityType, wire: string, v: Version, uses: Uses): MemberView {
  const name = memberName(v, { wire, place: "entity", function: false });
  if (streamFacts(v).unclear.has(`${t.qualifiedName}/${wire}`)) {
    const doc = `Stream property ${wire}: left out, as a path to it cannot be told apart from one to a property of another type; read it with a typed escape hatch.`;
    return { partial: "navigation", name, docLines: docLines(doc), type: "never" };
  }
  return { partial: "navigation", name, docLines: docLines(`Stream property (Edm.Stream): \`get()\` gives the Response, \`put(body)\` uploads.`), type: uses.type("StreamNode") };
}

/** The node type a navigation or entity set hands out, with the verbs its Capabilities annotations forbid taken out. */
function restrictedType(collection: boolean, t: EntityType, c: Capabilities, v: Version, uses: Uses, wire: string): string {
  const q = t.qualifiedName;
  const name = (collection ? v.names.collection : v.names.node).get(q) ?? "never";
  const omitted: string[] = [];
  if (collection) {
    if (c.insertable === false) omitted.push("create");
    if (c.readable === false) omitted.push("list", "pages", "items");
    if (c.countable === false) omitted.push("count", "$count");
  } else {
    if (c.updatable === false) omitted.push("update");
    if (c.deletable === false) omitted.push("delete");
    if (c.readable === false) omitted.push("get");
  }
  const itemOmitted = collection ? [...(c.updatable === false ? ["update"] : []), ...(c.deletable === false ? ["delete"] : [])] : [];
  const union = (list: readonly string[]): string => (list.length === 0 ? "never" : list.map(stringLiteral).join(" | "));
  const item = v.names.node.get(q) ?? "never";
  const type =
    itemOmitted.length === 0
      ? omitted.length === 0
        ? name
        : `${uses.type("Restrict")}<${name}, ${union(omitted)}>`
      : `${uses.type("RestrictedCollection")}<${name}, ${item}, ${union(omitted)}, ${union(itemOmitted)}>`;
  // Without change tracking the collection loses the Syncable marker, and `sync()` refuses it (a type without the
  // marker shares no member with Syncable, all of whose members are optional).
  const tracked = collection && c.changeTracking === false ? `Omit<${type}, keyof ${uses.type("Syncable")}<unknown>>` : type;
  return collection ? withRequiredOptions(tracked, t, v, uses, wire) : tracked;
}

/**
 * A collection node type whose reads need the query options the service profile adds for this navigation (Outlook's
 * and Graph's calendar window): WithRequired<…> over it, else the type as it is.
 */
function withRequiredOptions(type: string, t: EntityType, v: Version, uses: Uses, wire: string): string {
  const lower = (s: string): string => s.toLowerCase();
  const entry = factsOf(v).required.find((r) => r.navigations.some((n) => lower(n) === lower(wire)) && r.types.some((n) => lower(n) === lower(t.name)));
  if (entry === undefined) return type;
  const bound = new Set(ancestry(v.index, t).flatMap((a) => (v.index.boundTo.get(`collection:${a.qualifiedName}`) ?? []).map((o) => o.name)));
  const functions = entry.functions.filter((f) => bound.has(f)).map((f) => stringLiteral(memberName(v, { wire: f, place: "collection", function: true })));
  const options = `{ ${Object.entries(entry.options).map(([k, ts]) => `readonly ${propertyKey(k)}: ${ts}`).join("; ")} }`;
  const q = t.qualifiedName;
  const any = uses.type(v.names.any.get(q) ?? v.names.types.get(q) ?? "never");
  const query = uses.type(v.names.query.get(q) ?? "never");
  return `${uses.type("WithRequired")}<${[type, any, query, options, ...(functions.length > 0 ? [functions.join(" | ")] : [])].join(", ")}>`;
}

/**
 * An operation's member. Overloads of one name bound to the same type become one member whose parameter object is
 * a union of the overloads' parameter lists (each member forbids the others' parameters); an overload that gives a
 * parameter another type than an earlier one is left out (the wire table holds one literal type per parameter).
 * A function's member is a call that returns a node (nothing is sent until a verb); an action's is a node whose
 * `post` sends it (ActionNode, OptionalActionNode when every parameter may be left out, BareActionNode without any).
 */
export function operationMember(all: readonly Operation[], v: Version, uses: Uses, use: MemberUse): MemberView {
  const overloads = compatibleOverloads(all, v.index);
  const first = overloads[0]!;
  const name = memberName(v, use);
  // An action's nullable parameters may be left out of its body (they then mean null, OData JSON 4.01 §19.2);
  // a function's parameters all go into its URL unless annotated Core.OptionalParameter.
  const lists = overloads.map((o) =>
    o.parameters.map((p) => ({
      name: p.name,
      key: propertyKey(p.name),
      optional: p.optional || (o.kind === "action" && p.nullable),
      type: paramType(p, v, uses),
    })),
  );
  const allParams = uniqueBy(overloads.flatMap((o) => o.parameters), (p) => p.name);
  const objectTypes = uniqueBy(
    lists.map((list) => {
      const own = new Set(list.map((p) => p.name));
      const others = allParams.filter((p) => !own.has(p.name)).map((p) => `readonly ${propertyKey(p.name)}?: never`);
      return list.length > 0 || others.length > 0
        ? `{ ${[...list.map((p) => `readonly ${p.key}${p.optional ? "?" : ""}: ${p.type}`), ...others].join("; ")} }`
        : "{}";
    }),
    (t) => t,
  );
  const paramsType = allParams.length > 0 ? objectTypes.join(" | ") : undefined;
  const allOptional = lists.some((list) => list.every((p) => p.optional));
  const params = paramsType === undefined ? undefined : `params${allOptional ? "?" : ""}: ${paramsType}`;
  const dropped = all.length - overloads.length;
  const docs = [
    ...docLines(first.docs.description),
    ...(use.besideAction === true && first.kind === "function"
      ? [`Named \`${name}\` here: \`${nameOf(v.members, { ...use, function: false, besideAction: false })}\` is the action of that name bound to the same type.`]
      : []),
    ...(overloads.length > 1 ? [`${overloads.length} overloads, told apart by their parameters.`] : []),
    ...(dropped > 0 ? [`${dropped} more overloads give a parameter another type; call them by a typed escape hatch.`] : []),
  ];
  if (first.kind === "action") {
    const results = uniqueBy(overloads.map((o) => operationResult(o, v, uses)), (r) => r);
    const result = results.join(" | ");
    const withResult = result === "void" ? "" : `, ${result}`;
    const type =
      paramsType === undefined
        ? `${uses.type("BareActionNode")}${result === "void" ? "" : `<${result}>`}`
        : `${uses.type(allOptional ? "OptionalActionNode" : "ActionNode")}<${paramsType}${withResult}>`;
    return { partial: "navigation", name, docLines: docs, type };
  }
  return { partial: "function", name, docLines: docs, params: params ?? "", result: functionResult(overloads, v, uses) };
}

/**
 * The overloads that can share one member: those whose parameters of one name take the same URL literal type (the
 * wire table's; a type the runtime infers from the value counts as none). The first overload always stays.
 */
function compatibleOverloads(group: readonly Operation[], index: ModelIndex): Operation[] {
  const types = new Map<string, string>();
  return group.filter((o) => {
    const ok = o.kind === "action" || o.parameters.every((p) => {
      const seen = types.get(p.name);
      return seen === undefined || seen === (literalType(p, index) ?? "");
    });
    if (ok && o.kind === "function") for (const p of o.parameters) types.set(p.name, literalType(p, index) ?? "");
    return ok;
  });
}

/** What an action's Promise gives: the value as the service sends it (a primitive wrapped in `{ value }`). */
function operationResult(o: Operation, v: Version, uses: Uses): string {
  const ret = o.returnType;
  if (!ret) return "void";
  // Edm.Stream, where the wire table tells the runtime so: the raw Response, never parsed as JSON.
  if (streamFacts(v).operations.has(o)) return "Response";
  const element = tsType({ ...ret.type, collection: false }, v, uses, { polymorphic: true });
  if (ret.type.collection) return `${uses.type("ODataCollection")}<${element}>`;
  if (v.index.structured.has(ret.type.name)) {
    const isEntity = v.index.structured.get(ret.type.name)?.kind === "entityType";
    return `${isEntity ? `${uses.type("ODataEntity")}<${element}>` : element}${ret.nullable ? " | undefined" : ""}`;
  }
  return `${uses.type("ODataValue")}<${ret.nullable ? `${element} | null` : element}>`;
}

/** The node a function's member returns: a collection node for a collection result, else a node with `get`. */
function functionResult(overloads: readonly Operation[], v: Version, uses: Uses): string {
  const first = overloads[0]!;
  const ret = first.returnType;
  if (ret?.type.collection && overloads.every((o) => o.returnType?.type.collection && o.returnType.type.name === ret.type.name)) {
    const element = tsType({ ...ret.type, collection: false }, v, uses, { polymorphic: true });
    return `${uses.type("FunctionCollectionNode")}<${element}, ${uses.type(v.names.query.get(ret.type.name) ?? "never")}>`;
  }
  const results = uniqueBy(overloads.map((o) => operationResult(o, v, uses)), (r) => r);
  // A single entity (or complex value) result takes its type's query options: $select, $expand.
  const query = ret !== undefined && !ret.type.collection && overloads.every((o) => o.returnType?.type.name === ret.type.name) ? v.names.query.get(ret.type.name) : undefined;
  return `${uses.type("FunctionNode")}<${results.join(" | ")}${query !== undefined ? `, ${uses.type(query)}` : ""}>`;
}

function paramType(p: Parameter, v: Version, uses: Uses): string {
  const t = tsType(p.type, v, uses, { polymorphic: true });
  return p.nullable && !p.type.collection ? `${t} | null` : t;
}

/** The TypeScript type of an entity's key: a primitive for one part, an object of its parts for several. */
export function keyParameter(parts: readonly { readonly name: string; readonly type: string }[]): { type: string } | undefined {
  if (parts.length === 0) return undefined;
  const tsKey = (edm: string): string => (edm === "Edm.Int64" ? "number | bigint" : EDM_TS[edm] === "number" ? "number" : EDM_TS[edm] === "boolean" ? "boolean" : "string");
  if (parts.length === 1) return { type: tsKey(parts[0]!.type) };
  return { type: `{ ${parts.map((p) => `readonly ${propertyKey(p.name)}: ${tsKey(p.type)}`).join("; ")} }` };
}

/** The root's members: singletons, entity sets, operation imports, in that order. */
function rootMembers(v: Version, uses: Uses): MemberView[] {
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  const out: MemberView[] = [];
  for (const s of container?.singletons ?? []) {
    const t = v.index.structured.get(s.type);
    if (!t || t.kind !== "entityType") continue;
    const name = memberName(v, { wire: s.name, place: "root", function: false });
    out.push({
      partial: "navigation",
      name,
      docLines: [...docLines(s.docs.description), ...docLines(`Singleton ${s.name}: ${singletonDoc(s.name, s.capabilities)}`), ...docLines(protocolNote(s.name, name))],
      // A singleton is never deleted, whatever its annotations say.
      type: restrictedType(false, t, { ...containerCapabilities(factsOf(v).overrides, s.name, s.capabilities), deletable: false }, v, uses, s.name),
    });
  }
  for (const s of container?.entitySets ?? []) {
    const t = v.index.structured.get(s.entityType);
    if (!t || t.kind !== "entityType") continue;
    const name = memberName(v, { wire: s.name, place: "root", function: false });
    out.push({
      partial: "navigation",
      name,
      docLines: [
        ...docLines(s.docs.description),
        ...docLines(`Entity set ${s.name}: ${entitySetDoc(v.docs, s.name, t, s.capabilities)}`),
        ...docLines(protocolNote(s.name, name)),
      ],
      type: restrictedType(true, t, containerCapabilities(factsOf(v).overrides, s.name, s.capabilities), v, uses, s.name),
    });
  }
  for (const imp of container?.operationImports ?? []) {
    const overloads = v.index.operations.get(imp.operation)?.filter((o) => !o.isBound) ?? [];
    if (overloads.length === 0) continue;
    const use: MemberUse = { wire: imp.name, place: "root", function: imp.kind === "functionImport" };
    out.push(withDoc(operationMember(overloads, v, uses, use), operationImportDoc(imp.name, overloads[0]!), imp.name));
  }
  return uniqueBy(out, (m) => m.name);
}

