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
import { cutDocText } from "./docs.js";

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

/** Global names the generated modules refer to; a type must not shadow them. */
const GLOBALS_USED = [
  "Promise", "AsyncIterable", "Omit", "Partial", "Record", "Readonly", "ReadonlyArray", "Array", "Date", "Error",
  "Object", "String", "Number", "Boolean", "BigInt", "Symbol", "Function", "Map", "Set", "JSON", "Math",
  "Response", "BodyInit", "RequestInit", "AbortSignal", "Uint8Array", "ReadableStream", "Blob", "URL", "NonNullable",
];

/** Names the runtime exports and generated code imports; a type must not take them. */
export const RUNTIME_NAMES = [
  "ClientContext", "ClientOptions", "Path", "ODataEntity", "ODataCollection", "ODataAnnotations", "QueryOptions",
  "QueryShape", "RequestOptions", "Flags", "OrderBy", "KeyValue", "CallParam", "createContext", "getEntity",
  "listEntities", "listPages", "listAll", "countEntities", "createEntity", "updateEntity", "replaceEntity",
  "deleteEntity", "invokeAction", "invokeFunction", "getStream", "putStream", "unwrapValue", "ODataError",
  "isODataError", "isMailboxNotEnabledForRestApi", "DefinedExtendedProperty", "DefinedExtension",
  "ExtendedPropertyAccessor", "ExtensionAccessor", "extendedPropertyAccessor", "extensionAccessor", "MapiType",
  "MapiValue", "PropertyIdSpec", "ExtendedPropertyShape", "ExtensionShape", "ExtensionAnnotations",
  "ExtendedPropertyError", "createExtendedProperty", "createExtension", "expandExtendedProperties",
  "extendedPropertyValues", "formatPropertyId", "parsePropertyId", "encodeMapiValue", "decodeMapiValue",
  "Batch", "BatchOptions", "BatchResult", "BatchAddOptions", "BatchErrorCodes", "createBatch", "TimeoutError",
  "RetryOptions", "PreferOptions", "preferenceApplied", "syncRound", "SyncOptions", "SyncRound", "SyncChange",
  "SyncNotSupportedError", "streamNotifications", "StreamingOptions", "StreamingEvent", "createWebhookHandler",
  "parseNotification", "ParsedNotification", "WebhookHandler", "WebhookOptions", "JsonStreamError",
  "StreamingReconnectError", "NetworkError", "ODataBuilder", "ODataBuilderClass", "ODataEntityBuilder",
  "ODataCollectionBuilder", "RestrictedCollection", "ServiceClient", "createClient", "startBatch", "Tagged",
  "MaybeTagged", "RequestBody",
];

/** Names a type's companions take: Message → MessageQuery, AnyMessage, MessageBuilder, … */
export const companionNames = (typeName: string) =>
  ({
    query: `${typeName}Query`,
    any: `Any${typeName}`,
    builder: `${typeName}Builder`,
    collectionBuilder: `${typeName}CollectionBuilder`,
    derived: `${typeName}Derived`,
  }) as const;

const TYPE_NAME_RESERVED = new Set([...RESERVED_WORDS, ...GLOBALS_USED.map((n) => n.toLowerCase()), ...RUNTIME_NAMES.map((n) => n.toLowerCase())]);

/** Members no generated member may take, whatever its class: `then` would make a builder thenable. */
const ALWAYS_TAKEN = ["then", "constructor", "ctx", "path"];

/** Members of the runtime's builder base classes, which a navigation or operation must not shadow. */
const BASE_MEMBERS = [...ALWAYS_TAKEN, "cast", "callAction", "callActionValue", "callFunction", "callFunctionValue"];
export const ITEM_BUILDER_MEMBERS = [...BASE_MEMBERS, "get", "update", "delete", "getContent", "setContent"];
export const COLLECTION_BUILDER_MEMBERS = [...BASE_MEMBERS, "byId", "list", "pages", "items", "count", "create", "sync"];

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/** Keeps identifier characters only; anything else becomes `_`. Never empty. */
function sanitize(name: string): string {
  let out = "";
  for (const ch of name) out += IDENT_PART.test(ch) ? ch : "_";
  if (out === "" || !IDENT_START.test(out[0] ?? "")) out = `_${out}`;
  return out;
}

/** A type-level identifier: `message` → `Message`, `ms-graph.x` → `Ms_graph_x`. */
export function typeIdentifier(name: string): string {
  const s = sanitize(name);
  const upper = s[0] === "_" || s[0] === "$" ? s : s[0]!.toUpperCase() + s.slice(1);
  return TYPE_NAME_RESERVED.has(upper.toLowerCase()) ? `${upper}_` : upper;
}

/** A member identifier: `MailFolders` → `mailFolders`, `ReminderView` → `reminderView`. */
export function memberIdentifier(name: string): string {
  const s = sanitize(name);
  const lower = s[0]!.toLowerCase() + s.slice(1);
  return RESERVED_WORDS.has(lower) || ALWAYS_TAKEN.includes(lower) ? `${lower}_` : lower;
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

/**
 * A TypeScript string literal for any text; safe inside a template. Quoted as prettier quotes it: double quotes,
 * unless the text holds more double quotes than single ones.
 */
export function stringLiteral(value: string): string {
  // Most names need no escape at all: quoted as they are.
  if (/^[A-Za-z0-9_.#@$ /:-]*$/.test(value)) return `"${value}"`;
  const json = JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A JSON string for any text (package.json, tsconfig.json): always double quotes, as JSON requires. */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

/** Text for one comment line, of either kind: no line terminator, and it cannot close a block comment. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ").replace(/\*\//g, "*\\/");
}

/** Text for a `/** … *\/` comment: cannot close the comment, one entry per line; a very long text is cut (docs.ts). */
export function docLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  return cutDocText(text)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\*\//g, "*\\/").replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, " ").trimEnd())
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
  const reserved = new Set<string>([...(options.taken ?? [])].map(norm));
  const used = new Set<string>(reserved);
  const out = new Map<K, string>();
  for (const [key, preferred] of wanted) {
    let name = preferred;
    // A member reads better as `get_` than `get2` when a base class member has the name (siblings still number).
    if (options.underscoreFirst && reserved.has(norm(name))) name = `${preferred}_`;
    for (let i = 2; used.has(norm(name)); i++) name = `${preferred}${i}`;
    used.add(norm(name));
    out.set(key, name);
  }
  return out;
}

/** The module path of a version folder: `v2.0` → `v2.0`; anything unsafe becomes `_`. */
export function folderName(label: string): string {
  const s = label.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return s === "" ? "_" : s;
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
 * The members of the generated client's root, by `set:Name`, `single:Name` and `import:Name`: entity sets, singletons
 * and operation imports share one namespace beside the client's own `ctx` and `constructor`. The client and the
 * README's example both take their names from here.
 */
export function rootMemberNames(container: {
  readonly entitySets: readonly { readonly name: string }[];
  readonly singletons: readonly { readonly name: string }[];
  readonly operationImports: readonly { readonly name: string }[];
} | undefined): Map<string, string> {
  return allocate(
    [
      ...(container?.entitySets ?? []).map((s): readonly [string, string] => [`set:${s.name}`, memberIdentifier(s.name)]),
      ...(container?.singletons ?? []).map((s): readonly [string, string] => [`single:${s.name}`, memberIdentifier(s.name)]),
      ...(container?.operationImports ?? []).map((s): readonly [string, string] => [`import:${s.name}`, memberIdentifier(s.name)]),
    ],
    { caseInsensitive: false, taken: ["ctx", "constructor"] },
  );
}
