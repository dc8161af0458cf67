/**
 * The router: dispatches on the resolved resource and the method. Later modules (sync, $batch,
 * subscriptions, streaming) register their own routes ahead of the core ones with `use(route, "first")`
 * or path routes with `usePath` (for paths that are no resource, like `$batch`).
 */
import { deleteOccurrence, occurrenceOf, updateOccurrence } from "./calendar.js";
import type { RequestContext } from "./context.js";
import { createEntity, mergeExtendedProperties, moveMessage, removeEntity, touch, updateEntity } from "./entities.js";
import { badRequest, invalidQuery, methodNotAllowed, notFound, ServiceError } from "./errors.js";
import { empty, json, readJson, type SimResponse, text } from "./http.js";
import { NS } from "./model.js";
import { isPlainObject, readValue } from "./payload.js";
import { photoMedia, photoOwner } from "./photo.js";
import { applyQuery, parseQueryOptions, type QueryOptions } from "./query.js";
import type { CollectionRes, CountRes, EntityRes, PropertyRes, Resource, ValueRes } from "./resolve.js";
import { contextUrl, entityJson, etagOf } from "./serialize.js";
import { type EntityNode, type Mailbox, mailboxOf } from "./store.js";
import { formatQuery } from "./url.js";
import { invokeOperation } from "./actions.js";

export interface Route {
  readonly name: string;
  match(ctx: RequestContext, resource: Resource): boolean;
  handle(ctx: RequestContext, resource: Resource): SimResponse | Promise<SimResponse>;
}

/** A route for a path that is not a resource (e.g. `$batch`); tried before resolution. */
export interface PathRoute {
  readonly name: string;
  match(ctx: RequestContext): boolean;
  handle(ctx: RequestContext): SimResponse | Promise<SimResponse>;
}

export class Router {
  private readonly routes: Route[] = [];
  private readonly pathRoutes: PathRoute[] = [];

  use(route: Route, where: "first" | "last" = "last"): this {
    if (where === "first") this.routes.unshift(route);
    else this.routes.push(route);
    return this;
  }

  usePath(route: PathRoute): this {
    this.pathRoutes.push(route);
    return this;
  }

  pathRoute(ctx: RequestContext): PathRoute | undefined {
    return this.pathRoutes.find((r) => r.match(ctx));
  }

  async dispatch(ctx: RequestContext, resource: Resource): Promise<SimResponse> {
    for (const r of this.routes) if (r.match(ctx, resource)) return r.handle(ctx, resource);
    throw methodNotAllowed(`The method ${ctx.method} is not supported on this resource.`);
  }
}

/** The largest page the service returns (fact sheet §2.3). */
export const MAX_PAGE = 50;

// ---- helpers --------------------------------------------------------------------------------------

export function readJsonBody(ctx: RequestContext): unknown {
  return readJson(ctx.req);
}

function checkIfMatch(ctx: RequestContext, node: EntityNode): void {
  const ifMatch = ctx.req.headers["if-match"];
  if (ifMatch === undefined || ifMatch.trim() === "*") return;
  const etag = etagOf(ctx.service, node);
  const strip = (t: string): string => t.trim().replace(/^W\//, "");
  if (!ifMatch.split(",").some((t) => strip(t) === strip(etag))) {
    throw new ServiceError(
      412,
      "ErrorIrresolvableConflict",
      "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
    );
  }
}

function mailboxFor(res: { mailbox: Mailbox | undefined }, node?: EntityNode): Mailbox {
  const mb = res.mailbox ?? (node ? mailboxOf(node) : undefined);
  if (!mb) throw new ServiceError(501, "ErrorNotImplemented", "This resource is not simulated.");
  return mb;
}

function selectSuffix(q: QueryOptions): string {
  return q.select ? `(${q.select.join(",")})` : "";
}

export function entityResponse(ctx: RequestContext, e: EntityRes, status = 200, q?: QueryOptions): SimResponse {
  const options = q ?? parseQueryOptions(ctx.service, e.type, ctx.query.system, false);
  const context = contextUrl(ctx.presentation, e.context.replace(/\/\$entity$/, `${selectSuffix(options)}/$entity`));
  const body = entityJson(ctx.presentation, e.node, {
    declaredType: e.declaredType,
    select: options.select,
    expand: options.expand,
    context,
  });
  const headers: Record<string, string> = {};
  if (status === 201 && typeof body["@odata.id"] === "string") headers.location = body["@odata.id"];
  if (typeof body["@odata.etag"] === "string") headers.etag = body["@odata.etag"];
  return json(status, body, headers);
}

/** Filtered, searched and sorted members of a collection (paging not applied). */
export function queryCollection(
  ctx: RequestContext,
  c: CollectionRes,
  q: QueryOptions,
): { items: EntityNode[]; total: number } {
  if (q.search && c.caps.searchable === false) throw invalidQuery(`$search is not supported on ${c.path}.`);
  let nodes = c.view.list(ctx.query.custom);
  if (c.type !== c.declaredType) nodes = nodes.filter((n) => ctx.service.isA(n.type, c.type));
  return applyQuery(c.mailbox, ctx.service, nodes, { ...q, top: undefined, skip: undefined });
}

/** The page size for a request: Prefer odata.maxpagesize, else $top, else the server default; at most 50. */
export function pageSizeFor(ctx: RequestContext, q: QueryOptions): number {
  const pref = ctx.prefer.get("odata.maxpagesize") ?? ctx.prefer.get("odata.maxpages");
  const prefN = typeof pref === "string" && /^\d+$/.test(pref) ? Number(pref) : undefined;
  if (prefN !== undefined && prefN > 0) {
    const size = Math.min(MAX_PAGE, prefN, q.top ?? Infinity);
    ctx.applied.push(`odata.maxpagesize=${Math.min(MAX_PAGE, prefN)}`);
    return size;
  }
  return Math.min(MAX_PAGE, q.top ?? ctx.pageSize);
}

/** The same request URL with `$skip`/`$top` replaced. */
export function nextLink(ctx: RequestContext, skip: number, top: number | undefined): string {
  const pairs = ctx.query.all.filter(([k]) => !["$skip", "$top"].includes(k.toLowerCase()));
  if (top !== undefined) pairs.push(["$top", String(top)]);
  pairs.push(["$skip", String(skip)]);
  return `${ctx.serviceRoot}${ctx.rawPath}?${formatQuery(pairs)}`;
}

function listCollection(ctx: RequestContext, c: CollectionRes): SimResponse {
  const q = parseQueryOptions(ctx.service, c.type, ctx.query.system, true);
  const { items, total } = queryCollection(ctx, c, q);
  const size = pageSizeFor(ctx, q);
  const start = q.skip ?? 0;
  const limit = q.top ?? Infinity;
  const page = items.slice(start, start + Math.min(size, limit));
  const out: Record<string, unknown> = {
    "@odata.context": contextUrl(ctx.presentation, `${c.path}${selectSuffix(q)}`),
  };
  if (q.count) out["@odata.count"] = total;
  out.value = page.map((n) =>
    entityJson(ctx.presentation, n, { declaredType: c.declaredType, select: q.select, expand: q.expand }),
  );
  const remaining = Math.min(limit, total - start) - page.length;
  if (remaining > 0 && page.length > 0) {
    out["@odata.nextLink"] = nextLink(ctx, start + page.length, q.top === undefined ? undefined : q.top - page.length);
  }
  return json(200, out);
}

const EXTENDED = new Set(["SingleValueExtendedProperties", "MultiValueExtendedProperties"]);

function createInCollection(ctx: RequestContext, c: CollectionRes): SimResponse {
  if (c.caps.insertable === false) throw methodNotAllowed(`${c.path} does not support inserts.`);
  const body = readJsonBody(ctx);
  const mb = mailboxFor(c);
  if (c.nav && EXTENDED.has(c.nav.name) && c.owner) {
    mergeExtendedProperties(mb, c.owner, c.nav.name, [body]);
    touch(mb, c.owner);
    const id = isPlainObject(body) ? String(body.PropertyId ?? "") : "";
    const node = c.view.find(id, ctx.query.custom) ?? (c.owner.navs.get(c.nav.name) ?? []).at(-1);
    if (!node) throw notFound();
    return json(
      201,
      entityJson(ctx.presentation, node, {
        declaredType: c.declaredType,
        context: contextUrl(ctx.presentation, `${c.path}/$entity`),
      }),
    );
  }
  const target = c.view.insert;
  if (!target) throw methodNotAllowed(`${c.path} does not support inserts.`);
  const node = createEntity(mb, target.parent, target.nav, c.type, body);
  target.after?.(node);
  const e: EntityRes = {
    kind: "entity",
    node,
    declaredType: c.declaredType,
    type: node.type,
    nav: c.nav,
    caps: c.caps,
    mailbox: mb,
    path: c.path,
    context: `${c.path}/$entity`,
  };
  return entityResponse(ctx, e, 201, parseQueryOptions(ctx.service, node.type, new Map(), false));
}

function count(ctx: RequestContext, r: CountRes): SimResponse {
  const system = new Map([...ctx.query.system].filter(([k]) => k === "$filter" || k === "$search"));
  const q = parseQueryOptions(ctx.service, r.of.type, system, true);
  return text(200, String(queryCollection(ctx, r.of, q).total));
}

/** Entities the service refuses to delete. */
function protectedReason(mb: Mailbox, node: EntityNode): string | undefined {
  if (node === mb.rootFolder || [...mb.wellKnown.values()].includes(node)) return "ErrorDeleteDistinguishedFolder";
  if (
    node === mb.defaultCalendar ||
    node === mb.defaultContactFolder ||
    node === mb.defaultTaskFolder ||
    node === mb.defaultTaskGroup ||
    node === mb.defaultCalendarGroup
  ) {
    return "ErrorCannotDeleteObject";
  }
  return undefined;
}

function patchEntity(ctx: RequestContext, e: EntityRes): SimResponse {
  if (e.caps.updatable === false) throw methodNotAllowed(`${e.path} cannot be updated.`);
  const mb = mailboxFor(e, e.node);
  checkIfMatch(ctx, e.node);
  const body = readJsonBody(ctx);
  if (occurrenceOf(e.node)) {
    const occ = updateOccurrence(mb, e.node, body);
    return entityResponse(ctx, { ...e, node: occ });
  }
  if (photoOwner(e.node)) return entityResponse(ctx, e);
  if (e.node.keyName === "PropertyId" && e.node.parent && e.node.parentNav) {
    const value = isPlainObject(body) ? body.Value : undefined;
    mergeExtendedProperties(mb, e.node.parent, e.node.parentNav, [{ PropertyId: e.node.id, Value: value }]);
    touch(mb, e.node.parent);
    return entityResponse(ctx, e);
  }
  updateEntity(mb, e.node, body);
  return entityResponse(ctx, e);
}

function deleteEntity(ctx: RequestContext, e: EntityRes): SimResponse {
  if (e.caps.deletable === false) throw methodNotAllowed(`${e.path} cannot be deleted.`);
  const mb = mailboxFor(e, e.node);
  checkIfMatch(ctx, e.node);
  if (occurrenceOf(e.node)) {
    deleteOccurrence(mb, e.node);
    return empty(204);
  }
  if (e.node.virtual || e.node.hidden.mailbox !== undefined) throw methodNotAllowed(`${e.path} cannot be deleted.`);
  const reason = protectedReason(mb, e.node);
  if (reason) throw badRequest(reason, "Distinguished folders and default items cannot be deleted.");
  const deleted = mb.wellKnown.get("deleteditems");
  const isMessage = ctx.service.isA(e.node.type, `${NS}.Message`) && e.node.parentNav === "Messages";
  const inDeleted = deleted !== undefined && e.node.ancestor((n) => n === deleted) !== undefined;
  // Deleting a message moves it to Deleted Items; deleting it there removes it.
  if (isMessage && deleted && !inDeleted) moveMessage(mb, e.node, deleted);
  else removeEntity(mb, e.node);
  return empty(204);
}

function propertyValue(ctx: RequestContext, r: PropertyRes): unknown {
  const body = entityJson(ctx.presentation, r.entity.node, { declaredType: r.entity.node.type });
  let v: unknown = body;
  for (const p of r.props) v = v && typeof v === "object" ? (v as Record<string, unknown>)[p.name] : null;
  return v ?? null;
}

function getProperty(ctx: RequestContext, r: PropertyRes): SimResponse {
  const v = propertyValue(ctx, r);
  if (v === null) return empty(204);
  const context = contextUrl(ctx.presentation, r.path);
  if (isPlainObject(v) && !r.type.collection) return json(200, { "@odata.context": context, ...v });
  return json(200, { "@odata.context": context, value: v });
}

function writeProperty(ctx: RequestContext, r: PropertyRes, replace: boolean): SimResponse {
  if (r.entity.caps.updatable === false) throw methodNotAllowed(`${r.path} cannot be updated.`);
  const mb = mailboxFor(r.entity, r.entity.node);
  const body = readJsonBody(ctx);
  const incoming = readValue(
    ctx.service,
    r.type,
    isPlainObject(body) && "value" in body && !ctx.service.struct(r.type.name) ? body.value : body,
    r.path,
  );
  const node = r.entity.node;
  let holder: Record<string, unknown> = node.data;
  for (const p of r.props.slice(0, -1)) {
    const next = holder[p.name];
    if (!isPlainObject(next)) throw notFound();
    holder = next;
  }
  const lastProp = r.props[r.props.length - 1];
  if (!lastProp) throw notFound();
  const existing = holder[lastProp.name];
  holder[lastProp.name] =
    !replace && isPlainObject(existing) && isPlainObject(incoming) ? { ...existing, ...incoming } : incoming;
  touch(mb, node);
  ctx.store.record(ctx.vstore, "updated", node);
  return getProperty(ctx, r);
}

function getValue(ctx: RequestContext, r: ValueRes): SimResponse {
  if (r.of.kind === "property") {
    const v = propertyValue(ctx, r.of);
    if (v === null) return empty(204);
    if (typeof v === "object") throw badRequest("ErrorInvalidRequest", "$value applies to primitive properties only.");
    return text(200, String(v));
  }
  const media = photoMedia(r.of.node);
  return { status: 200, headers: { "content-type": media.contentType, etag: media.etag }, body: media.bytes };
}

function putValue(ctx: RequestContext, r: ValueRes): SimResponse {
  if (r.of.kind === "property") throw methodNotAllowed("Property values cannot be written through $value.");
  if (r.of.caps.updatable === false) throw methodNotAllowed(`${r.of.path} cannot be updated.`);
  const owner = photoOwner(r.of.node);
  if (!owner || r.of.node.hidden.photoSize !== undefined) throw methodNotAllowed(`${r.of.path} cannot be updated.`);
  if (ctx.req.body.length === 0) throw badRequest("ErrorInvalidRequest", "The photo is empty.");
  const contentType = ctx.req.headers["content-type"] ?? "image/jpeg";
  ctx.vstore.setPhoto(owner, ctx.req.body, contentType.split(";")[0]?.trim() || "image/jpeg");
  return empty(200);
}

function serviceDocument(ctx: RequestContext): SimResponse {
  const value = [
    ...[...ctx.service.entitySets.values()].map((s) => ({ name: s.name, kind: "EntitySet", url: s.name })),
    ...[...ctx.service.singletons.values()].map((s) => ({ name: s.name, kind: "Singleton", url: s.name })),
  ];
  return json(200, { "@odata.context": `${ctx.serviceRoot}/$metadata`, value });
}

const on = (
  name: string,
  kind: Resource["kind"],
  methods: readonly string[],
  handle: (ctx: RequestContext, r: never) => SimResponse | Promise<SimResponse>,
): Route => ({
  name,
  match: (ctx, r) => r.kind === kind && methods.includes(ctx.method),
  handle: (ctx, r) => handle(ctx, r as never),
});

/** The core routes: CRUD, $count, properties, media, operations. */
export function coreRoutes(): Route[] {
  return [
    on("service-document", "service", ["GET"], (ctx) => serviceDocument(ctx)),
    on("metadata", "metadata", ["GET"], (ctx) => ({
      status: 200,
      headers: { "content-type": "application/xml; charset=utf-8" },
      body: ctx.service.metadataXml,
    })),
    on("list", "collection", ["GET"], (ctx, r: CollectionRes) => listCollection(ctx, r)),
    on("create", "collection", ["POST"], (ctx, r: CollectionRes) => createInCollection(ctx, r)),
    on("count", "count", ["GET"], (ctx, r: CountRes) => count(ctx, r)),
    on("read", "entity", ["GET"], (ctx, r: EntityRes) => entityResponse(ctx, r)),
    on("update", "entity", ["PATCH"], (ctx, r: EntityRes) => patchEntity(ctx, r)),
    on("delete", "entity", ["DELETE"], (ctx, r: EntityRes) => deleteEntity(ctx, r)),
    on("read-property", "property", ["GET"], (ctx, r: PropertyRes) => getProperty(ctx, r)),
    on("patch-property", "property", ["PATCH"], (ctx, r: PropertyRes) => writeProperty(ctx, r, false)),
    on("put-property", "property", ["PUT"], (ctx, r: PropertyRes) => writeProperty(ctx, r, true)),
    on("read-value", "value", ["GET"], (ctx, r: ValueRes) => getValue(ctx, r)),
    on("write-value", "value", ["PUT", "PATCH"], (ctx, r: ValueRes) => putValue(ctx, r)),
    {
      name: "operation",
      match: (_ctx, r) => r.kind === "operation",
      handle: (ctx, r) => invokeOperation(ctx, r as Extract<Resource, { kind: "operation" }>),
    },
  ];
}
