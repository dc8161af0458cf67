// Runtime of the generated OData client. Hand-written; copied verbatim by codegen.
//
// One generic node builds every URL: `client.me.messages.byId(id).get()` walks a Proxy whose property reads add
// segments and whose verbs send. The generated node types are interfaces only, so a bundle holds this module and one
// small per-version WireTable, and nothing that grows with the model.
import type { ClientContext, OperationNamespaces } from "./context.js";
import { discard } from "./errors.js";
import { countEntities, deleteEntity, getStream, listAll, listPages, putBody, sendJson, sendTo } from "./http.js";
import { Path, type CallParam, type KeyType, type KeyValue, type Segment } from "./path.js";
import { sendRef } from "./refs.js";
import type {
  ODataCollection,
  ODataEntity,
  ODataValue,
  QueryOptions,
  QueryShape,
  RequestBody,
  RequestOptions,
  StreamBody,
  StreamOptions,
  UploadOptions,
} from "./types.js";
import { renderPath } from "./url.js";

/** Per-version facts the URL builder cannot derive from a name. Generated as a const in <version>/client.ts. */
export interface WireTable {
  /** How a TypeScript member name becomes its wire name: "same", or "upper" (first character upper-cased). */
  readonly rule: "same" | "upper";
  /** TypeScript name → wire name, only where `rule` gives the wrong one (escaped or renamed members). */
  readonly names?: Readonly<Record<string, string>>;
  /**
   * The same for the root's members (entity sets, singletons, operation imports), which often follow another rule
   * than navigations (SAP CAP: entity set `Tasks`, navigation `tasks`). `rootRule` defaults to `rule`.
   */
  readonly rootRule?: "same" | "upper";
  readonly roots?: Readonly<Record<string, string>>;
  /**
   * Functions (bound or unbound) with a parameter whose URL literal cannot be inferred from the JS value: function
   * wire name → { parameter wire name → Edm type or enum qualified name, "Collection(...)" allowed }. A key may also be
   * "<name>/<function>", where <name> is the wire name of the last name segment before the call (keys and casts
   * skipped): looked up first, for parameters whose type differs per binding. Calling any node (but a verb's) makes a
   * function-call segment; actions are sent with the `post` verb.
   */
  readonly functions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Wire name of an entity set or navigation → its key's type (KeyType), only where not inferable from the JS value
   * (anything but Edm.String with a string / an integer type with a number).
   */
  readonly keys?: Readonly<Record<string, KeyType>>;
  /**
   * Namespace of bound operations, for `qualifiedOperations`: the default. Where some operations lie in other
   * namespaces, `namespaces` names the version's export that lists them (OperationNamespaces), to be passed as
   * `qualifiedOperations` instead of `true`, which the client then refuses.
   */
  readonly namespace?: string;
  readonly namespaces?: string;
  /**
   * What `get()` (and an action's `post()`) answers with the raw Response, never parsed: stream properties by wire
   * name, operations returning Edm.Stream as "<name>()"; either may follow the one or two name segments before it
   * ("<name>/…", "<name>/<name>/…"; keys skipped, a cast by its qualified name, "" for another segment), looked up
   * first.
   * A path ending in `$value` is always a stream.
   */
  readonly streams?: readonly string[];
  /** Wire names of entity sets whose string key names a mailbox (x-AnchorMailbox): Outlook's "Users". */
  readonly anchors?: readonly string[];
}

/** What a node addresses: the client's context, its path, and the version's wire table. */
export interface NodeState {
  readonly ctx: ClientContext;
  readonly path: Path;
  readonly table: WireTable;
}

/**
 * Member names every node reserves: its verbs, and the names JavaScript itself reads from an object. A verb is
 * resolved when it is called: read as a property, any of the verbs is a child node like any other name (Graph has
 * navigations named `items`, `list`, `pages`), and calling that child runs the verb on its parent node. Only the last
 * five are never nodes. A function whose TypeScript name is a verb gets another name (and a WireTable `names` entry).
 */
export const NODE_VERBS = [
  "get",
  "update",
  "replace",
  "delete",
  "list",
  "pages",
  "items",
  "count",
  "create",
  "byId",
  "cast",
  "getContent",
  "setContent",
  "post",
  "put",
  "then",
  "constructor",
  "toString",
  "toJSON",
  "valueOf",
] as const;

/** The state of a node; for a name segment also the node it was read from, the member name and its wire name. */
interface State extends NodeState {
  readonly up?: State | undefined;
  readonly key?: string;
  readonly wire?: string;
}

/** Node → state. Kept apart from the node, so nothing reachable from it (inspect, JSON) shows the context. */
const states = /* @__PURE__ */ new WeakMap<object, State>();

/** The client object: the root node of a service (typed by the caller, `rootNode<ServiceClient>(ctx, TABLE)`). */
export function rootNode<R>(ctx: ClientContext, table: WireTable): R {
  return nodeAt(ctx, table, Path.root()) as R;
}

/**
 * rootNode for a version whose bound operations lie in several namespaces (the table's `namespaces` names the export
 * that lists them): `qualifiedOperations: true` would qualify some wrongly, so it is refused with a TypeError naming
 * that export. Apart from rootNode so that the clients of other versions do not bundle the check.
 */
export function namespacedRootNode<R>(ctx: ClientContext, table: WireTable): R {
  if (ctx.options.qualifiedOperations === true && table.namespaces) {
    throw new TypeError(`qualifiedOperations: pass ${table.namespaces}`);
  }
  return rootNode(ctx, table);
}

/** A node for any path: what Batch.ref hands out. */
export function nodeAt(ctx: ClientContext, table: WireTable, path: Path): unknown {
  return makeNode({ ctx, path, table });
}

/** The context, path and wire table of a node; a TypeError for anything else. */
export function nodeState(node: unknown): NodeState {
  const state = (typeof node === "function" && states.get(node)) || undefined;
  if (!state) throw new TypeError("Expected a node of a generated client, e.g. client.me.messages");
  return state;
}

/** `record[key]` when the record has that own property; never a value from the prototype chain. */
function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

function makeNode(state: State): unknown {
  // The target is a fresh arrow function: callable (for the apply trap) and without a non-configurable `prototype`,
  // so every property read can go to the get trap; named so that console.log shows `[Function: ODataNode]` (inspect
  // shows a proxy's target, never the state; minifiers may drop the name). Writes of any kind are refused.
  const node: object = new Proxy({ ODataNode: () => undefined }.ODataNode, {
    get: (_, key) => (typeof key === "string" ? member(state, key) : undefined),
    apply: (_, __, args: unknown[]) => call(state, args),
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
    setPrototypeOf: refuse,
    preventExtensions: refuse,
  });
  states.set(node, state);
  return node;
}

const refuse = (): boolean => false;

/** A property read: a child node for any name (verbs too: see NODE_VERBS), except the names JavaScript reads. */
function member(s: State, key: string): unknown {
  switch (key) {
    case "then": // a node is never thenable: `await node` gives the node
    case "constructor":
    case "valueOf":
      return undefined;
    case "toString":
      return () => describe(s);
    case "toJSON":
      return () => ({ path: describe(s) });
    case "call":
    case "apply":
    case "bind":
      // A verb read from a node is a method to TypeScript: Function.prototype's call, apply and bind work on it.
      if (own(VERBS, s.key!)) {
        const verb = (...a: any[]) => call(s, a);
        return verb[key].bind(verb);
      }
  }
  const { table, path } = s;
  const root = path.segments.length === 0;
  const rule = root ? (table.rootRule ?? table.rule) : table.rule;
  const wire =
    own(root ? table.roots : table.names, key) ?? (rule === "upper" ? key.charAt(0).toUpperCase() + key.slice(1) : key);
  let next = path.nav(wire);
  // The key of an anchoring entity set (Outlook's Users) names the mailbox the request goes to.
  if (root && table.anchors?.includes(wire)) next = next.anchoredByKey();
  return makeNode({ ctx: s.ctx, path: next, table, up: s, key, wire });
}

type Args = any[];

/**
 * What each verb does with the node `n` it was read from and the arguments it was called with. The verbs of
 * NODE_VERBS, but for the five names JavaScript reads.
 */
const VERBS: Readonly<Record<string, (n: State, a: Args) => unknown>> = {
  // `…/$count` gives a number, a stream (see streamed) the Response (a function call's takes its request options
  // second); a single-valued navigation's `$ref` takes no query options; any other node, a function call's too (its
  // result takes the query options of its type), reads JSON.
  get: (n, a) =>
    n.wire === "$count"
      ? countEntities(n.ctx, n.up!.path, a[1], a[0])
      : streamed(n.table, n.path)
        ? isCall(n.path)
          ? getStream(n.ctx, n.path, a[1], a[0])
          : getStream(n.ctx, n.path, a[0])
        : n.wire === "$ref"
          ? read(n, undefined, a[0])
          : read(n, a[0], a[1]),
  list: (n, a) => read(n, a[0], a[1]),
  update: (n, a) => write(n, "PATCH", a),
  replace: (n, a) => write(n, "PUT", a),
  // On a `$ref` node it removes a reference, never an entity.
  delete: (n, a) => (n.wire == "$ref" ? sendRef(n, "DELETE", a) : deleteEntity(n.ctx, n.path, a[0])),
  pages: (n, a) => listPages(n.ctx, n.path, a[0], a[1]),
  items: (n, a) => listAll(n.ctx, n.path, a[0], a[1]),
  count: (n, a) => countEntities(n.ctx, n.path, a[0]),
  create: (n, a) => write(n, "POST", a),
  byId: (n, a) => child(n, n.path.key(a[0], own(n.table.keys, lastName(n.path.segments)) ?? "")),
  cast: (n, a) => child(n, n.path.cast(a[0])),
  getContent: (n, a) => getStream(n.ctx, n.path.nav("$value"), a[0]),
  setContent: (n, a) => putBody(n.ctx, n.path.nav("$value"), a[0], { ...a[2], contentType: a[1] }).then(discard),
  // An action: POST to the operation the node's last segment names, with the body as JSON (none when undefined); an
  // action returning Edm.Stream answers with the raw Response. On a `$ref` node, which names no operation, it adds a
  // reference.
  post: (n, a) => (n.wire === "$ref" ? sendRef(n, "POST", a) : act(n, a)),
  // issue 12, refs and streams:
  // Sets a single-valued navigation's reference (`nav.$ref.put(bind(node))`); uploads a stream (`content.put(blob)`).
  put: (n, a) => (n.wire === "$ref" ? sendRef(n, "PUT", a) : putBody(n.ctx, n.path, a[0], a[1])),
};

/**
 * Whether the path ends in a stream: `$value`, or a name or operation ("<name>()") the wire table lists in `streams`,
 * after the two or the one segment before it (keys skipped, a cast by its qualified name), or alone.
 */
function streamed(table: WireTable, path: Path): boolean {
  const [a, b, last] = [
    "",
    "",
    ...path.segments.flatMap((s) =>
      s.kind === "key" ? [] : s.kind === "cast" ? s.qualifiedName : s.kind === "name" ? s.name : `${s.name}()`,
    ),
  ].slice(-3);
  return last === "$value" || [`${a}/${b}/${last}`, `${b}/${last}`, last].some((k) => table.streams?.includes(k!));
}

/** Whether the path ends in a function call segment. */
const isCall = (path: Path): boolean => path.segments[path.segments.length - 1]?.kind === "call";

/** Invokes the action the node's last segment names: JSON back, or the Response for an action returning Edm.Stream. */
function act(n: State, a: Args): Promise<unknown> {
  const path = operation(n).operation(qualify(n), n.wire!);
  return (streamed(n.table, path) ? sendTo : sendJson)(n.ctx, "POST", path, undefined, a[0], a[1]);
}

/** GET with query and request options. */
const read = (n: State, query: QueryOptions<any> | undefined, options: RequestOptions | undefined) =>
  sendJson(n.ctx, "GET", n.path, query, undefined, options);

/** PATCH, PUT or POST of `a[0]` as JSON, with the options `a[1]`. */
const write = (n: State, method: "PATCH" | "PUT" | "POST", a: Args) =>
  sendJson(n.ctx, method, n.path, undefined, a[0], a[1]);

/**
 * Calling a node read by a verb's name runs the verb on the node it was read from; calling any other name segment
 * invokes the function it names: a new node, nothing is sent until a verb.
 */
function call(s: State, a: Args): unknown {
  const n = s.up;
  if (n === undefined) throw new TypeError("Not callable: this node names no operation and no verb");
  const verb = own(VERBS, s.key!);
  if (verb) return verb(n, a);
  const functions = n.table.functions;
  const types = own(functions, `${lastName(n.path.segments)}/${s.wire}`) ?? own(functions, s.wire!);
  return child(s, n.path.call(qualify(s), s.wire!, callParams(a[0], types)));
}

function child(s: State, path: Path): unknown {
  return makeNode({ ctx: s.ctx, path, table: s.table });
}

/** The wire name of the path's last name segment, before any keys and casts ("" when there is none). */
function lastName(segments: readonly Segment[]): string {
  const segment = [...segments].reverse().find((s) => s.kind !== "cast" && s.kind !== "key");
  return segment?.kind === "name" ? segment.name : "";
}

/** The path before the node's last name segment, which names an operation; a TypeError when there is none. */
function operation(s: State): Path {
  if (s.up === undefined) throw new TypeError("Nothing to post: this node names no operation");
  return s.up.path;
}

/**
 * The operation's name as the URL shows it: qualified with its namespace in the OperationNamespaces passed as
 * `qualifiedOperations`, else the table's; unbound operations (at the root) are never namespace-qualified.
 */
function qualify(s: State): string {
  const name = s.wire!;
  const binding = s.up!.path;
  if (binding.segments.length === 0) return name;
  // An OperationNamespaces, or a boolean, which has no own property (own's Object.hasOwn is false).
  const namespaces = s.ctx.options.qualifiedOperations as OperationNamespaces | undefined;
  const namespace =
    own(namespaces, `${lastName(binding.segments)}/${name}`) ?? own(namespaces, name) ?? s.table.namespace;
  return namespace ? `${namespace}.${name}` : name;
}

/** A function's parameters from the object it was called with, typed by the table where the value cannot tell. */
function callParams(params: unknown, types: Readonly<Record<string, string>> | undefined): CallParam[] {
  if (params === undefined || params === null) return [];
  return Object.keys(params).map((name) => {
    const value = (params as Record<string, unknown>)[name];
    const type = own(types, name) ?? "";
    const kind: CallParam["kind"] =
      type.startsWith("Collection(") || Array.isArray(value)
        ? "collection"
        : typeof value === "object" && value !== null && !(value instanceof Date)
          ? "complex"
          : type !== "" && !type.startsWith("Edm.")
            ? "enum"
            : "primitive";
    return { name, value, type, kind };
  });
}

/** The node's path below the service root, for toString and toJSON: no base URL, no headers, never a throw. */
function describe(s: State): string {
  try {
    return renderPath({ ...s.ctx, baseUrl: "" }, s.path).path || "/";
  } catch {
    return "(a path with an invalid key or parameter)";
  }
}

// ---- Types the generated node interfaces use (erased at compile time) ----

/**
 * One entity. C: derived-type casts, qualified name → node type. N: the entity type's qualified name, given where a
 * navigation can link to the type (what `bind(node)` reads); `string` elsewhere, which binds nowhere.
 */
export interface EntityNode<T, Q extends QueryShape, C = {}, N extends string = string> {
  /** Type-level only (no such property at run time): what `bind` and `$ref` compare. */
  readonly [ENTITY]: { readonly name: N; readonly casts: C };
  /** Reads the entity. */
  get(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataEntity<T>>;
  /**
   * Updates the entity with the given properties (PATCH); `"<navigation>@odata.bind": bind(node)` (an array for a
   * collection) links it to other entities.
   */
  update<S>(this: S, body: Partial<T> & Binds<S>, options?: RequestOptions): Promise<ODataEntity<T> | undefined>;
  /** Deletes the entity. */
  delete(options?: RequestOptions): Promise<void>;
  /** Addresses the entity as a derived type: `attachment.cast("Microsoft.OutlookServices.FileAttachment")`. */
  cast<N extends keyof C & string>(typeName: N): C[N];
}

/** A collection of entities of type T; I is the node of one member, K its key. */
export interface CollectionNode<T, Q extends QueryShape, I, K extends KeyValue = string, C = {}> {
  /** Type-level only (no such property at run time): what a link's `cast` reads. */
  readonly [ENTITY]: { readonly casts: C };
  /** Addresses one member by its key. */
  byId(id: K): I;
  /** Reads one page of the collection. */
  list(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>>;
  /** Every page of the collection, following `@odata.nextLink`. */
  pages(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataCollection<T>>;
  /** Every member of the collection, page after page. */
  items(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataEntity<T>>;
  /** Counts the members of the collection (`$count`). */
  count(options?: RequestOptions): Promise<number>;
  /** `…/$count` as a node: `get()` gives the number of members, as `count()` does. */
  readonly $count: CountNode;
  /**
   * Creates a member of the collection (POST); `"<navigation>@odata.bind": bind(node)` (an array for a collection)
   * links it to existing entities.
   */
  create(body: T & Binds<I>, options?: RequestOptions): Promise<ODataEntity<T>>;
  /** Addresses the members of a derived type: `attachments.cast("Microsoft.OutlookServices.FileAttachment")`. */
  cast<N extends keyof C & string>(typeName: N): C[N];
}

/** A media entity's stream (`$value`). */
export interface MediaNode {
  /** The media stream: `$value.get()` gives the Response, `$value.put(body)` replaces it. */
  readonly $value: StreamNode;
  /** Reads the media stream (`$value`); the older form of `$value.get()`. */
  getContent(options?: RequestOptions): Promise<Response>;
  /** Replaces the media stream (`$value`); the older form of `$value.put(body, { contentType })`. */
  setContent(body: RequestBody, contentType: string, options?: RequestOptions): Promise<void>;
}

/**
 * A stream: an Edm.Stream property, a media entity's or a primitive property's `$value`. What `get()` gives is the
 * platform's Response: `.body` streams it, `.arrayBuffer()`, `.bytes()`, `.blob()` and `.text()` read it whole.
 */
export interface StreamNode {
  /** Reads the stream (GET), with raw query parameters where its URL takes some: `get({ params: { format: "pdf" } })`. */
  get(options?: StreamOptions): Promise<Response>;
  /** Uploads the stream (PUT), sent as it is: a ReadableStream is streamed, never buffered, retried or sent again. */
  put(body: StreamBody, options?: UploadOptions): Promise<Response>;
}

/** `…/$count`: the number of members of a collection. */
export interface CountNode {
  /** Reads the count (GET `…/$count`), of the members that match `filter` and `search` where given. */
  get(query?: CountQuery, options?: RequestOptions): Promise<number>;
}

/** The query options `…/$count` takes. */
export interface CountQuery {
  readonly filter?: string;
  readonly search?: string;
  readonly params?: QueryOptions["params"];
}

/**
 * The node of one entity, as <version>/nodes.ts names it (`type MessageNode = EntityNodeOf<…>`): EntityNode with the
 * members M (navigations, stream properties, operations; a media entity's MediaNode) and the property paths over the
 * model type P (T itself unless T is a union of a type and its derived types), without M's names. A type alias: its property paths are resolved only where a node is used.
 */
export type EntityNodeOf<
  T,
  Q extends QueryShape,
  M = {},
  P = T,
  C = {},
  N extends string = string,
  Rule extends "same" | "upper" = "same",
> = EntityNode<T, Q, C, N> & M & PropertyNodes<P, keyof M, Rule>;

/** Names a node's verbs and segments take, never property paths. */
type Reserved = (typeof NODE_VERBS)[number] | "$value" | "$count" | "$ref";

/**
 * The property paths of a node whose model type is T: a node for each structural property, but the names in Omitted
 * (what the node's members interface declares: navigations, stream properties, operations), the verbs' names and
 * `@`-annotations. `me.mailboxSettings.get()`, `me.mailboxSettings.automaticRepliesSetting.update({ … })`. Under the
 * wire rule "upper" (Outlook: `DisplayName` on the wire), a property is named as the navigations are (`displayName`),
 * and only properties whose wire name starts upper-case are offered.
 */
export type PropertyNodes<T, Omitted, Rule extends "same" | "upper" = "same"> = {
  readonly [K in keyof T as PropertyName<K, Omitted, Rule>]-?: PropertyNode<T[K], Rule>;
};

/** The member name of the property K (a wire name), or never where it is not offered. */
type PropertyName<K, Omitted, Rule> = K extends `${string}@${string}` | number | symbol
  ? never
  : Rule extends "upper"
    ? K extends Capitalize<K & string>
      ? Exclude<Uncapitalize<K & string>, Omitted | Reserved>
      : never
    : Exclude<K, Omitted | Reserved>;

/** The node of a property of type V: a collection's, a complex value's or a primitive value's. */
export type PropertyNode<V, Rule extends "same" | "upper" = "same"> = [NonNullable<V>] extends [readonly (infer E)[]]
  ? CollectionPropertyNode<E>
  : NonNullable<V> extends object
    ? ComplexPropertyNode<NonNullable<V>, Rule>
    : PrimitivePropertyNode<NonNullable<V>>;

/** A single-valued complex property: read, update, and its own properties' paths. */
export type ComplexPropertyNode<V, Rule extends "same" | "upper" = "same"> = ComplexVerbs<V> &
  PropertyNodes<V, never, Rule>;

interface ComplexVerbs<V> {
  /** Reads the value (GET), with `$select` where given. */
  get(
    query?: { readonly select?: readonly (keyof V & string)[]; readonly params?: QueryOptions["params"] },
    options?: RequestOptions,
  ): Promise<ODataEntity<V>>;
  /** Updates the given parts of the value (PATCH). */
  update(body: Partial<V>, options?: RequestOptions): Promise<ODataEntity<V> | undefined>;
}

/** A single-valued primitive property: `get()` gives `{ value }`, `$value` the raw value. */
export interface PrimitivePropertyNode<V> {
  /** Reads the value (GET), as `{ value }`. */
  get(query?: { readonly params?: QueryOptions["params"] }, options?: RequestOptions): Promise<ODataValue<V>>;
  /** The raw value (`…/$value`): `get()` gives the Response (text/plain for most types). */
  readonly $value: StreamNode;
}

/** A collection-valued property, with the query options that apply to it. */
export interface CollectionPropertyNode<E> {
  /** Reads the collection (GET), as `{ value: [...] }`. */
  list(
    query?: Omit<QueryOptions, "select" | "expand">,
    options?: RequestOptions,
  ): Promise<ODataValue<E[]> & { readonly "@odata.nextLink"?: string; readonly "@odata.count"?: number }>;
  /** Counts the members (`$count`). */
  count(options?: RequestOptions): Promise<number>;
  /** `…/$count` as a node. */
  readonly $count: CountNode;
}

/** An action: `post(params)` sends them as the JSON body. */
export interface ActionNode<P, R = void> {
  /** Invokes the action (POST), with the parameters as the JSON body. */
  post(params: P, options?: RequestOptions): Promise<R>;
}

/**
 * An action whose parameters are all optional: an ActionNode, whose parameter object is still asked for (`post({})`
 * when none are given), so the request carries a JSON body as the builders sent it.
 */
export type OptionalActionNode<P, R = void> = ActionNode<P, R>;

/** An action without parameters: `post()` sends no body. */
export interface BareActionNode<R = void> {
  /** Invokes the action (POST) without a body. */
  post(params?: undefined, options?: RequestOptions): Promise<R>;
}

/** What a function's result takes when its type has no query shape: no `$select`, no `$expand`. */
export interface NoQuery {
  readonly select: never;
  readonly expand: {};
}

/**
 * A function call with a single result: nothing is sent until `get()`, which takes the query options of the result's
 * type Q (`$select`, `$expand` of an entity).
 */
export interface FunctionNode<R, Q extends QueryShape = NoQuery> {
  get(query?: QueryOptions<Q>, options?: RequestOptions): Promise<R>;
}

/** A function call whose result is a collection: read it with `list()`, `pages()` or `items()`. */
export interface FunctionCollectionNode<T, Q extends QueryShape> {
  list(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>>;
  pages(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataCollection<T>>;
  items(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataEntity<T>>;
}

/**
 * The query options of a read that needs the options P besides Q's: P itself, or (as before P was typed) the same
 * names as raw `params`.
 */
export type QueryWith<Q extends QueryShape, P> = QueryOptions<Q> &
  (P | { readonly params: { readonly [K in keyof P]: string } });

/** The reads of a collection of T that need the query options P besides Q's (a service profile's, not in the metadata). */
export interface ReadsWith<T, Q extends QueryShape, P> {
  list(query: QueryWith<Q, P>, options?: RequestOptions): Promise<ODataCollection<T>>;
  pages(query: QueryWith<Q, P>, options?: RequestOptions): AsyncIterable<ODataCollection<T>>;
  items(query: QueryWith<Q, P>, options?: RequestOptions): AsyncIterable<ODataEntity<T>>;
}

/**
 * A collection node N (of T, queried by Q) whose reads need the options P, and so do the functions F called on it:
 * Outlook's and Graph's `calendarView` and `instances`, whose window (`startDateTime`, `endDateTime`) the service
 * requires and the metadata does not declare. They go as custom query options (`startDateTime=…`, no `$`).
 */
export type WithRequired<N, T, Q extends QueryShape, P, F extends string = never> = Omit<
  N,
  "list" | "pages" | "items" | "count" | "$count" | F
> &
  ReadsWith<T, Q, P> & { [K in F]: () => ReadsWith<T, Q, P> } & {
    /** `…/$count` with the options the service requires (`count()` is left out: it takes none). */
    readonly $count: { get(query: CountQuery & P, options?: RequestOptions): Promise<number> };
  };

/** A node without the members its Capabilities annotations forbid. */
export type Restrict<N, Omitted extends string> = Omit<N, Omitted>;

/**
 * A collection node C without the members in CO, whose members (node I) lack the members in IO: what a navigation
 * or entity set hands out when its Capabilities annotations forbid updates or deletes of its members.
 */
export type RestrictedCollection<
  C extends { byId(id: never): unknown },
  I,
  CO extends string,
  IO extends string,
> = Omit<C, CO | "byId"> & { byId(id: Parameters<C["byId"]>[0]): Omit<I, IO> };

/** Brands the collections `sync()` accepts; never present at run time. */
export declare const SYNC: unique symbol;

/** A collection whose Capabilities allow change tracking, of entities T: `sync(node)` accepts it. */
export interface Syncable<T> {
  readonly [SYNC]?: T;
}

// ---- issue 12, refs: references between entities (`$ref`) and `@odata.bind` (erased at compile time) ----

/** Brands an entity node with its type's name (see EntityNode); never present at run time. */
export declare const ENTITY: unique symbol;
/** Brands a navigation that is no containment with its wire name and the bind value it takes; never present. */
export declare const LINK: unique symbol;
/** Brands the URL `bind(node)` gives; never present at run time. */
export declare const BIND: unique symbol;

/** The absolute URL of an entity whose type is one of N, as `bind(node)` gives it. */
export type Bind<N extends string> = string & { readonly [BIND]: N };

/** The names of the types a node E of an entity type stands for: its own and every derived type's. */
export type Accepts<E> = E extends {
  readonly [ENTITY]: { readonly name: infer N extends string; readonly casts: infer C };
}
  ? N | (keyof C & string)
  : never;

/** A reference to an entity, as `…/$ref` reads it. */
export interface EntityRef {
  readonly "@odata.id": string;
}

/** The references of a collection-valued navigation (`…/nav/$ref`) to entities of the types A. */
export interface RefCollectionNode<A extends string> {
  /** Reads one page of references (GET …/$ref): `{ value: [{ "@odata.id": … }] }`. */
  list(query?: Omit<QueryOptions, "select" | "expand">, options?: RequestOptions): Promise<ODataCollection<EntityRef>>;
  /** Adds a reference (POST …/$ref with `{ "@odata.id": ref }`). */
  post(ref: Bind<A>, options?: RequestOptions): Promise<void>;
  /** Removes a reference (DELETE …/$ref?$id=ref): the entity stays. */
  delete(ref: Bind<A>, options?: RequestOptions): Promise<void>;
}

/** The reference of a single-valued navigation (`…/nav/$ref`) to an entity of one of the types A. */
export interface RefNode<A extends string> {
  /** Reads the reference (GET …/$ref). */
  get(options?: RequestOptions): Promise<EntityRef>;
  /** Sets the reference (PUT …/$ref with `{ "@odata.id": ref }`). */
  put(ref: Bind<A>, options?: RequestOptions): Promise<void>;
  /** Removes the reference (DELETE …/$ref): the entity stays. */
  delete(options?: RequestOptions): Promise<void>;
}

/** The reference to one member of a collection-valued navigation (`…/nav/{key}/$ref`). */
export interface RefMemberNode {
  /** Removes the reference (DELETE …/{key}/$ref): the entity stays. */
  delete(options?: RequestOptions): Promise<void>;
}

/** The casts of a node or collection node X: qualified name → the node of that derived type. */
type CastsOf<X> = X extends { readonly [ENTITY]: { readonly casts: infer C } } ? C : {};

/** An entity node N reached through a link: without the members D, and so are the nodes its casts give. */
export type Linked<N, D extends string> = Omit<N, D | "cast"> & {
  cast<K extends keyof CastsOf<N> & string>(typeName: K): Linked<CastsOf<N>[K], D>;
};

/**
 * A collection-valued navigation that is no containment, named W on the wire: the collection C with `$ref`, whose
 * members have `$ref` and lack the members D (by default `delete`: removing a member from the navigation is
 * `byId(key).$ref.delete()`, where `delete()` would delete the entity itself); its casts are links alike.
 */
export type LinkCollection<
  C extends { byId(id: never): unknown },
  W extends string,
  D extends string = "delete",
> = Omit<C, "byId" | "cast"> & {
  readonly $ref: RefCollectionNode<Accepts<ReturnType<C["byId"]>>>;
  byId(id: Parameters<C["byId"]>[0]): Linked<ReturnType<C["byId"]>, D> & { readonly $ref: RefMemberNode };
  cast<K extends keyof CastsOf<C> & string>(
    typeName: K,
  ): LinkCollection<Extract<CastsOf<C>[K], { byId(id: never): unknown }>, W, D>;
  readonly [LINK]: readonly [W, readonly Bind<Accepts<ReturnType<C["byId"]>>>[]];
};

/**
 * A single-valued navigation that is no containment, named W on the wire: the node N with `$ref`, without the
 * members D (by default `delete`, which would delete the entity: `$ref.delete()` unlinks it).
 */
export type SingleLink<N, W extends string, D extends string = "delete"> = Linked<N, D> & {
  readonly $ref: RefNode<Accepts<N>>;
  readonly [LINK]: readonly [W, Bind<Accepts<N>>];
};

/** What a body may bind, for an entity whose node is I: `"<navigation>@odata.bind"` per link of I. */
export type Binds<I> = {
  readonly [
    K in keyof I as I[K] extends { readonly [LINK]: readonly [infer W extends string, unknown] }
      ? `${W}@odata.bind`
      : never
  ]?: I[K] extends { readonly [LINK]: readonly [string, infer V] } ? V : never;
};
