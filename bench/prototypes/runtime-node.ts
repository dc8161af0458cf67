// Shape D's runtime (prototype): one generic node, a Proxy over a function, builds every URL. Copied into the
// prototype output as runtime/node.ts. Requests go through the real runtime (http.ts), so bundle figures are honest.
import type { ClientContext } from "./context.js";
import {
  countEntities,
  createEntity,
  deleteEntity,
  getEntity,
  getStream,
  invokeAction,
  invokeFunction,
  listAll,
  listEntities,
  listPages,
  putStream,
  updateEntity,
} from "./http.js";
import { Path, type CallParam, type KeyType, type KeyValue } from "./path.js";
import type { ODataCollection, ODataEntity, QueryOptions, QueryShape, RequestBody, RequestOptions } from "./types.js";

export interface WireTable {
  readonly rule: "same" | "upper";
  readonly names?: Readonly<Record<string, string>>;
  readonly functions?: Readonly<Record<string, 0 | Readonly<Record<string, string>>>>;
  readonly keys?: Readonly<Record<string, KeyType>>;
  readonly namespace?: string;
  readonly namespaces?: Readonly<Record<string, string>>;
  readonly anchors?: readonly string[];
}

interface State {
  readonly ctx: ClientContext;
  readonly path: Path;
  /** The path without the last name segment: where an operation named by it is bound. */
  readonly parent: Path | undefined;
  readonly last: string | undefined;
  readonly table: WireTable;
}

const STATE = Symbol("odata.node");
const own = (o: object | undefined, k: string): boolean => o !== undefined && Object.hasOwn(o, k);

export const NODE_VERBS = [
  "get", "update", "replace", "delete", "list", "pages", "items", "count", "create", "byId", "cast",
  "getContent", "setContent", "then", "constructor", "toString", "toJSON", "valueOf",
] as const;

function wireName(table: WireTable, name: string): string {
  if (own(table.names, name)) return table.names![name]!;
  return table.rule === "upper" ? name[0]!.toUpperCase() + name.slice(1) : name;
}

function qualified(table: WireTable, name: string): string {
  const ns = own(table.namespaces, name) ? table.namespaces![name]! : (table.namespace ?? "");
  return ns === "" ? name : `${ns}.${name}`;
}

function callParams(table: WireTable, name: string, args: unknown): CallParam[] {
  const types = own(table.functions, name) ? table.functions![name] : 0;
  const out: CallParam[] = [];
  for (const [k, value] of Object.entries((args ?? {}) as Record<string, unknown>)) {
    const declared = types !== 0 && types !== undefined && own(types, k) ? types[k]! : undefined;
    const kind: CallParam["kind"] = Array.isArray(value)
      ? "collection"
      : value !== null && typeof value === "object"
        ? "complex"
        : declared !== undefined && !declared.startsWith("Edm.")
          ? "enum"
          : "primitive";
    const type = declared ?? (typeof value === "number" ? (Number.isInteger(value) ? "Edm.Int32" : "Edm.Double") : typeof value === "boolean" ? "Edm.Boolean" : "Edm.String");
    out.push({ name: k, value, type, kind });
  }
  return out;
}

function node(state: State): unknown {
  const { ctx, path, table } = state;
  const child = (p: Path, parent?: Path, last?: string): unknown => node({ ctx, path: p, parent, last, table });
  const verbs: Record<string, unknown> = {
    get: (query?: QueryOptions<any>, options?: RequestOptions) =>
      path.segments.at(-1)?.kind === "call" ? invokeFunction(ctx, path, undefined, query as RequestOptions) : getEntity(ctx, path, query, options),
    update: (body: unknown, options?: RequestOptions) => updateEntity(ctx, path, body, options),
    delete: (options?: RequestOptions) => deleteEntity(ctx, path, options),
    list: (query?: QueryOptions<any>, options?: RequestOptions) =>
      path.segments.at(-1)?.kind === "call" ? invokeFunction(ctx, path, query, options) : listEntities(ctx, path, query, options),
    pages: (query?: QueryOptions<any>, options?: RequestOptions) => listPages(ctx, path, query, options),
    items: (query?: QueryOptions<any>, options?: RequestOptions) => listAll(ctx, path, query, options),
    count: (options?: RequestOptions) => countEntities(ctx, path, options),
    create: (body: unknown, options?: RequestOptions) => createEntity(ctx, path, body, options),
    byId: (key: KeyValue) => {
      const type = state.last !== undefined && own(table.keys, state.last) ? table.keys![state.last]! : typeof key === "number" ? "Edm.Int32" : "Edm.String";
      const base = state.last !== undefined && table.anchors?.includes(state.last) ? path.anchoredByKey() : path;
      return child(base.key(key, type));
    },
    cast: (typeName: string) => child(path.cast(typeName)),
    getContent: (options?: RequestOptions) => getStream(ctx, path.nav("$value"), options),
    setContent: (body: RequestBody, contentType: string, options?: RequestOptions) => putStream(ctx, path.nav("$value"), body, contentType, options),
    toJSON: () => ({ path: path.segments.length }),
  };
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === STATE) return state;
      if (typeof prop === "symbol" || prop === "then") return undefined;
      if (Object.hasOwn(verbs, prop)) return verbs[prop];
      const wire = wireName(table, prop);
      return child(path.nav(wire), path, wire);
    },
    apply(_t, _this, args: unknown[]) {
      const name = state.last;
      if (name === undefined || state.parent === undefined) throw new TypeError("not an operation");
      if (own(table.functions, name)) return child(state.parent.call(qualified(table, name), name, callParams(table, name, args[0])));
      return invokeAction(ctx, state.parent.operation(qualified(table, name), name), args[0] ?? {}, args[1] as RequestOptions | undefined);
    },
  });
}

export function rootNode<R>(ctx: ClientContext, table: WireTable): R {
  return node({ ctx, path: Path.root(), parent: undefined, last: undefined, table }) as R;
}

export function nodeState(n: unknown): { readonly ctx: ClientContext; readonly path: Path; readonly table: WireTable } {
  const s = (n as Record<symbol, State> | null)?.[STATE];
  if (s === undefined) throw new TypeError("not an OData node");
  return s;
}

// ---- types only -----------------------------------------------------------------------------------------------------

export interface ODataValue<X> {
  readonly value: X;
}

export interface EntityNode<T, Q extends QueryShape, C = {}> {
  get(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataEntity<T>>;
  update(body: Partial<T>, options?: RequestOptions): Promise<ODataEntity<T> | undefined>;
  delete(options?: RequestOptions): Promise<void>;
  cast<N extends keyof C & string>(typeName: N): C[N];
}

export interface CollectionNode<T, Q extends QueryShape, I, K extends KeyValue = string, C = {}> {
  byId(id: K): I;
  list(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>>;
  pages(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataCollection<T>>;
  items(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataEntity<T>>;
  count(options?: RequestOptions): Promise<number>;
  create(body: T, options?: RequestOptions): Promise<ODataEntity<T>>;
  cast<N extends keyof C & string>(typeName: N): C[N];
}

export interface MediaNode {
  getContent(options?: RequestOptions): Promise<Response>;
  setContent(body: RequestBody, contentType: string, options?: RequestOptions): Promise<void>;
}

export interface FunctionNode<R> {
  get(options?: RequestOptions): Promise<R>;
}

export interface FunctionCollectionNode<T, Q extends QueryShape> {
  list(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>>;
  pages(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataCollection<T>>;
  items(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataEntity<T>>;
}

/** A collection of values that are not entities (no query shape). */
export type NoQuery = { readonly select: never; readonly expand: {} };
