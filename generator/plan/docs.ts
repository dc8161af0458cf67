/**
 * Doc comments computed from the model, for members the metadata describes or not: a property's EDM type and the
 * facts its annotations state (key, read-only, required on create, not filterable or sortable); a navigation's or
 * an operation's HTTP methods and URL shape. Short on purpose: one line each, after any metadata description.
 *
 * The text returned is plain; the caller passes it through docLines (naming.ts), which keeps it inside its comment.
 */
import type { Annotation, AnnotationValue, Capabilities, EntityType, NavigationProperty, Operation, Property, ServiceModel, TypeRef } from "../model/types.js";
import { ancestry, keyOf, type ModelIndex, type Structured } from "./index-model.js";

/**
 * The longest metadata text a doc comment carries, in UTF-16 code units (Microsoft Graph's longest description has
 * 849). A comment is read in an editor's hover; a description of megabytes would otherwise be copied into the plan,
 * the rendered file, the formatter and the output.
 */
export const DOC_TEXT_LIMIT = 16_000;

/** The text, or its first DOC_TEXT_LIMIT code units and a line saying how much the metadata holds beyond them. */
export function cutDocText(text: string): string {
  if (text.length <= DOC_TEXT_LIMIT) return text;
  // Never between the two halves of a surrogate pair.
  const cut = /[\ud800-\udbff]/.test(text[DOC_TEXT_LIMIT - 1]!) ? DOC_TEXT_LIMIT - 1 : DOC_TEXT_LIMIT;
  return `${text.slice(0, cut)}…\n[cut after ${cut} characters: the metadata's text has ${text.length - cut} more]`;
}

const CORE = "Org.OData.Core.V1";
const CAPABILITIES = "Org.OData.Capabilities.V1";

/** What the docs of one model need, computed once per model. */
export interface DocContext {
  readonly index: ModelIndex;
  /** entity type → the collection it is usually addressed through (an entity set or a collection navigation) */
  readonly collections: ReadonlyMap<string, string>;
  /** entity type → properties a FilterRestrictions / SortRestrictions annotation on a collection of it excludes */
  readonly nonFilterable: ReadonlyMap<string, ReadonlySet<string>>;
  readonly nonSortable: ReadonlyMap<string, ReadonlySet<string>>;
  /** Keys as the client sends them by default: as a segment (`…/users/{id}`), else in parentheses. */
  readonly segmentKeys?: boolean;
}

const contexts = new WeakMap<ServiceModel, DocContext>();

export function docContext(model: ServiceModel, index: ModelIndex, keyStyle?: "parentheses" | "segment"): DocContext {
  let c = contexts.get(model);
  if (!c) {
    c = buildContext(model, index);
    contexts.set(model, c);
  }
  return keyStyle === "segment" ? { ...c, segmentKeys: true } : c;
}

function buildContext(model: ServiceModel, index: ModelIndex): DocContext {
  const collections = new Map<string, string>();
  const nonFilterable = new Map<string, Set<string>>();
  const nonSortable = new Map<string, Set<string>>();
  const note = (type: string, annotations: readonly Annotation[]): void => {
    for (const [term, prop, into] of [
      ["FilterRestrictions", "NonFilterableProperties", nonFilterable],
      ["SortRestrictions", "NonSortableProperties", nonSortable],
    ] as const) {
      for (const path of restrictedPaths(annotations, term, prop)) {
        const set = into.get(type) ?? new Set<string>();
        set.add(path);
        into.set(type, set);
      }
    }
  };
  const container = model.schemas.find((s) => s.container)?.container;
  for (const s of container?.entitySets ?? []) {
    if (!collections.has(s.entityType)) collections.set(s.entityType, s.name);
    note(s.entityType, s.annotations);
  }
  for (const t of index.structured.values()) {
    for (const n of t.navigationProperties) {
      if (n.type.collection && !collections.has(n.type.name)) collections.set(n.type.name, n.name);
      note(n.type.name, n.annotations);
    }
  }
  return { index, collections, nonFilterable, nonSortable };
}

function restrictedPaths(annotations: readonly Annotation[], term: string, property: string): string[] {
  const a = annotations.find((x) => x.term === `${CAPABILITIES}.${term}` && x.qualifier === undefined);
  if (a?.value.kind !== "record") return [];
  const list = a.value.properties.find((p) => p.name === property)?.value;
  return list?.kind === "collection" ? list.items.flatMap((i: AnnotationValue) => (i.kind === "path" ? [i.value] : [])) : [];
}

function flag(annotations: readonly Annotation[], term: string): boolean {
  if (annotations.length === 0) return false;
  const qualified = `${CORE}.${term}`;
  const a = annotations.find((x) => x.term === qualified && x.qualifier === undefined);
  if (!a) return false;
  // A bare annotation means true; Bool="false" turns it off.
  return a.value.kind === "empty" || (a.value.kind === "constant" && a.value.value !== "false");
}

/** `Edm.String`, `Collection(Recipient)`: EDM names in full, model types by their own name. */
function typeText(t: TypeRef): string {
  const name = t.name.startsWith("Edm.") ? t.name : t.name.slice(t.name.lastIndexOf(".") + 1);
  return t.collection ? `Collection(${name})` : name;
}

/** A structural property: `Edm.DateTimeOffset, read-only, not filterable.` */
export function propertyDoc(c: DocContext, owner: Structured, p: Property): string {
  const facts = [typeText(p.type)];
  const isKey = owner.kind === "entityType" && keyNames(c, owner).has(p.name);
  const computed = flag(p.annotations, "Computed");
  if (isKey) facts.push("key");
  if (computed) facts.push("read-only");
  else if (flag(p.annotations, "Immutable")) facts.push("set on create only");
  if (owner.kind === "entityType" && !isKey && !computed && !p.nullable && !p.type.collection && p.defaultValue === undefined) {
    facts.push("required on create");
  }
  if (c.nonFilterable.get(owner.qualifiedName)?.has(p.name)) facts.push("not filterable");
  if (c.nonSortable.get(owner.qualifiedName)?.has(p.name)) facts.push("not sortable");
  // Concatenated rather than joined: join gives a string of two bytes per character when a part is a name V8 has
  // internalized since (EDM_TS[name]), and the rendered text built from it then is one too (render.ts, compact).
  let text = facts[0]!;
  for (let i = 1; i < facts.length; i++) text += `, ${facts[i]}`;
  return `${text}.`;
}

/** A navigation property in a model interface: `Navigation: Collection(Attachment), contained.` */
export function navigationPropertyDoc(n: NavigationProperty): string {
  return `Navigation: ${typeText(n.type)}${n.containsTarget ? ", contained" : ""}.`;
}

const keySets = new WeakMap<EntityType, ReadonlySet<string>>();

/**
 * The key's property names, as a set made once per type: each of a type's properties asks, so the set is found by
 * the type in one look-up (keyOf's memo takes two more).
 */
function keyNames(c: DocContext, t: EntityType): ReadonlySet<string> {
  let set = keySets.get(t);
  if (!set) {
    set = new Set(keyOf(c.index, t).names);
    keySets.set(t, set);
  }
  return set;
}

/**
 * `('{Id}')`, `({Id})`, `(A='{A}',B={B})`: the key predicate with placeholders, quoted where the key is a string; `/{Id}`
 * where the client sends a single key as a segment (a compound key stays in parentheses, as the runtime sends it).
 */
function keyPredicate(c: DocContext, t: EntityType): string {
  const parts = keyOf(c.index, t).properties;
  if (parts.length === 0) return "";
  if (c.segmentKeys === true && parts.length === 1) return `/{${parts[0]!.name}}`;
  const value = (p: Property): string => {
    const edm = c.index.typeDefinitions.get(p.type.name)?.underlyingType ?? p.type.name;
    return edm === "Edm.String" ? `'{${p.name}}'` : `{${p.name}}`;
  };
  if (parts.length === 1) return `(${value(parts[0]!)})`;
  return `(${parts.map((p) => `${p.name}=${value(p)}`).join(",")})`;
}

/** The usual address of a collection of type `t`: `…/Messages` (the first entity set or collection of it or a base). */
function collectionAddress(c: DocContext, t: EntityType): string {
  const via = ancestry(c.index, t)
    .map((a) => c.collections.get(a.qualifiedName))
    .find((n) => n !== undefined);
  return `…/${via ?? t.name}`;
}

/** The usual address of one entity of type `t`: `…/Messages('{Id}')`. */
function entityAddress(c: DocContext, t: EntityType): string {
  return `${collectionAddress(c, t)}${keyPredicate(c, t)}`;
}

function collectionMethods(cap: Capabilities): string {
  return [...(cap.readable === false ? [] : ["GET"]), ...(cap.insertable === false ? [] : ["POST"])].join(", ");
}

function entityMethods(cap: Capabilities): string {
  return [
    ...(cap.readable === false ? [] : ["GET"]),
    ...(cap.updatable === false ? [] : ["PATCH"]),
    ...(cap.deletable === false ? [] : ["DELETE"]),
  ].join(", ");
}

/** A navigation getter on a builder: `GET, POST …/Messages('{Id}')/Attachments`. */
export function navigationDoc(c: DocContext, owner: EntityType, n: NavigationProperty): string {
  const methods = n.type.collection ? collectionMethods(n.capabilities) : entityMethods(n.capabilities);
  return `${methods} ${entityAddress(c, owner)}/${n.name}`.trim();
}

/**
 * A bound operation: `POST …/Messages('{Id}')/Reply`, `GET …/Users('{Id}')/ReminderView(StartDateTime=…,EndDateTime=…)`,
 * and on a collection `…/Messages/Delta`.
 */
export function operationDoc(c: DocContext, owner: EntityType, collection: boolean, o: Operation): string {
  const at = collection ? collectionAddress(c, owner) : entityAddress(c, owner);
  return `${o.kind === "action" ? "POST" : "GET"} ${at}/${operationSegment(o)}`;
}

/** An operation import on the service root: `POST …/ResetAll`, `GET …/GetNearestAirport(lat=…,lon=…)`. */
export function operationImportDoc(name: string, o: Operation): string {
  return `${o.kind === "action" ? "POST" : "GET"} …/${operationSegment({ ...o, name })}`;
}

/** An operation's last URL segment: `Reply`, or `ReminderView(StartDateTime=…,EndDateTime=…)` for a function. */
export function operationSegment(o: Pick<Operation, "kind" | "name" | "parameters">): string {
  if (o.kind === "action") return o.name;
  return `${o.name}(${o.parameters.map((p) => `${p.name}=…`).join(",")})`;
}

/** A singleton on the root: `GET, PATCH …/Me`. */
export function singletonDoc(name: string, cap: Capabilities): string {
  return `${entityMethods({ ...cap, deletable: false })} …/${name}`;
}

/** An entity set on the root: `GET, POST …/Users; GET, PATCH, DELETE …/Users('{Id}')`. */
export function entitySetDoc(c: DocContext, name: string, t: EntityType, cap: Capabilities): string {
  const item = entityMethods({ ...(cap.updatable === false ? { updatable: false } : {}), ...(cap.deletable === false ? { deletable: false } : {}) });
  return `${collectionMethods(cap)} …/${name}; ${item} …/${name}${keyPredicate(c, t)}`;
}
