// Base classes of the generated builders. Hand-written; copied verbatim by codegen.
// Every generated builder extends one of these, so the members all entity types share are written once, here.
import type { ClientContext } from "./context.js";
import {
  countEntities,
  createEntity,
  deleteEntity,
  getEntity,
  invokeAction,
  invokeFunction,
  listAll,
  listEntities,
  listPages,
  unwrapValue,
  updateEntity,
} from "./http.js";
import type { CallParam, KeyType, KeyValue, Path } from "./path.js";
import { syncRound, type SyncOptions, type SyncRound } from "./sync.js";
import type { ODataCollection, ODataEntity, QueryOptions, QueryShape, RequestOptions } from "./types.js";

// The `any`s in the cast constraints say "some builder of the right kind"; the typeName check does the rest.

/** A generated builder class: built on a path, and naming the entity type it addresses. */
export interface ODataBuilderClass<N extends string, B> {
  new (ctx: ClientContext, path: Path): B;
  /** The qualified name of the entity type: the segment a cast appends. */
  readonly typeName: N;
}

/**
 * A collection builder C without the members in CO, whose items (builder I) lack the members in IO: what a
 * navigation or entity set hands out when its Capabilities annotations forbid updates or deletes of its members.
 */
export type RestrictedCollection<
  C extends { byId(id: never): unknown },
  I,
  CO extends string,
  IO extends string,
> = Omit<C, CO | "byId"> & { byId(id: Parameters<C["byId"]>[0]): Omit<I, IO> };

/** What every builder holds: the client's context and the path it addresses. */
export class ODataBuilder {
  readonly ctx: ClientContext;
  readonly path: Path;

  constructor(ctx: ClientContext, path: Path) {
    this.ctx = ctx;
    this.path = path;
  }

  /** POSTs the bound action `qualifiedName` (its name is the last segment) with the given body. */
  protected callAction<R>(qualifiedName: string, body: unknown, options: RequestOptions | undefined): Promise<R> {
    return invokeAction<R>(this.ctx, this.path.operation(qualifiedName, lastSegment(qualifiedName)), body, options);
  }

  /** As callAction, for an action whose result is one primitive value: it comes as `{ value }`, unwrapped here. */
  protected callActionValue<R>(qualifiedName: string, body: unknown, options: RequestOptions | undefined): Promise<R> {
    return unwrapValue(this.callAction<{ readonly value: R }>(qualifiedName, body, options));
  }

  /** GETs the bound function `qualifiedName` with its parameters in the URL. */
  protected callFunction<R>(
    qualifiedName: string,
    args: readonly CallParam[],
    options: RequestOptions | undefined,
  ): Promise<R> {
    return invokeFunction<R>(
      this.ctx,
      this.path.call(qualifiedName, lastSegment(qualifiedName), args),
      undefined,
      options,
    );
  }

  /** As callFunction, for a function whose result comes wrapped in `{ value }`. */
  protected callFunctionValue<R>(
    qualifiedName: string,
    args: readonly CallParam[],
    options: RequestOptions | undefined,
  ): Promise<R> {
    return unwrapValue(this.callFunction<{ readonly value: R }>(qualifiedName, args, options));
  }
}

function lastSegment(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.lastIndexOf(".") + 1);
}

/**
 * Addresses one entity of type T; Q is its query shape, D the qualified names of the types derived from it.
 * Which of these members a given URL allows is decided where the builder is handed out (Capabilities annotations).
 */
export class ODataEntityBuilder<T, Q extends QueryShape, D extends string = never> extends ODataBuilder {
  /** Reads the entity. */
  get(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataEntity<T>> {
    return getEntity(this.ctx, this.path, query, options);
  }

  /** Updates the entity with the given properties (PATCH). */
  update(body: Partial<T>, options?: RequestOptions): Promise<ODataEntity<T> | undefined> {
    return updateEntity(this.ctx, this.path, body, options);
  }

  /** Deletes the entity. */
  delete(options?: RequestOptions): Promise<void> {
    return deleteEntity(this.ctx, this.path, options);
  }

  /** Casts to a derived type, given its builder: `attachment.cast(FileAttachmentBuilder)`. */
  cast<B extends ODataEntityBuilder<any, any, any>>(target: ODataBuilderClass<D, B>): B {
    return new target(this.ctx, this.path.cast(target.typeName));
  }
}

/** What a generated collection builder class says of its members: their builder, and the EDM type of their key. */
interface MemberClass<I> {
  readonly item: new (ctx: ClientContext, path: Path) => I;
  /** Edm.String when left out. */
  readonly keyType?: KeyType;
}

/**
 * Addresses a collection of entities of type T; Q is their query shape, I the builder of one member, K its key's
 * type, D the qualified names of the derived types. The generated subclass names I's class and the key's EDM type
 * in its static `item` and `keyType` (left out for Edm.String).
 */
export class ODataCollectionBuilder<
  T,
  Q extends QueryShape,
  I = never,
  K extends KeyValue = never,
  D extends string = never,
> extends ODataBuilder {
  /** Addresses one member of the collection by its key. */
  byId(id: K): I {
    const members = this.constructor as unknown as MemberClass<I>;
    return new members.item(this.ctx, this.path.key(id, members.keyType ?? "Edm.String"));
  }

  /** Reads one page of the collection. */
  list(query?: QueryOptions<Q>, options?: RequestOptions): Promise<ODataCollection<T>> {
    return listEntities(this.ctx, this.path, query, options);
  }

  /** Every page of the collection, following `@odata.nextLink`. */
  pages(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataCollection<T>> {
    return listPages(this.ctx, this.path, query, options);
  }

  /** Every member of the collection, page after page. */
  items(query?: QueryOptions<Q>, options?: RequestOptions): AsyncIterable<ODataEntity<T>> {
    return listAll(this.ctx, this.path, query, options);
  }

  /** Counts the members of the collection (`$count`). */
  count(options?: RequestOptions): Promise<number> {
    return countEntities(this.ctx, this.path, options);
  }

  /**
   * One sync round (Prefer: odata.track-changes): yields every change, removals included, page after page;
   * afterwards `round.deltaToken` starts the next round (`sync({ deltaToken })`).
   */
  sync(options?: SyncOptions): SyncRound<T> {
    return syncRound<T>(this.ctx, this.path, options);
  }

  /** Creates a member of the collection (POST). */
  create(body: T, options?: RequestOptions): Promise<ODataEntity<T>> {
    return createEntity(this.ctx, this.path, body, options);
  }

  /** Casts to a derived type, given its collection builder: `attachments.cast(FileAttachmentCollectionBuilder)`. */
  cast<B extends ODataCollectionBuilder<any, any, any, any, any>>(target: ODataBuilderClass<D, B>): B {
    return new target(this.ctx, this.path.cast(target.typeName));
  }
}
