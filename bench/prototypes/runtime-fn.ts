// Shape C's runtime (prototype): standalone, tree-shakable functions over a reference { ctx, path }. The generated
// path descriptors are types only; names are wire names. Copied into the prototype output as runtime/fn.ts.
import type { ClientContext } from "./context.js";
import { createEntity, deleteEntity, getEntity, getStream, invokeAction, invokeFunction, listEntities, updateEntity } from "./http.js";
import { Path, type CallParam, type KeyType, type KeyValue } from "./path.js";
import type { ODataCollection, ODataEntity, QueryOptions, QueryShape, RequestOptions } from "./types.js";

export interface WireTable {
  readonly rule: "same" | "upper";
  readonly functions?: Readonly<Record<string, 0 | Readonly<Record<string, string>>>>;
  readonly keys?: Readonly<Record<string, KeyType>>;
  readonly namespace?: string;
}

// ---- type level -------------------------------------------------------------------------------------------------------
export interface Paths {
  readonly entity: unknown;
  readonly query: QueryShape;
  readonly key: KeyValue;
  readonly nav: object;
  readonly ops: object;
  readonly collectionOps: object;
  readonly casts: object;
  readonly media: boolean;
}
export interface One<D> {
  readonly one: D;
}
export interface Many<D> {
  readonly many: D;
}
export interface Act<P, R> {
  readonly act: (params: P) => R;
}
export interface Fn<P, R> {
  readonly fn: (params: P) => R;
}
export interface ODataValue<X> {
  readonly value: X;
}
export type NoQuery = { readonly select: never; readonly expand: {} };

interface Ref {
  readonly ctx: ClientContext;
  readonly path: Path;
  readonly table: WireTable;
  readonly last?: string | undefined;
}
export interface EntityRef<D> extends Ref {
  readonly "~one": D;
}
export interface CollectionRef<D> extends Ref {
  readonly "~many": D;
}
export interface FunctionNode<R> extends Ref {
  readonly "~fn": R;
}
export interface FunctionCollectionNode<T, Q extends QueryShape> extends Ref {
  readonly "~fnc": [T, Q];
}
type RefOf<X> = X extends Many<infer D> ? CollectionRef<D> : X extends One<infer D> ? EntityRef<D> : never;
type D_ = Paths;

// ---- functions --------------------------------------------------------------------------------------------------------
const ref = <R>(from: Ref, path: Path, last?: string): R => ({ ctx: from.ctx, path, table: from.table, last }) as R;

export function rootRef<D>(ctx: ClientContext, table: WireTable): EntityRef<D> {
  return { ctx, path: Path.root(), table } as EntityRef<D>;
}

/** A navigation property, entity set or singleton, by its wire name. */
export function nav<D extends D_, K extends keyof D["nav"] & string>(from: EntityRef<D>, name: K): RefOf<D["nav"][K]> {
  return ref(from, from.path.nav(name), name);
}

export function byId<D extends D_>(from: CollectionRef<D>, key: D["key"]): EntityRef<D> {
  const keys = from.table.keys;
  const type = from.last !== undefined && keys !== undefined && Object.hasOwn(keys, from.last) ? keys[from.last]! : typeof key === "number" ? "Edm.Int32" : "Edm.String";
  return ref(from, from.path.key(key, type));
}

export function cast<D extends D_, N extends keyof D["casts"] & string>(from: CollectionRef<D>, typeName: N): CollectionRef<D["casts"][N]>;
export function cast<D extends D_, N extends keyof D["casts"] & string>(from: EntityRef<D>, typeName: N): EntityRef<D["casts"][N]>;
export function cast(from: Ref, typeName: string): unknown {
  return ref(from, from.path.cast(typeName));
}

export function get<R>(from: FunctionNode<R>, options?: RequestOptions): Promise<R>;
export function get<D extends D_>(from: EntityRef<D>, query?: QueryOptions<D["query"]>, options?: RequestOptions): Promise<ODataEntity<D["entity"]>>;
export function get(from: Ref, query?: QueryOptions<any> | RequestOptions, options?: RequestOptions): Promise<unknown> {
  return from.path.segments.at(-1)?.kind === "call" ? invokeFunction(from.ctx, from.path, undefined, query as RequestOptions) : getEntity(from.ctx, from.path, query as QueryOptions<any>, options);
}

export function list<T, Q extends QueryShape>(from: FunctionCollectionNode<T, Q>, query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>>;
export function list<D extends D_>(from: CollectionRef<D>, query?: QueryOptions<D["query"]>, options?: RequestOptions): Promise<ODataCollection<D["entity"]>>;
export function list(from: Ref, query?: QueryOptions<any>, options?: RequestOptions): Promise<unknown> {
  return from.path.segments.at(-1)?.kind === "call" ? invokeFunction(from.ctx, from.path, query, options) : listEntities(from.ctx, from.path, query, options);
}

export function create<D extends D_>(from: CollectionRef<D>, body: D["entity"], options?: RequestOptions): Promise<ODataEntity<D["entity"]>> {
  return createEntity(from.ctx, from.path, body, options);
}

export function update<D extends D_>(from: EntityRef<D>, body: Partial<D["entity"]>, options?: RequestOptions): Promise<ODataEntity<D["entity"]> | undefined> {
  return updateEntity(from.ctx, from.path, body, options);
}

export function remove<D extends D_>(from: EntityRef<D>, options?: RequestOptions): Promise<void> {
  return deleteEntity(from.ctx, from.path, options);
}

export function getContent<D extends D_ & { readonly media: true }>(from: EntityRef<D>, options?: RequestOptions): Promise<Response> {
  return getStream(from.ctx, from.path.nav("$value"), options);
}

type ActParams<X> = X extends Act<infer P, unknown> ? P : never;
type ActResult<X> = X extends Act<unknown, infer R> ? R : never;
type FnParams<X> = X extends Fn<infer P, unknown> ? P : never;
type FnResult<X> = X extends Fn<unknown, infer R> ? R : never;

const qualified = (t: WireTable, name: string): string => (t.namespace ? `${t.namespace}.${name}` : name);

/** Invokes a bound action (POST), on an entity or on a collection. */
export function act<D extends D_, K extends keyof D["ops"] & string>(on: EntityRef<D>, name: K, params: ActParams<D["ops"][K]>, options?: RequestOptions): Promise<ActResult<D["ops"][K]>>;
export function act<D extends D_, K extends keyof D["collectionOps"] & string>(on: CollectionRef<D>, name: K, params: ActParams<D["collectionOps"][K]>, options?: RequestOptions): Promise<ActResult<D["collectionOps"][K]>>;
export function act(on: Ref, name: string, params: unknown, options?: RequestOptions): Promise<unknown> {
  return invokeAction(on.ctx, on.path.operation(qualified(on.table, name), name), params, options);
}

/** A bound function: a new reference ending in `name(p=…)`; nothing is sent until get/list. */
export function call<D extends D_, K extends keyof D["ops"] & string>(on: EntityRef<D>, name: K, params: FnParams<D["ops"][K]>): FnResult<D["ops"][K]>;
export function call<D extends D_, K extends keyof D["collectionOps"] & string>(on: CollectionRef<D>, name: K, params: FnParams<D["collectionOps"][K]>): FnResult<D["collectionOps"][K]>;
export function call(on: Ref, name: string, params: unknown): unknown {
  const fns = on.table.functions;
  const types = fns !== undefined && Object.hasOwn(fns, name) ? fns[name] : 0;
  const args: CallParam[] = Object.entries((params ?? {}) as Record<string, unknown>).map(([k, value]) => {
    const declared = types !== 0 && types !== undefined && Object.hasOwn(types, k) ? types[k] : undefined;
    const kind: CallParam["kind"] = Array.isArray(value) ? "collection" : value !== null && typeof value === "object" ? "complex" : declared !== undefined && !declared.startsWith("Edm.") ? "enum" : "primitive";
    return { name: k, value, type: declared ?? (typeof value === "number" ? "Edm.Int32" : typeof value === "boolean" ? "Edm.Boolean" : "Edm.String"), kind };
  });
  return ref(on, on.path.call(qualified(on.table, name), name, args));
}
