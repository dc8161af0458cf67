/**
 * Plans `<version>/client.ts`: `createClient`, `startBatch`, the re-exports of the standalone features, and the
 * version's wire table, the facts the runtime's one generic node cannot derive from a member's name: how a
 * TypeScript name becomes a wire name (a rule and its exceptions), which operations are functions (with the
 * parameters whose literal a JavaScript value cannot tell), key types a value cannot tell, the operations' namespaces
 * and the entity sets whose key anchors a mailbox. Every key and value is printed as a string literal.
 */
import type { Operation } from "../model/types.js";
import { INFERABLE, literalType, RUNTIME_MODULE, Uses, wireTypeName, type ClientDefaults, type PlannedFile, type Version } from "./context.js";
import { importLines, relativeSpecifier } from "./imports.js";
import { ancestry, descendants, isStreamProperty, keyOf, type ModelIndex, type Structured } from "./index-model.js";
import { commentText, objectKey, OPERATION_NAMESPACES, stringLiteral, wireRule } from "./naming.js";
import { linkTargets } from "./nodes.js";
import { defaultKeyStyle, serviceProfile, type BatchProfile } from "./profiles.js";

export function clientPath(dir: string): string {
  return `${dir}client.ts`;
}

export function planClient(v: Version): PlannedFile {
  const uses = new Uses();
  const path = clientPath(v.dir);
  const profile = serviceProfile(v.input.model, v.input.label);
  const baseUrl = v.input.baseUrl ?? profile.baseUrl;
  for (const t of ["ClientOptions", "Batch", "BatchDefaults", "BatchOptions", "WireTable", "ServiceClient"]) uses.type(t);
  const { exceptions } = operationNamespaces(v);
  const namespaces = tableLines(exceptions.map(([wire, ns]) => entry(wire, stringLiteral(ns))), "  ");
  // A version with namespace exceptions refuses `qualifiedOperations: true`, in a root of its own, which others never bundle.
  const root = namespaces.length > 0 ? "namespacedRootNode" : "rootNode";
  for (const f of ["createContext", "createBatch", "nodeState", "rootNode", root]) uses.value(f);
  const reexports = reexported(v);
  return {
    path,
    template: "client/client",
    view: {
      header: v.header,
      imports: importLines(path, uses, v.symbols),
      reexports: reexports.sort().join(", "),
      runtimeSpecifier: relativeSpecifier(path, RUNTIME_MODULE),
      table: wireTable(v, profile.anchorUsersSet),
      // Where operations lie outside the default namespace: their table, exported, and the only `qualifiedOperations`
      // createClient's options take (besides false), as the runtime refuses `true` there.
      namespaces: namespaces.length > 0 ? { name: OPERATION_NAMESPACES, lines: namespaces } : undefined,
      root,
      optionsType: namespaces.length > 0 ? `ClientOptions<false | typeof ${OPERATION_NAMESPACES}>` : "ClientOptions",
      defaultBaseUrlDoc: commentText(baseUrl || "none: pass baseUrl"),
      ...defaultsView(baseUrl, profile.sendAnchorMailbox, withKeyStyle(v.input.client, defaultKeyStyle(v.input.model, v.input.label, v.input.client)), profile.bareFunctions === true),
      labelDoc: commentText(v.input.label),
      batch: batchDefaults(profile.batch),
    },
  };
}

function withKeyStyle(client: ClientDefaults | undefined, keyStyle: "parentheses" | "segment" | undefined): ClientDefaults | undefined {
  return keyStyle === undefined ? client : { ...client, keyStyle };
}

/** The runtime's standalone features the version re-exports: sync always, the others where the service has them. */
function reexported(v: Version): string[] {
  const out = ["request", "sync"];
  // bind, where a navigation that is no containment can take it (`$ref`, `@odata.bind`).
  if (linkTargets(v.index).size > 0) out.push("bind");
  if (v.support.extendedProperties) out.push("extendedProperty");
  if (v.support.extensions) out.push("extension");
  if (hasNotificationStream(v.index)) out.push("streamNotifications");
  return out;
}

/** What client.ts exports, for the version's index. */
export function clientExports(v: Version): string[] {
  const namespaces = operationNamespaces(v).exceptions.length > 0 ? [OPERATION_NAMESPACES] : [];
  return ["createClient", "startBatch", ...namespaces, ...reexported(v)];
}

/** Outlook's GetNotifications streams its result: the version then re-exports streamNotifications. */
function hasNotificationStream(index: ModelIndex): boolean {
  for (const ops of index.operations.values()) {
    if (ops.some((o) => o.isBound && o.kind === "action" && o.name.toLowerCase() === "getnotifications")) return true;
  }
  return false;
}

/** A table entry: `key: value` on one line, a nested object with one entry per line, or an array of strings. */
type Entry = { readonly key: string; readonly value: string } | { readonly key: string; readonly entries: readonly Entry[] } | { readonly key: string; readonly list: readonly string[] };

const entry = (key: string, value: string): Entry => ({ key: objectKey(key), value });

const nested = (key: string, entries: readonly Entry[]): Entry => ({ key: objectKey(key), entries });

/** The table's lines as prettier prints them: nested objects open one entry per line, arrays fill one line or break. */
function tableLines(entries: readonly Entry[], indent: string): string[] {
  return entries.flatMap((e): string[] => {
    if ("value" in e) return [`${indent}${e.key}: ${e.value},`];
    if ("list" in e) {
      const one = `${indent}${e.key}: [${e.list.join(", ")}],`;
      return one.length <= 120 ? [one] : [`${indent}${e.key}: [`, ...e.list.map((x) => `${indent}  ${x},`), `${indent}],`];
    }
    return [`${indent}${e.key}: {`, ...tableLines(e.entries, `${indent}  `), `${indent}},`];
  });
}

function wireTable(v: Version, anchorSet: string | undefined): string[] {
  const { index } = v;
  const { rule, names } = wireRule(v.members);
  const { rule: rootRule, names: roots } = wireRule(v.members.root);
  const { namespace, exceptions } = operationNamespaces(v);
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  const functions = functionTypes(v);

  // Per wire name, the key's types where a value cannot show them ("" where it can). A wire name whose targets disagree
  // (CAP's localized `texts` under Books, Int32 keys, and under Genres, Guid keys) is left out: its values are inferred,
  // as for any other name, rather than one target's key type applied to another's.
  const keyTypes = new Map<string, string | [string, string][] | null>();
  const addKey = (wire: string, typeName: string): void => {
    const t = index.structured.get(typeName);
    if (t?.kind !== "entityType") return;
    const parts = keyOf(index, t).properties.map((p): [string, string] => [p.name, wireTypeName(p.type.name, index)]);
    const k = parts.length === 0 || parts.every(([, type]) => INFERABLE.has(type)) ? "" : parts.length === 1 ? parts[0]![1] : parts;
    const seen = keyTypes.get(wire);
    if (seen === undefined) keyTypes.set(wire, k);
    else if (seen !== null && JSON.stringify(seen) !== JSON.stringify(k)) keyTypes.set(wire, null);
  };
  for (const s of container?.entitySets ?? []) addKey(s.name, s.entityType);
  for (const t of index.structured.values()) for (const n of t.navigationProperties) if (n.type.collection) addKey(n.name, n.type.name);
  const keys = new Map<string, string | [string, string][]>();
  for (const [wire, k] of keyTypes) if (k !== null && k !== "") keys.set(wire, k);

  const out: Entry[] = [entry("rule", stringLiteral(rule))];
  if (names.length > 0) out.push(nested("names", names.map(([ts, wire]) => entry(ts, stringLiteral(wire)))));
  if (rootRule !== rule) out.push(entry("rootRule", stringLiteral(rootRule)));
  if (roots.length > 0) out.push(nested("roots", roots.map(([ts, wire]) => entry(ts, stringLiteral(wire)))));
  if (functions.length > 0) {
    out.push(nested("functions", functions.map(([key, params]) => nested(key, [...params].map(([p, t]) => entry(p, stringLiteral(t)))))));
  }
  if (keys.size > 0) {
    out.push(
      nested(
        "keys",
        [...keys].map(([wire, k]) => (typeof k === "string" ? entry(wire, stringLiteral(k)) : nested(wire, k.map(([p, t]) => entry(p, stringLiteral(t)))))),
      ),
    );
  }
  if (namespace !== undefined) out.push(entry("namespace", stringLiteral(namespace)));
  // The exceptions are an export of their own (OPERATION_NAMESPACES), which only an app that qualifies bundles.
  if (exceptions.length > 0) out.push(entry("namespaces", stringLiteral(OPERATION_NAMESPACES)));
  const streams = streamFacts(v).entries;
  if (streams.length > 0) out.push({ key: "streams", list: streams.map(stringLiteral) });
  const anchors = anchorSet !== undefined && container?.entitySets.some((s) => s.name === anchorSet) ? [anchorSet] : [];
  if (anchors.length > 0) out.push({ key: "anchors", list: anchors.map(stringLiteral) });
  return tableLines(out, "  ");
}

/** What streamFacts finds: the table's entries, and what the node types may offer as streams. */
export interface StreamFacts {
  /** WireTable.streams, sorted. */
  readonly entries: readonly string[];
  /** `<declaring type>/<property>` of the stream properties the runtime cannot tell apart from a JSON property. */
  readonly unclear: ReadonlySet<string>;
  /** The operations returning Edm.Stream whose verb the runtime sends as a stream: typed `Response`. */
  readonly operations: ReadonlySet<Operation>;
}

const streamFactsOf = new WeakMap<Version, StreamFacts>();

/**
 * The wire table's `streams`: the names whose `get()` (and an action's `post()`) the runtime answers with the raw
 * Response rather than parsed JSON. A stream property (Edm.Stream) is its wire name where every property or navigation
 * of that name in the model is one, else `"<previous name segment>/<name>"` (as in `functions`: the wire name of the
 * entity set, singleton, navigation or complex property before it, or the qualified name of a cast; keys skipped)
 * for each previous name under which it is a stream wherever it can be addressed (the types the name addresses, with
 * inherited properties: a derived type's own are reached through a cast), else `"<name before it>/<previous name>/<name>"` for the pairs of names under which it is
 * one ("" before a root name: `"drives/items/content"`, where `items` alone also reaches an external item's complex
 * `content`). An operation returning Edm.Stream is written `<name>()` or `<previous name>/<name>()`
 * (unbound: `/<name>()`) by the same rule over the operations of that name. Whatever a previous name leaves unclear
 * is not in the table: such a stream property is typed `never`, such an operation keeps its JSON result type.
 */
export function streamFacts(v: Version): StreamFacts {
  const known = streamFactsOf.get(v);
  if (known) return known;
  const { index } = v;
  const entries: string[] = [];
  const unclear = new Set<string>();
  // Every property or navigation named x: true when all are single Edm.Stream properties.
  const everywhere = new Map<string, boolean>();
  const streamNames = new Set<string>();
  for (const t of index.structured.values()) {
    for (const p of t.properties) {
      const stream = isStreamProperty(p);
      if (stream) streamNames.add(p.name);
      everywhere.set(p.name, (everywhere.get(p.name) ?? true) && stream);
    }
    for (const n of t.navigationProperties) everywhere.set(n.name, false);
  }
  if (streamNames.size > 0) {
    // Each name a path can hold before a property: entity sets and singletons (owner undefined: at the root),
    // navigations and single complex properties (owner: the declaring type), with the type each addresses.
    const container = v.input.model.schemas.find((s) => s.container)?.container;
    const owners = new Map<string, { owner: Structured | undefined; target: Structured }[]>();
    const addName = (name: string, owner: Structured | undefined, typeName: string): void => {
      const target = index.structured.get(typeName);
      if (target === undefined) return;
      const list = owners.get(name);
      if (list) list.push({ owner, target });
      else owners.set(name, [{ owner, target }]);
    };
    for (const s of container?.entitySets ?? []) addName(s.name, undefined, s.entityType);
    for (const s of container?.singletons ?? []) addName(s.name, undefined, s.type);
    for (const t of index.structured.values()) {
      for (const n of t.navigationProperties) addName(n.name, t, n.type.name);
      for (const p of t.properties) if (!p.type.collection && index.structured.get(p.type.name)?.kind === "complexType") addName(p.name, t, p.type.name);
    }
    // The types a name addresses (its targets: a derived type's members are reached by a cast, itself a "name" here,
    // its qualified name, addressing that type), and every ancestor of those.
    const addressed = new Map<string, Set<Structured>>();
    for (const [name, list] of owners) addressed.set(name, new Set(list.map((o) => o.target)));
    for (const t of index.structured.values()) if (t.baseType !== undefined) addressed.set(t.qualifiedName, new Set([t]));
    const reached = new Map<string, Set<string>>();
    for (const [name, set] of addressed) reached.set(name, new Set([...set].flatMap((t) => ancestry(index, t).map((a) => a.qualifiedName))));
    // Per type: where x is declared (its nearest ancestor with a member x), and whether it is a stream property there;
    // only the stream names matter, each type's read once.
    const declared = new Map<Structured, Map<string, boolean>>();
    const declaredBy = (a: Structured): Map<string, boolean> => {
      let m = declared.get(a);
      if (m === undefined) {
        m = new Map();
        for (const q of a.navigationProperties) if (streamNames.has(q.name)) m.set(q.name, false);
        for (const q of a.properties) if (streamNames.has(q.name)) m.set(q.name, isStreamProperty(q));
        declared.set(a, m);
      }
      return m;
    };
    const lookup = (types: Iterable<Structured>, x: string): { declaring: Structured; stream: boolean }[] => {
      const found: { declaring: Structured; stream: boolean }[] = [];
      for (const t of types) {
        for (const a of ancestry(index, t)) {
          const stream = declaredBy(a).get(x);
          if (stream === undefined) continue;
          found.push({ declaring: a, stream });
          break;
        }
      }
      return found;
    };
    const names = [...addressed.keys()].sort();
    for (const x of [...streamNames].sort()) {
      if (everywhere.get(x) === true) {
        entries.push(x);
        continue;
      }
      for (const prev of names) {
        const found = lookup(addressed.get(prev)!, x);
        if (!found.some((f) => f.stream)) continue;
        if (found.every((f) => f.stream)) {
          entries.push(`${prev}/${x}`);
          continue;
        }
        // Unclear after one name: the two names before it, "<name before prev>/<prev>/<x>" ("" before a root name).
        const ownersOfPrev = owners.get(prev) ?? [];
        for (const before of ["", ...names]) {
          let types: Set<Structured> | undefined;
          for (const { owner, target } of ownersOfPrev) {
            if (owner === undefined ? before !== "" : before === "" || !reached.get(before)!.has(owner.qualifiedName)) continue;
            (types ??= new Set()).add(target);
          }
          if (types === undefined) continue;
          const pair = lookup(types, x);
          if (!pair.some((f) => f.stream)) continue;
          if (pair.every((f) => f.stream)) entries.push(`${before}/${prev}/${x}`);
          else {
            for (const f of pair) if (f.stream) unclear.add(`${f.declaring.qualifiedName}/${x}`);
          }
        }
      }
    }
  }
  const operations = new Set<Operation>();
  // Operation wire name → each use: the operation and the previous names it can follow.
  const uses = new Map<string, { op: Operation; prevs: string[] }[]>();
  const use = (wire: string, op: Operation, prevs: string[]): void => {
    const list = uses.get(wire);
    if (list) list.push({ op, prevs });
    else uses.set(wire, [{ op, prevs }]);
  };
  const isStream = (o: Operation): boolean => o.returnType?.type.name === "Edm.Stream" && !o.returnType.type.collection;
  // Only names some stream operation bears need telling apart (previousNames is not free on a large model).
  const streamOps = new Set<string>();
  for (const ops of index.operations.values()) for (const o of ops) if (isStream(o)) streamOps.add(o.name);
  for (const ops of index.operations.values()) {
    for (const o of ops) {
      const b = o.bindingParameter;
      if (o.isBound && b && streamOps.has(o.name)) use(o.name, o, previousNames(v, { type: b.type.name, collection: b.type.collection }));
    }
  }
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  for (const imp of container?.operationImports ?? []) {
    for (const o of index.operations.get(imp.operation)?.filter((x) => !x.isBound) ?? []) use(imp.name, o, [""]);
  }
  for (const wire of [...uses.keys()].sort()) {
    const list = uses.get(wire)!;
    if (!list.some((u) => isStream(u.op))) continue;
    if (list.every((u) => isStream(u.op))) {
      entries.push(`${wire}()`);
      for (const u of list) operations.add(u.op);
      continue;
    }
    const byPrev = new Map<string, boolean>();
    for (const u of list) for (const p of u.prevs) byPrev.set(p, (byPrev.get(p) ?? true) && isStream(u.op));
    for (const [p, stream] of [...byPrev].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (stream) entries.push(`${p}/${wire}()`);
    for (const u of list) if (isStream(u.op) && u.prevs.length > 0 && u.prevs.every((p) => byPrev.get(p) === true)) operations.add(u.op);
  }
  const facts: StreamFacts = { entries: entries.sort(), unclear, operations };
  streamFactsOf.set(v, facts);
  return facts;
}

/**
 * The lines of createContext's defaults object: the base URL, whether to send x-AnchorMailbox, and the config's
 * client defaults. Header names and values are the user's text: they are printed as string literals only, and the
 * doc names the headers without their values.
 */
/** Parameter wire name → the literal type the runtime cannot infer (literalType), for one binding of a function. */
/**
 * The namespaces bound operations are qualified with (`qualifiedOperations: true`): the default, the one most bound
 * operations have, and the exceptions. An operation name bound in several namespaces (Graph's `export`: security on
 * review sets, partners.billing on billing) gets a plain entry for the namespace most of its bindings have, and entries
 * keyed `"<previous name segment>/<operation>"` (as `functions`) for the bindings in another; a prefixed key that
 * bindings in different namespaces would share is left out.
 */
export function operationNamespaces(v: Version): { namespace?: string; exceptions: [string, string][] } {
  const byName = new Map<string, { ns: string; binding: Binding }[]>();
  const counts = new Map<string, number>();
  for (const ops of v.index.operations.values()) {
    for (const o of ops) {
      const b = o.bindingParameter;
      if (!o.isBound || !b) continue;
      const ns = o.qualifiedName.slice(0, o.qualifiedName.length - o.name.length - 1);
      counts.set(ns, (counts.get(ns) ?? 0) + 1);
      const binding: Binding = { type: b.type.name, collection: b.type.collection };
      byName.set(o.name, [...(byName.get(o.name) ?? []), { ns, binding }]);
    }
  }
  let namespace: string | undefined;
  for (const [ns, n] of counts) if (namespace === undefined || n > (counts.get(namespace) ?? 0)) namespace = ns;
  const exceptions: [string, string][] = [];
  for (const [wire, bindings] of byName) {
    const tally = new Map<string, number>();
    for (const { ns } of bindings) tally.set(ns, (tally.get(ns) ?? 0) + 1);
    let plain = bindings[0]!.ns;
    for (const [ns, n] of tally) if (n > (tally.get(plain) ?? 0)) plain = ns;
    if (plain !== namespace) exceptions.push([wire, plain]);
    // Every binding takes part, the plain namespace's too: a key that bindings in two namespaces share is left out.
    const prefixed = new Map<string, string | null>();
    if (tally.size > 1) {
      for (const { ns, binding } of bindings) {
        for (const before of previousNames(v, binding)) {
          const key = `${before}/${wire}`;
          const seen = prefixed.get(key);
          prefixed.set(key, seen === undefined || seen === ns ? ns : null);
        }
      }
    }
    for (const [key, ns] of prefixed) if (ns !== null && ns !== plain) exceptions.push([key, ns]);
  }
  return namespace === undefined ? { exceptions } : { namespace, exceptions };
}

type ParamTypes = ReadonlyMap<string, string>;

/** Where an operation can be called: the type of the nodes it is bound to (none for an unbound one, at the root). */
interface Binding {
  /** The binding parameter's type, or undefined for an operation import. */
  readonly type?: string;
  readonly collection: boolean;
}

/** A function's binding, with its parameters' literal types. */
interface FunctionBinding extends Binding {
  readonly params: ParamTypes;
  /** Every parameter the binding's overloads declare, typed in `params` or not. */
  readonly declared: ReadonlySet<string>;
}

/**
 * The wire table's `functions`: per function wire name, the parameters whose literal type the runtime cannot infer.
 * Where the bindings of one name give a parameter different types (Graph's filterByCurrentUser(on): each binding its
 * own enum), an entry per binding is keyed `"<previous name segment>/<function>"`: the wire name of each navigation,
 * entity set or singleton the call can follow (runtime node.ts, lastName: keys and casts are skipped), and the plain
 * entry keeps the parameters every binding agrees on. A prefixed key two bindings with different types would share is
 * left out: the runtime then infers the value's literal (a quoted string, OData 4.01's unprefixed enum form).
 */
export function functionTypes(v: Version): [string, ParamTypes][] {
  const { index } = v;
  const byName = new Map<string, FunctionBinding[]>();
  const add = (wire: string, o: Operation, binding: Binding): void => {
    const list = byName.get(wire) ?? [];
    const same = list.find((b) => b.type === binding.type && b.collection === binding.collection);
    const params = new Map(same?.params ?? []);
    const declared = new Set(same?.declared ?? []);
    for (const p of o.parameters) {
      const t = literalType(p, index);
      if (t !== undefined && !params.has(p.name)) params.set(p.name, t);
      declared.add(p.name);
    }
    byName.set(wire, [...list.filter((b) => b !== same), { ...binding, params, declared }]);
  };
  for (const ops of index.operations.values()) {
    for (const o of ops) {
      if (o.kind === "function" && o.isBound && o.bindingParameter) add(o.name, o, { type: o.bindingParameter.type.name, collection: o.bindingParameter.type.collection });
    }
  }
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  for (const imp of container?.operationImports ?? []) {
    for (const o of index.operations.get(imp.operation)?.filter((x) => !x.isBound && x.kind === "function") ?? []) add(imp.name, o, { collection: false });
  }
  const out: [string, ParamTypes][] = [];
  for (const [wire, bindings] of byName) {
    // A parameter some bindings type differently (or not at all where another does) is not the plain entry's.
    const conflicts = new Set<string>();
    for (const b of bindings) {
      for (const [p, t] of b.params) {
        if (bindings.some((o) => o !== b && o.params.get(p) !== t && o.declared.has(p))) conflicts.add(p);
      }
    }
    const plain = new Map<string, string>();
    for (const b of bindings) for (const [p, t] of b.params) if (!conflicts.has(p)) plain.set(p, t);
    if (plain.size > 0) out.push([wire, plain]);
    if (conflicts.size === 0) continue;
    const prefixed = new Map<string, ParamTypes | null>();
    for (const b of bindings) {
      for (const before of previousNames(v, b)) {
        const key = `${before}/${wire}`;
        const seen = prefixed.get(key);
        if (seen === undefined) prefixed.set(key, b.params);
        else if (seen !== null && !sameTypes(seen, b.params)) prefixed.set(key, null);
      }
    }
    for (const [key, params] of prefixed) if (params !== null && !sameTypes(params, plain)) out.push([key, params]);
  }
  return out;
}

function sameTypes(a: ParamTypes, b: ParamTypes): boolean {
  return a.size === b.size && [...a].every(([p, t]) => b.get(p) === t);
}

/**
 * The wire names a call of a function with this binding can follow as the path's last name segment: the entity sets
 * and collection navigations of a type related to the bound one (the same, derived, or a base reached by a cast), and
 * for a single binding also the singletons and single navigations. "" for an unbound function (the root).
 */
function previousNames(v: Version, b: Binding): string[] {
  if (b.type === undefined) return [""];
  const { index } = v;
  const bound = index.structured.get(b.type);
  if (!bound) return [];
  const lasts = lastNamesOf(v);
  const key = `${b.collection ? "c" : "s"}:${b.type}`;
  const known = lasts.byBinding.get(key);
  if (known !== undefined) return known;
  // The related types: the bound one, its ancestors (reached by a cast) and every type deriving from it.
  const related = [...ancestry(index, bound), ...descendants(index, bound)];
  const found: LastName[] = [];
  for (const t of related) {
    for (const l of lasts.byTarget.get(t.qualifiedName) ?? []) if (b.collection ? l.collection : true) found.push(l);
  }
  // In the order of a scan over the entity sets, then the singletons, then every type's navigations.
  found.sort((x, y) => x.order - y.order);
  const out = [...new Set(found.map((l) => l.name))];
  lasts.byBinding.set(key, out);
  return out;
}

/** A name a path can end with before a bound call: an entity set, a singleton or a navigation, by its target type. */
interface LastName {
  readonly name: string;
  /** Whether it addresses a collection (entity sets and collection navigations): a collection-bound call can follow only those. */
  readonly collection: boolean;
  /** Its place in the scan previousNames answers in. */
  readonly order: number;
}

interface LastNames {
  readonly byTarget: ReadonlyMap<string, readonly LastName[]>;
  /** previousNames' answers so far, by binding. */
  readonly byBinding: Map<string, string[]>;
}

const lastNames = new WeakMap<Version, LastNames>();

/** The version's entity sets, singletons and navigations by the type they address, computed once per version. */
function lastNamesOf(v: Version): LastNames {
  let lasts = lastNames.get(v);
  if (lasts) return lasts;
  const byTarget = new Map<string, LastName[]>();
  let order = 0;
  const add = (target: string, name: string, collection: boolean): void => {
    const list = byTarget.get(target);
    const l = { name, collection, order: order++ };
    if (list) list.push(l);
    else byTarget.set(target, [l]);
  };
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  for (const s of container?.entitySets ?? []) add(s.entityType, s.name, true);
  for (const s of container?.singletons ?? []) add(s.type, s.name, false);
  for (const t of v.index.structured.values()) for (const n of t.navigationProperties) add(n.type.name, n.name, n.type.collection);
  lasts = { byTarget, byBinding: new Map() };
  lastNames.set(v, lasts);
  return lasts;
}

/** The lines of startBatch's defaults (BatchDefaults): what the service profile knows of the service's $batch. */
function batchDefaults(batch: BatchProfile | undefined): string[] {
  if (batch === undefined) return [];
  const entries: Entry[] = [entry("format", stringLiteral(batch.format))];
  if (batch.path !== undefined) entries.push(entry("path", stringLiteral(batch.path)));
  entries.push(entry("maxPartsPerRequest", String(batch.maxPartsPerRequest)), entry("partUrls", stringLiteral(batch.partUrls)));
  return tableLines(entries, "  ");
}

function defaultsView(baseUrl: string, sendAnchorMailbox: boolean, client: ClientDefaults | undefined, bareFunctions: boolean): { defaults: string[]; extraDefaultsDoc: string } {
  const entries: Entry[] = [entry("baseUrl", stringLiteral(baseUrl)), entry("sendAnchorMailbox", sendAnchorMailbox ? "true" : "false")];
  const doc: string[] = [];
  if (client?.keyStyle !== undefined) {
    entries.push(entry("keyStyle", stringLiteral(client.keyStyle)));
    doc.push(`key style ${client.keyStyle}`);
  }
  if (bareFunctions) {
    entries.push(entry("bareFunctions", "true"));
    doc.push("functions without parameters called without parentheses");
  }
  const headers = Object.entries(client?.headers ?? {});
  if (headers.length > 0) {
    entries.push(nested("headers", headers.map(([k, v]) => entry(k, stringLiteral(v)))));
    doc.push(`headers ${headers.map(([k]) => k).join(", ")}`);
  }
  return { defaults: tableLines(entries, "  "), extraDefaultsDoc: commentText(doc.map((d) => `; ${d}`).join("")) };
}
