/**
 * All naming lives here: how a name from the metadata becomes a TypeScript
 * identifier, a member name, a property key or a file name.
 *
 * Metadata is untrusted. Every identifier we emit passes through
 * `identifier()`, which keeps only identifier characters and steers clear of
 * reserved words and of the names the generated code itself uses. Clashes are
 * settled by `allocate()`, deterministically: names are taken in a fixed order
 * and a later one gets the suffix 2, 3, … Uniqueness is case-insensitive where
 * a name also names a file.
 */
import { createHash } from "node:crypto";
import { INVISIBLE } from "../diagnostics/diagnostic.js";
import type { ServiceModel } from "../model/types.js";
import { cutDocText, DOC_TEXT_LIMIT } from "./docs.js";
import { memberUses, type ModelIndex } from "./index-model.js";

const RESERVED_WORDS = new Set([
  // ECMAScript reserved words, strict-mode and contextual keywords
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "async",
  "arguments", "eval", "of", "get", "set",
  // TypeScript type keywords
  "any", "unknown", "never", "object", "string", "number", "boolean", "bigint", "symbol", "undefined", "type",
  "namespace", "module", "declare", "abstract", "as", "asserts", "infer", "is", "keyof", "readonly", "require",
  "unique", "global", "out", "satisfies", "accessor", "constructor",
]);

/**
 * The export of <version>/client.ts that lists the namespaces of the bound operations outside the version's default
 * one (OperationNamespaces), emitted where there are any; the user passes it as `qualifiedOperations`.
 */
export const OPERATION_NAMESPACES = "operationNamespaces";

/** Global names the generated modules refer to; a type must not shadow them. */
const GLOBALS_USED = [
  "Promise", "AsyncIterable", "Omit", "Partial", "Record", "Readonly", "ReadonlyArray", "Array", "Date", "Error",
  "Object", "String", "Number", "Boolean", "BigInt", "Symbol", "Function", "Map", "Set", "JSON", "Math",
  "Response", "BodyInit", "RequestInit", "AbortSignal", "Uint8Array", "ReadableStream", "Blob", "URL", "NonNullable",
];

/** Names the runtime exports and generated code imports; a type must not take them. */
export const RUNTIME_NAMES = [
  "ClientContext", "ClientOptions", "OperationNamespaces", "Path", "ODataEntity", "ODataCollection", "ODataAnnotations", "ODataValue",
  "QueryOptions", "QueryShape", "RequestOptions", "Flags", "OrderBy", "KeyValue", "KeyType", "CallParam",
  "createContext", "ODataError", "isODataError", "isMailboxNotEnabledForRestApi", "DefinedExtendedProperty",
  "DefinedExtension", "ExtendedPropertyAccessor", "ExtensionAccessor", "extendedProperty", "extension", "MapiType",
  "MapiValue", "PropertyIdSpec", "ExtendedPropertyShape", "ExtensionShape", "ExtensionAnnotations",
  "ExtendedPropertyError", "createExtendedProperty", "createExtension", "expandExtendedProperties",
  "extendedPropertyValues", "formatPropertyId", "parsePropertyId", "encodeMapiValue", "decodeMapiValue",
  "Batch", "BatchOptions", "BatchResult", "BatchAddOptions", "BatchErrorCodes", "createBatch", "TimeoutError",
  "RetryOptions", "PreferOptions", "preferenceApplied", "sync", "SyncOptions", "SyncRound", "SyncChange",
  "SyncNotSupportedError", "streamNotifications", "StreamingOptions", "StreamingEvent", "createWebhookHandler",
  "parseNotification", "ParsedNotification", "WebhookHandler", "WebhookOptions", "JsonStreamError",
  "StreamingReconnectError", "NetworkError", "WireTable", "rootNode", "namespacedRootNode", "nodeState", "NODE_VERBS", "EntityNode",
  "CollectionNode", "MediaNode", "FunctionNode", "FunctionCollectionNode", "Restrict", "RestrictedCollection", "Syncable",
  "ActionNode", "OptionalActionNode", "BareActionNode", "bind", "Bind", "Binds", "Accepts", "EntityRef", "LinkCollection", "Linked",
  "SingleLink", "RefCollectionNode", "RefNode", "RefMemberNode",
  // issue 12, opq:
  "WithRequired", "ReadsWith", "QueryWith", "NoQuery",
  // issue 12, streams:
  "StreamNode", "CountNode", "CountQuery", "PropertyNodes", "PropertyNode", "EntityNodeOf",
  "ComplexPropertyNode", "PrimitivePropertyNode", "CollectionPropertyNode", "StreamBody", "StreamOptions", "UploadOptions",
  "nodeAt", "ServiceClient",
  "createClient", "startBatch", "Tagged", "MaybeTagged", "RequestBody",
  // issue 12, batch:
  "BatchDefaults", "BatchPartUrls", "request", "ServiceRequest", "RequestPathError",
];

/** The affixes of a type's companions: Message → MessageQuery, AnyMessage, MessageNode, MessageCollection, … */
const COMPANION_AFFIXES = {
  query: ["", "Query"],
  any: ["Any", ""],
  node: ["", "Node"],
  collection: ["", "Collection"],
  members: ["", "Members"],
  collectionMembers: ["", "CollectionMembers"],
  casts: ["", "Casts"],
  collectionCasts: ["", "CollectionCasts"],
} as const satisfies Record<string, readonly [string, string]>;

type CompanionKind = keyof typeof COMPANION_AFFIXES;

/** Names a type's companions take: Message → MessageQuery, AnyMessage, MessageNode, MessageCollection, … */
export const companionNames = (typeName: string): Readonly<Record<CompanionKind, string>> =>
  Object.fromEntries(Object.entries(COMPANION_AFFIXES).map(([kind, [before, after]]) => [kind, `${before}${typeName}${after}`])) as Record<
    CompanionKind,
    string
  >;

// Compared as written: a version's types share one models.ts (no file is named after a type, so case-insensitive file
// systems no longer matter), and a PascalCase name never equals a keyword: `Case`, `Package` and `Extension` (beside
// the runtime's `extension`) keep their names.
const TYPE_NAME_RESERVED = new Set([...RESERVED_WORDS, ...GLOBALS_USED, ...RUNTIME_NAMES]);

/**
 * The object protocol: every member of Object.prototype, `then` (a member named so makes its object a thenable, which
 * `await` and Promise.resolve call) and `toJSON` (JSON.stringify calls it). A generated object (the client, a builder,
 * an enum's const object) that took one of these names would stop behaving as an object: a set named `toString`
 * makes `String(client)` throw. Such a member gets an underscore (`toString_`), and its doc says so (protocolNote).
 */
const OBJECT_PROTOCOL = [
  "constructor", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
  "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf", "then", "toJSON",
];

/**
 * The verbs every node of the runtime answers (templates/runtime/node.ts, NODE_VERBS; a test keeps the two lists equal).
 * The runtime resolves a verb when it is called, so a navigation or action may share a verb's name; what may not:
 * a function named after any verb (calling it would run the verb), and a member whose name is a verb of the node
 * interface it sits in (ENTITY_VERBS, COLLECTION_VERBS: the interface would declare the name twice). Such a member
 * gets an underscore (`count_`) and a `names` entry in the version's wire table.
 */
export const NODE_VERBS = [
  "get", "update", "replace", "delete", "list", "pages", "items", "count", "create", "byId", "cast", "getContent",
  "setContent", "post", "put", "then", "constructor", "toString", "toJSON", "valueOf",
] as const;

/** The verbs an entity node's interface declares (EntityNode, MediaNode, and `post` of an action node). */
export const ENTITY_VERBS: readonly string[] = ["get", "update", "replace", "delete", "cast", "getContent", "setContent", "post"];
/** The verbs a collection node's interface declares (CollectionNode, and `post`). */
export const COLLECTION_VERBS: readonly string[] = ["byId", "list", "pages", "items", "count", "create", "cast", "post"];

/** Where a member is declared: on the client (root), an entity node, or a collection node. */
export type MemberPlace = "root" | "entity" | "collection";

/** One place a wire name is a member: its kind there, and whether an action of the same name sits beside a function. */
export interface MemberUse {
  readonly wire: string;
  readonly place: MemberPlace;
  readonly function: boolean;
  /** A function that shares its interface with an action of the same name: the action keeps the plain name. */
  readonly besideAction?: boolean;
}

/** Whether a member whose plain TypeScript name is `plain` takes the renamed one where it is used so. */
export function renamedAt(plain: string, use: MemberUse): boolean {
  if (use.function && ((NODE_VERBS as readonly string[]).includes(plain) || use.besideAction === true)) return true;
  if (use.place === "entity") return ENTITY_VERBS.includes(plain);
  if (use.place === "collection") return COLLECTION_VERBS.includes(plain);
  return false;
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const PLAIN_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keeps identifier characters only; anything else becomes `_`. Never empty. */
function sanitize(name: string): string {
  // Most names are identifiers already (every character kept).
  if (PLAIN_IDENTIFIER.test(name)) return name;
  let out = "";
  for (const ch of name) out += IDENT_PART.test(ch) ? ch : "_";
  if (out === "" || !IDENT_START.test(out[0] ?? "")) out = `_${out}`;
  return out;
}

/** A type-level identifier: `message` → `Message`, `ms-graph.x` → `Ms_graph_x`. */
export function typeIdentifier(name: string): string {
  const s = sanitize(name);
  const upper = s[0] === "_" || s[0] === "$" ? s : s[0]!.toUpperCase() + s.slice(1);
  return TYPE_NAME_RESERVED.has(upper) ? `${upper}_` : upper;
}

/** A member identifier: `MailFolders` → `mailFolders`, `ReminderView` → `reminderView`. */
export function memberIdentifier(name: string): string {
  const lower = camel(name);
  return RESERVED_WORDS.has(lower) || OBJECT_PROTOCOL.includes(lower) ? `${lower}_` : lower;
}

/** A node member's name: memberIdentifier without the reserved-word escape (a property name may be `default`). */
function nodeMemberIdentifier(name: string): string {
  const lower = camel(name);
  return OBJECT_PROTOCOL.includes(lower) ? `${lower}_` : lower;
}

/** Identifier characters only, the first in lower case. */
function camel(name: string): string {
  const s = sanitize(name);
  return s[0]!.toLowerCase() + s.slice(1);
}

/**
 * The doc line of a member renamed because its name belongs to the object protocol (OBJECT_PROTOCOL), or undefined:
 * `Named toString_ here, as toString is a member every object has; the service's name toString is unchanged in URLs and JSON.`
 */
export function protocolNote(wireName: string, member: string): string | undefined {
  const plain = camel(wireName);
  if ((NODE_VERBS as readonly string[]).includes(plain) && !OBJECT_PROTOCOL.includes(plain) && member !== memberIdentifier(wireName)) {
    return `Named \`${member}\` here: ${plain} is a verb of the node it would sit on. The service's name ${wireName} is unchanged in URLs.`;
  }
  if (!OBJECT_PROTOCOL.includes(plain)) return undefined;
  const why = plain === "then" ? "a member named then makes an object a thenable" : plain === "toJSON" ? "JSON.stringify calls toJSON" : `${plain} is a member every object has`;
  return `Named \`${member}\` here: ${why}. The service's name ${wireName} is unchanged in URLs and JSON.`;
}

/**
 * The key of an enum member in the enum's const object, before quoting (objectKey) and clash numbering (allocate):
 * the member's name, with an underscore when it belongs to the object protocol (the value stays the member's name).
 */
export function enumMemberKey(name: string): string {
  return OBJECT_PROTOCOL.includes(name) ? `${name}_` : name;
}

/** A parameter or local variable name. */
export function localIdentifier(name: string): string {
  const m = memberIdentifier(name);
  return m === "ctx" || m === "options" || m === "query" || m === "params" || m === "body" ? `${m}_` : m;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key in an interface or object literal: bare when it can be, quoted otherwise. */
export function propertyKey(wireName: string): string {
  return PLAIN_KEY.test(wireName) ? wireName : stringLiteral(wireName);
}

/**
 * A key in an object literal (a value, not a type): `__proto__` must be
 * computed, or the literal would set the object's prototype instead.
 */
export function objectKey(wireName: string): string {
  return wireName === "__proto__" ? `[${stringLiteral(wireName)}]` : propertyKey(wireName);
}

// INVISIBLE (diagnostics/diagnostic.ts) names the characters no generated file holds raw: string literals carry them as
// `\u` escapes, comments and Markdown as a visible `\u202e`; identifiers never hold them (sanitize keeps ASCII only).

/** `\u202e` for each UTF-16 unit of an invisible character (surrogate pairs as two): what JS, TS and JSON strings read back. */
function escapeUnits(ch: string): string {
  let out = "";
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/** `\u202e`, `\u{e0001}`: an invisible character as text a reader sees (in a comment or a Markdown line). */
function visibleEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
}

/** Text with every invisible character (INVISIBLE) written as a visible escape; for comments and Markdown. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, visibleEscape);
}

/**
 * A TypeScript string literal for any text; safe inside a template. Quoted as prettier quotes it: double quotes,
 * unless the text holds more double quotes than single ones. Invisible characters (INVISIBLE) are escaped.
 */
export function stringLiteral(value: string): string {
  // Most names need no escape at all: quoted as they are.
  if (/^[A-Za-z0-9_.#@$ /:-]*$/.test(value)) return `"${value}"`;
  const json = jsonString(value);
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * A JSON string for any text (package.json, tsconfig.json): always double quotes, as JSON requires, and no
 * invisible character raw (JSON.stringify escapes only C0 controls and lone surrogates).
 */
export function jsonString(value: string): string {
  return JSON.stringify(value).replace(INVISIBLE, escapeUnits);
}

/** Text for one comment line, of either kind: no line terminator, it cannot close a block comment, no invisible character raw. */
export function commentText(text: string): string {
  return visibleText(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ").replace(/\*\//g, "*\\/"));
}

/** Printable ASCII only: no line break, control or invisible character (INVISIBLE holds none of these). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Text for a `/** … *\/` comment: cannot close the comment, one entry per line, no invisible character raw; a very
 * long text is cut (docs.ts).
 */
export function docLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const trimmed = text.trim();
  // Most docs are one line of printable ASCII: nothing to cut, split, replace or escape but a `*/`.
  if (trimmed.length <= DOC_TEXT_LIMIT && PRINTABLE_ASCII.test(trimmed)) {
    if (trimmed.length === 0) return [];
    return [trimmed.includes("*/") ? trimmed.replace(/\*\//g, "*\\/") : trimmed];
  }
  return cutDocText(trimmed)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => visibleText(l.replace(/\*\//g, "*\\/").replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, " ")).trimEnd())
    .filter((l, i, all) => l.length > 0 || (i > 0 && i < all.length - 1));
}

/**
 * Gives each key a unique name, in the order given. `preferred` is tried first,
 * then `preferred2`, `preferred3`, … Names in `taken` are never handed out.
 */
export function allocate<K>(
  wanted: readonly (readonly [K, string])[],
  options: { readonly caseInsensitive: boolean; readonly taken?: Iterable<string>; readonly underscoreFirst?: boolean },
): Map<K, string> {
  const norm = (n: string): string => (options.caseInsensitive ? n.toLowerCase() : n);
  // A set given for a case-sensitive allocation is read as it is, not copied: typeNames passes every name taken so
  // far (thousands) to each of its eight companion allocations.
  const reserved: ReadonlySet<string> =
    !options.caseInsensitive && options.taken instanceof Set ? options.taken : new Set<string>([...(options.taken ?? [])].map(norm));
  const used = new Set<string>();
  const out = new Map<K, string>();
  for (const [key, preferred] of wanted) {
    let name = preferred;
    let normal = norm(name);
    // A member reads better as `get_` than `get2` when a base class member has the name (siblings still number).
    if (options.underscoreFirst && reserved.has(normal)) normal = norm((name = `${preferred}_`));
    for (let i = 2; reserved.has(normal) || used.has(normal); i++) normal = norm((name = `${preferred}${i}`));
    used.add(normal);
    out.set(key, name);
  }
  return out;
}

/** The module path of a version folder: `v2.0` → `v2.0`; anything unsafe becomes `_`; long ones are cut (fitFileName). */
export function folderName(label: string): string {
  // No leading dots (`..`, a hidden folder) and no trailing one (Windows drops it: `v2.` would be `v2`).
  const s = label.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_").replace(/\.$/, "_");
  return fitFileName(s === "" ? "_" : s);
}

/** At most this many bytes of UTF-8 in a file or folder name we make, before its extension (file systems allow 255). */
const MAX_NAME_BYTES = 100;
/** Bytes kept of a name that is cut, before `_` and its hash. */
const CUT_NAME_BYTES = 80;

/** Names Windows keeps for devices, with any extension: `con.ts` cannot be created there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file or folder name within every file system's limits, for any name: one of more than MAX_NAME_BYTES bytes keeps
 * its first CUT_NAME_BYTES bytes (whole characters) and gets `_` and 12 hex digits of the SHA-256 of the whole name,
 * so it stays the same from run to run and apart from other names with the same beginning; a Windows device name
 * gets an underscore.
 */
function fitFileName(name: string): string {
  let out = name;
  if (utf8Length(name) > MAX_NAME_BYTES) {
    let kept = "";
    let bytes = 0;
    for (const ch of name) {
      bytes += utf8Length(ch);
      if (bytes > CUT_NAME_BYTES) break;
      kept += ch;
    }
    out = `${kept}_${createHash("sha256").update(name).digest("hex").slice(0, 12)}`;
  }
  return WINDOWS_DEVICE.test(out) ? `${out}_` : out;
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * The generated package's npm name when none is given: `outlook-rest-client` for the Outlook REST API, else the
 * last segment of the first service's first namespace, as an npm name, with `-client` (`Trippin` → `trippin-client`,
 * `microsoft.graph` → `graph-client`).
 */
export function defaultPackageName(namespaces: readonly string[]): string {
  if (namespaces.includes("Microsoft.OutlookServices")) return "outlook-rest-client";
  const last = (namespaces[0] ?? "").split(".").pop() ?? "";
  const base = last
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200);
  return base === "" ? "odata-client" : `${base}-client`;
}

/**
 * The TypeScript names of one version's members, by wire name, in two scopes: the root's (entity sets, singletons,
 * operation imports) and everything else's (navigations, bound operations). Within a scope, a plain name per wire
 * name, and for a wire name that clashes with a verb where it is used (renamedAt) a second, renamed one (`count_`).
 * Every TypeScript name maps back to one wire name in its scope, whatever node it is read on, so the wire table's
 * `roots` and `names` can map it; the scopes are apart because a service often names an entity set and a navigation
 * alike but for case (SAP CAP: `Tasks` and `tasks`, both `tasks` in TypeScript). Wire names are taken in the order
 * given; clashes within a scope (`Foo` and `foo`) are numbered by allocate.
 */
export interface MemberScope {
  readonly plain: ReadonlyMap<string, string>;
  readonly renamed: ReadonlyMap<string, string>;
}

export interface MemberNames extends MemberScope {
  readonly root: MemberScope;
}

const modelMembers = new WeakMap<ModelIndex, MemberNames>();

/** memberNames of every member use of a model (index-model.ts, memberUses), computed once per model's index. */
export function memberNamesOf(model: ServiceModel, index: ModelIndex): MemberNames {
  let names = modelMembers.get(index);
  if (!names) {
    names = memberNames(memberUses(model, index));
    modelMembers.set(index, names);
  }
  return names;
}

export function memberNames(uses: Iterable<MemberUse | string>): MemberNames {
  const list = [...uses].map((u): MemberUse => (typeof u === "string" ? { wire: u, place: "root", function: false } : u));
  return { ...memberScope(list.filter((u) => u.place !== "root")), root: memberScope(list.filter((u) => u.place === "root")) };
}

function memberScope(list: readonly MemberUse[]): MemberScope {
  const wires = [...new Set(list.map((u) => u.wire))];
  const plain = allocate(
    // A node member is only ever a property name, which may be a reserved word (`policy.default`, `items.import`).
    wires.map((w): readonly [string, string] => [w, nodeMemberIdentifier(w)]),
    { caseInsensitive: false, taken: OBJECT_PROTOCOL, underscoreFirst: true },
  );
  const wanted = [...new Set(list.filter((u) => renamedAt(plain.get(u.wire)!, u)).map((u) => u.wire))];
  const renamed = allocate(
    wanted.map((w): readonly [string, string] => [w, plain.get(w)!]),
    { caseInsensitive: false, taken: [...OBJECT_PROTOCOL, ...NODE_VERBS, ...plain.values()], underscoreFirst: true },
  );
  return { plain, renamed };
}

/** The TypeScript name of a member where it is used so ("" for a wire name memberNames was not given). */
export function memberName(names: MemberNames, use: MemberUse): string {
  const scope = use.place === "root" ? names.root : names;
  const plain = scope.plain.get(use.wire);
  if (plain === undefined) return "";
  return renamedAt(plain, use) ? (scope.renamed.get(use.wire) ?? plain) : plain;
}

/** A TypeScript member name as the rule "upper" makes it a wire name: its first character upper-cased. */
function upperFirst(name: string): string {
  return name === "" ? name : name[0]!.toUpperCase() + name.slice(1);
}

/**
 * The wire table's rule and exceptions: "same" (the TypeScript name is the wire name) or "upper" (its first character
 * upper-cased), whichever needs fewer exceptions ("same" on a tie); the exceptions map TypeScript name → wire name.
 */
export function wireRule(members: MemberScope | ReadonlyMap<string, string>): { rule: "same" | "upper"; names: [string, string][] } {
  const same: [string, string][] = [];
  const upper: [string, string][] = [];
  const pairs = members instanceof Map ? [...members] : [...(members as MemberScope).plain, ...(members as MemberScope).renamed];
  for (const [wire, ts] of pairs) {
    if (ts !== wire) same.push([ts, wire]);
    if (upperFirst(ts) !== wire) upper.push([ts, wire]);
  }
  return upper.length < same.length ? { rule: "upper", names: upper } : { rule: "same", names: same };
}

/** What typeNames needs of one declared type. */
export interface TypeNameEntry {
  readonly qualifiedName: string;
  readonly name: string;
  readonly structured: boolean;
  readonly entity: boolean;
  readonly hasDerived: boolean;
}

/** Names given to one version's declarations, by qualified name. */
export interface Names {
  readonly types: ReadonlyMap<string, string>;
  readonly query: ReadonlyMap<string, string>;
  readonly any: ReadonlyMap<string, string>;
  readonly node: ReadonlyMap<string, string>;
  readonly collection: ReadonlyMap<string, string>;
  readonly members: ReadonlyMap<string, string>;
  readonly collectionMembers: ReadonlyMap<string, string>;
  /** Only entity types with derived types: the qualified names their `cast` accepts, mapped to node types. */
  readonly casts: ReadonlyMap<string, string>;
  readonly collectionCasts: ReadonlyMap<string, string>;
}

/**
 * The type names of a version, its types given in declaration order (`firstNamespace`: the first schema's, whose
 * types keep their bare names when names clash). Companions (MessageQuery, MessageNode, …) never take a type's name.
 */
export function typeNames(entries: readonly TypeNameEntry[], firstNamespace: string | undefined): Names {
  const primary = entries.map((t): readonly [string, string] => [t.qualifiedName, typeIdentifier(t.name)]);
  // Qualify clashing names with their namespace's last segment before numbering them.
  const lowered = primary.map(([, n]) => n.toLowerCase());
  const counts = new Map<string, number>();
  for (const n of lowered) counts.set(n, (counts.get(n) ?? 0) + 1);
  const wanted = primary.map(([q, n], i): readonly [string, string] => {
    if ((counts.get(lowered[i]!) ?? 0) < 2) return [q, n];
    const ns = q.slice(0, q.lastIndexOf("."));
    const first = ns === firstNamespace ? "" : typeIdentifier(ns.slice(ns.lastIndexOf(".") + 1));
    return [q, `${first}${n}`];
  });
  const types = allocate(wanted, { caseInsensitive: false, taken: RUNTIME_NAMES });
  const taken = new Set([...types.values(), ...RUNTIME_NAMES]);
  const byName = new Map(entries.map((e) => [e.qualifiedName, e]));
  // The named types with their entries, listed once for the eight kinds below.
  const named = [...types].map(([q, n]) => ({ q, n, entry: byName.get(q)! }));
  // Each kind's names made as they are allocated: only for the types that have the companion (most are not entity types).
  const companion = (kind: CompanionKind, only: (e: TypeNameEntry) => boolean): Map<string, string> => {
    const [before, after] = COMPANION_AFFIXES[kind];
    const list: (readonly [string, string])[] = [];
    for (const { q, n, entry } of named) if (only(entry)) list.push([q, `${before}${n}${after}`]);
    const out = allocate(list, { caseInsensitive: false, taken });
    for (const n of out.values()) taken.add(n);
    return out;
  };
  return {
    types,
    // Only entity types are queried ($select, $expand); a complex type has no query shape.
    query: companion("query", (e) => e.entity),
    any: companion("any", (e) => e.structured && e.hasDerived),
    node: companion("node", (e) => e.entity),
    collection: companion("collection", (e) => e.entity),
    members: companion("members", (e) => e.entity),
    collectionMembers: companion("collectionMembers", (e) => e.entity),
    casts: companion("casts", (e) => e.entity && e.hasDerived),
    collectionCasts: companion("collectionCasts", (e) => e.entity && e.hasDerived),
  };
}
