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
import { keyOf, type ModelIndex } from "./index-model.js";
import { commentText, objectKey, stringLiteral, wireRule } from "./naming.js";
import { serviceProfile } from "./profiles.js";

export function clientPath(dir: string): string {
  return `${dir}client.ts`;
}

export function planClient(v: Version): PlannedFile {
  const uses = new Uses();
  const path = clientPath(v.dir);
  const profile = serviceProfile(v.input.model, v.input.label);
  const baseUrl = v.input.baseUrl ?? profile.baseUrl;
  for (const t of ["ClientOptions", "Batch", "BatchOptions", "WireTable", "ServiceClient"]) uses.type(t);
  for (const f of ["createContext", "createBatch", "nodeState", "rootNode"]) uses.value(f);
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
      defaultBaseUrlDoc: commentText(baseUrl || "none: pass baseUrl"),
      ...defaultsView(baseUrl, profile.sendAnchorMailbox, v.input.client),
      labelDoc: commentText(v.input.label),
    },
  };
}

/** The runtime's standalone features the version re-exports: sync always, the others where the service has them. */
function reexported(v: Version): string[] {
  const out = ["sync"];
  if (v.support.extendedProperties) out.push("extendedProperty");
  if (v.support.extensions) out.push("extension");
  if (hasNotificationStream(v.index)) out.push("streamNotifications");
  return out;
}

/** What client.ts exports, for the version's index. */
export function clientExports(v: Version): string[] {
  return ["createClient", "startBatch", ...reexported(v)];
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

const entry = (key: string, value: string): Entry => {
  const k = objectKey(key);
  // A computed key (`["__proto__"]`) or a key that names a member of Object.prototype (`hasOwnProperty`) widens a
  // literal value's type to number: the table's `0` must stay the literal.
  const widens = k.startsWith("[") || OBJECT_MEMBERS.has(key);
  return { key: k, value: widens && value === "0" ? "0 as const" : value };
};
/** The names of Object.prototype's members, as TypeScript's Object interface declares them. */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set([
  "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
]);

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
  const functions = new Map<string, Map<string, string>>();
  const bare: string[] = [];
  const namespaces = new Map<string, string>();
  const addFunction = (wire: string, o: Operation): void => {
    const params = functions.get(wire) ?? new Map<string, string>();
    for (const p of o.parameters) {
      const t = literalType(p, index);
      if (t !== undefined && !params.has(p.name)) params.set(p.name, t);
    }
    functions.set(wire, params);
  };
  const actions = new Set<string>();
  for (const ops of index.operations.values()) {
    for (const o of ops) {
      if (!o.isBound) continue;
      const ns = o.qualifiedName.slice(0, o.qualifiedName.length - o.name.length - 1);
      if (!namespaces.has(o.name)) namespaces.set(o.name, ns);
      if (o.kind === "function") addFunction(o.name, o);
      else if (o.parameters.length === 0) actions.add(o.name);
    }
  }
  const container = v.input.model.schemas.find((s) => s.container)?.container;
  for (const imp of container?.operationImports ?? []) {
    for (const o of index.operations.get(imp.operation)?.filter((x) => !x.isBound) ?? []) {
      if (o.kind === "function") addFunction(imp.name, o);
      else if (o.parameters.length === 0) actions.add(imp.name);
    }
  }
  // An action called without parameters sends no body; one that is also a function elsewhere is called as one.
  for (const a of actions) if (!functions.has(a)) bare.push(a);

  // The default namespace: the one most operations have; the others are exceptions.
  const counts = new Map<string, number>();
  for (const ns of namespaces.values()) counts.set(ns, (counts.get(ns) ?? 0) + 1);
  let namespace: string | undefined;
  for (const [ns, n] of counts) if (namespace === undefined || n > (counts.get(namespace) ?? 0)) namespace = ns;

  const keys = new Map<string, string | [string, string][]>();
  const addKey = (wire: string, typeName: string): void => {
    const t = index.structured.get(typeName);
    if (keys.has(wire) || t?.kind !== "entityType") return;
    const parts = keyOf(index, t).properties.map((p): [string, string] => [p.name, wireTypeName(p.type.name, index)]);
    if (parts.length === 0 || parts.every(([, type]) => INFERABLE.has(type))) return;
    keys.set(wire, parts.length === 1 ? parts[0]![1] : parts);
  };
  for (const s of container?.entitySets ?? []) addKey(s.name, s.entityType);
  for (const t of index.structured.values()) for (const n of t.navigationProperties) if (n.type.collection) addKey(n.name, n.type.name);

  const out: Entry[] = [entry("rule", stringLiteral(rule))];
  if (names.length > 0) out.push(nested("names", names.map(([ts, wire]) => entry(ts, stringLiteral(wire)))));
  if (functions.size > 0) {
    out.push(
      nested(
        "functions",
        [...functions].map(([wire, params]) =>
          params.size === 0 ? entry(wire, "0") : nested(wire, [...params].map(([p, t]) => entry(p, stringLiteral(t)))),
        ),
      ),
    );
  }
  if (bare.length > 0) out.push({ key: "bare", list: bare.map(stringLiteral) });
  if (keys.size > 0) {
    out.push(
      nested(
        "keys",
        [...keys].map(([wire, k]) => (typeof k === "string" ? entry(wire, stringLiteral(k)) : nested(wire, k.map(([p, t]) => entry(p, stringLiteral(t)))))),
      ),
    );
  }
  if (namespace !== undefined) out.push(entry("namespace", stringLiteral(namespace)));
  const exceptions = [...namespaces].filter(([, ns]) => ns !== namespace);
  if (exceptions.length > 0) out.push(nested("namespaces", exceptions.map(([wire, ns]) => entry(wire, stringLiteral(ns)))));
  const anchors = anchorSet !== undefined && container?.entitySets.some((s) => s.name === anchorSet) ? [anchorSet] : [];
  if (anchors.length > 0) out.push({ key: "anchors", list: anchors.map(stringLiteral) });
  return tableLines(out, "  ");
}

/**
 * The lines of createContext's defaults object: the base URL, whether to send x-AnchorMailbox, and the config's
 * client defaults. Header names and values are the user's text: they are printed as string literals only, and the
 * doc names the headers without their values.
 */
function defaultsView(baseUrl: string, sendAnchorMailbox: boolean, client: ClientDefaults | undefined): { defaults: string[]; extraDefaultsDoc: string } {
  const entries: Entry[] = [entry("baseUrl", stringLiteral(baseUrl)), entry("sendAnchorMailbox", sendAnchorMailbox ? "true" : "false")];
  const doc: string[] = [];
  if (client?.keyStyle !== undefined) {
    entries.push(entry("keyStyle", stringLiteral(client.keyStyle)));
    doc.push(`key style ${client.keyStyle}`);
  }
  const headers = Object.entries(client?.headers ?? {});
  if (headers.length > 0) {
    entries.push(nested("headers", headers.map(([k, v]) => entry(k, stringLiteral(v)))));
    doc.push(`headers ${headers.map(([k]) => k).join(", ")}`);
  }
  return { defaults: tableLines(entries, "  "), extraDefaultsDoc: commentText(doc.map((d) => `; ${d}`).join("")) };
}
