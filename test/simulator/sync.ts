/**
 * Sync (delta) rounds over change-tracking collections (fact sheet §2.5).
 *
 * A GET of a collection whose capabilities allow change tracking (ChangeTracking not false in the
 * model: v2.0 Me/CalendarView, Me/Contacts, ContactFolders('id')/Contacts, …; beta also
 * MailFolders('id')/Messages and TaskFolders('id')/Tasks) with `Prefer: odata.track-changes`
 * answers `Preference-Applied: odata.track-changes`. The result is paged (`Prefer: odata.maxpagesize`,
 * else the server page size): `@odata.nextLink` carries `$skiptoken`, the last page `@odata.deltaLink`
 * with `$deltatoken`. A later request with `$deltatoken=<t>` returns what changed since the token:
 * created and updated members in full, members that left the collection in the OData 4.0 form
 * `{"@odata.context":"…/$metadata#…/$deletedEntity","Id":"…","reason":"deleted"|"changed"}`
 * ("deleted" when the item no longer exists, "changed" when it only left the collection, e.g. moved
 * out of a calendar view's window), then a new delta link. What changed is found from the change log
 * (`store.changes` after the token's sequence number) and from the members' etags.
 *
 * Collections that do not allow change tracking are left to the core list route, which applies no
 * track-changes preference (a client must then report that the resource cannot be synced).
 *
 *   registerSync(sim.router, sim.store);
 *
 * Simulator choices beyond the fact sheet: `$skip` and `$count` are refused in every sync request
 * (paging is by `$skiptoken`); unknown or foreign tokens answer 400 ErrorInvalidSyncStateData;
 * tokens never expire; a round's pages are fixed when the round starts.
 */
import { randomBytes } from "node:crypto";
import { findEvent, occurrenceOf } from "./calendar.js";
import type { RequestContext } from "./context.js";
import { badRequest, invalidQuery } from "./errors.js";
import { json, type SimResponse } from "./http.js";
import { NS } from "./model.js";
import { parseQueryOptions, type QueryOptions } from "./query.js";
import type { CollectionRes } from "./resolve.js";
import { pageSizeFor, queryCollection, type Route, type Router } from "./routes.js";
import { contextUrl, entityJson, etagOf } from "./serialize.js";
import type { EntityNode, Mailbox, Store } from "./store.js";
import { formatQuery } from "./url.js";

export const TRACK_CHANGES = "odata.track-changes";

/** The sync families of §2.5, each with the query options it refuses. */
type SyncKind = "messages" | "calendarView" | "contacts" | "tasks" | "other";

const REFUSED: Readonly<Record<SyncKind, readonly string[]>> = {
  messages: ["$search", "$skip", "$count"],
  calendarView: ["$filter", "$count", "$select", "$skip", "$top", "$search"],
  contacts: ["$filter", "$orderby", "$search", "$top", "$skip", "$count"],
  tasks: ["$filter", "$orderby", "$search", "$top", "$skip", "$count"],
  other: ["$search", "$skip", "$count"],
};

/** What a member looked like when a token was issued. */
interface Member {
  /** etag and revision: changes when the member does. */
  readonly fingerprint: string;
  /** The series an occurrence belongs to. */
  readonly masterId: string | undefined;
}

interface DeltaState {
  readonly scope: string;
  /** The change-log sequence number the state was taken at. */
  readonly seq: number;
  readonly members: ReadonlyMap<string, Member>;
}

interface Round {
  readonly scope: string;
  readonly context: string;
  readonly entries: readonly Record<string, unknown>[];
  readonly deltaToken: string;
}

interface Cursor {
  readonly round: Round;
  readonly offset: number;
}

export interface SyncModule {
  /** Delta tokens issued so far. */
  readonly deltaTokens: number;
  /** Skip tokens issued so far. */
  readonly skipTokens: number;
}

const registered = new WeakMap<Router, SyncModule>();

/** Adds the sync route to the router (ahead of the core routes); calling it again for the same router is a no-op. */
export function registerSync(router: Router, store: Store): SyncModule {
  const existing = registered.get(router);
  if (existing) return existing;
  const deltaStates = new Map<string, DeltaState>();
  const cursors = new Map<string, Cursor>();

  const route: Route = {
    name: "sync",
    match: (ctx, r) =>
      r.kind === "collection" &&
      ctx.method === "GET" &&
      r.caps.changeTracking !== false &&
      r.mailbox !== undefined &&
      isSyncRequest(ctx),
    handle: (ctx, r) => handleSync(ctx, r as CollectionRes),
  };

  function handleSync(ctx: RequestContext, c: CollectionRes): SimResponse {
    if (ctx.prefer.has(TRACK_CHANGES)) ctx.applied.push(TRACK_CHANGES);
    const kind = kindOf(ctx, c);
    const q = syncQuery(ctx, c, kind);
    const scope = scopeOf(ctx, c);
    const size = pageSizeFor(ctx, q);
    const skipToken = systemParam(ctx, "$skiptoken");
    if (skipToken !== undefined) {
      const cursor = cursors.get(skipToken);
      if (!cursor || cursor.round.scope !== scope) throw invalidState("$skiptoken");
      return page(ctx, cursor.round, cursor.offset, size);
    }
    const members = currentMembers(ctx, c, kind, q);
    const deltaToken = systemParam(ctx, "$deltatoken");
    let entries: Record<string, unknown>[];
    let context: string;
    if (deltaToken === undefined) {
      entries = members.map((n) => entryOf(ctx, c, kind, q, n));
      context = contextUrl(ctx.presentation, `${c.path}${q.select ? `(${q.select.join(",")})` : ""}`);
    } else {
      const state = deltaStates.get(deltaToken);
      if (!state || state.scope !== scope) throw invalidState("$deltatoken");
      entries = changesSince(ctx, c, kind, q, state, members);
      context = contextUrl(ctx.presentation, `${c.path}/$delta`);
    }
    const next: DeltaState = { scope, seq: lastSeq(store), members: memberMap(ctx, members) };
    const token = newToken();
    deltaStates.set(token, next);
    return page(ctx, { scope, context, entries, deltaToken: token }, 0, size);
  }

  function page(ctx: RequestContext, round: Round, offset: number, size: number): SimResponse {
    const value = round.entries.slice(offset, offset + size);
    const out: Record<string, unknown> = { "@odata.context": round.context, value };
    const end = offset + value.length;
    if (end < round.entries.length) {
      const token = newToken();
      cursors.set(token, { round, offset: end });
      out["@odata.nextLink"] = link(ctx, "$skiptoken", token);
    } else {
      out["@odata.deltaLink"] = link(ctx, "$deltatoken", round.deltaToken);
    }
    return json(200, out);
  }

  const module: SyncModule = {
    get deltaTokens() {
      return deltaStates.size;
    },
    get skipTokens() {
      return cursors.size;
    },
  };
  router.use(route, "first");
  registered.set(router, module);
  return module;
}

function isSyncRequest(ctx: RequestContext): boolean {
  return ctx.prefer.has(TRACK_CHANGES) || ctx.query.system.has("$deltatoken") || ctx.query.system.has("$skiptoken");
}

function systemParam(ctx: RequestContext, name: string): string | undefined {
  return ctx.query.system.get(name);
}

function invalidState(option: string) {
  return badRequest(
    "ErrorInvalidSyncStateData",
    `The ${option} is not valid for this collection: it was not issued by a sync round of this resource.`,
  );
}

function newToken(): string {
  return randomBytes(18).toString("base64url");
}

function lastSeq(store: Store): number {
  return store.changes[store.changes.length - 1]?.seq ?? 0;
}

function kindOf(ctx: RequestContext, c: CollectionRes): SyncKind {
  const s = ctx.service;
  const is = (t: string): boolean => s.has(`${NS}.${t}`) && s.isA(c.type, `${NS}.${t}`);
  if (c.nav?.name === "CalendarView") return "calendarView";
  if (is("Message")) return "messages";
  if (is("Contact")) return "contacts";
  if (is("Task") || is("TaskFolder")) return "tasks";
  return "other";
}

/** The same collection, however it was addressed (`MailFolders('Inbox')` and `MailFolders('<id>')` alike). */
function scopeOf(ctx: RequestContext, c: CollectionRes): string {
  const owner = c.owner ? `${c.owner.type}(${c.owner.id})` : "";
  return [ctx.version, c.mailbox?.user.id ?? "", owner, c.nav?.name ?? c.path, c.type].join("|");
}

/** The query options of a sync request, checked against what §2.5 allows for the family. */
function syncQuery(ctx: RequestContext, c: CollectionRes, kind: SyncKind): QueryOptions {
  const system = new Map(ctx.query.system);
  system.delete("$skiptoken");
  system.delete("$deltatoken");
  for (const name of REFUSED[kind]) {
    if (system.has(name)) {
      throw invalidQuery(`The query option '${name}' is not allowed with Prefer: ${TRACK_CHANGES} on ${c.path}.`);
    }
  }
  if (kind === "messages") {
    const filter = system.get("$filter");
    if (filter !== undefined && !/^\s*ReceivedDateTime\s+(ge|gt)\s+\S+\s*$/i.test(filter)) {
      throw invalidQuery(
        `Only '$filter=ReceivedDateTime ge|gt <value>' is allowed with Prefer: ${TRACK_CHANGES} on messages.`,
      );
    }
    const orderby = system.get("$orderby");
    if (orderby !== undefined && !/^\s*ReceivedDateTime\s+desc\s*$/i.test(orderby)) {
      throw invalidQuery(`Only '$orderby=ReceivedDateTime desc' is allowed with Prefer: ${TRACK_CHANGES} on messages.`);
    }
  }
  return parseQueryOptions(ctx.service, c.type, system, true);
}

/** Every member of the collection now ($filter and $orderby applied, no paging). */
function currentMembers(ctx: RequestContext, c: CollectionRes, kind: SyncKind, q: QueryOptions): EntityNode[] {
  const items = queryCollection(ctx, c, { ...q, top: undefined, skip: undefined }).items;
  if (kind !== "calendarView") return items;
  // Series masters come along with their occurrences (§2.5), right before the first one.
  const out: EntityNode[] = [];
  const seen = new Set<string>();
  for (const n of items) {
    const master = occurrenceOf(n)?.master;
    if (master && !seen.has(master.id)) {
      seen.add(master.id);
      out.push(master);
    }
    if (!seen.has(n.id)) {
      seen.add(n.id);
      out.push(n);
    }
  }
  return out;
}

function fingerprint(ctx: RequestContext, n: EntityNode): string {
  return `${etagOf(ctx.service, n)}#${n.revision}`;
}

function memberMap(ctx: RequestContext, members: readonly EntityNode[]): Map<string, Member> {
  return new Map(
    members.map((n) => [n.id, { fingerprint: fingerprint(ctx, n), masterId: occurrenceOf(n)?.master.id }]),
  );
}

/** One member as the round sends it: occurrences of a series trimmed to Start and End (§2.5), others in full. */
function entryOf(
  ctx: RequestContext,
  c: CollectionRes,
  kind: SyncKind,
  q: QueryOptions,
  n: EntityNode,
): Record<string, unknown> {
  const full = entityJson(ctx.presentation, n, { declaredType: c.declaredType, select: q.select, expand: q.expand });
  if (kind !== "calendarView" || n.data.Type !== "Occurrence") return full;
  const trimmed: Record<string, unknown> = {};
  for (const k of ["@odata.type", "@odata.id", "@odata.etag", "Id", "Type", "SeriesMasterId", "Start", "End"]) {
    if (k in full) trimmed[k] = full[k];
  }
  return trimmed;
}

/** The entries of a delta round: members new or changed since the state, then those that left the collection. */
function changesSince(
  ctx: RequestContext,
  c: CollectionRes,
  kind: SyncKind,
  q: QueryOptions,
  state: DeltaState,
  members: readonly EntityNode[],
): Record<string, unknown>[] {
  const touched = new Set<string>();
  const deleted = new Set<string>();
  for (const change of ctx.store.changes) {
    if (change.seq <= state.seq || change.version !== ctx.version || change.mailbox !== c.mailbox) continue;
    touched.add(change.node.id);
    if (change.kind === "deleted") deleted.add(change.node.id);
  }
  const out: Record<string, unknown>[] = [];
  const present = new Set<string>();
  for (const n of members) {
    present.add(n.id);
    const before = state.members.get(n.id);
    const master = occurrenceOf(n)?.master.id;
    const changed =
      before === undefined ||
      before.fingerprint !== fingerprint(ctx, n) ||
      (touched.has(n.id) && !deleted.has(n.id)) ||
      (master !== undefined && touched.has(master));
    if (changed) out.push(entryOf(ctx, c, kind, q, n));
  }
  for (const [id, before] of state.members) {
    if (present.has(id)) continue;
    const gone =
      deleted.has(id) ||
      (before.masterId !== undefined && deleted.has(before.masterId)) ||
      (c.mailbox !== undefined && !stillExists(c.mailbox, id, before));
    out.push({
      "@odata.context": contextUrl(ctx.presentation, `${c.path}/$deletedEntity`),
      Id: id,
      reason: gone ? "deleted" : "changed",
    });
  }
  return out;
}

/**
 * Whether an item that left the collection still exists in the mailbox ("changed") or not ("deleted").
 * Needed besides the change log, which holds no deletions: Store.record() finds no mailbox for a node
 * that removeEntity() has already detached.
 */
function stillExists(mb: Mailbox, id: string, before: Member): boolean {
  if (before.masterId !== undefined) return findEvent(mb, id) !== undefined;
  return mb.find(id) !== undefined;
}

/** The request URL with `$skiptoken`/`$deltatoken` replaced by `name=token`. */
function link(ctx: RequestContext, name: string, token: string): string {
  const pairs = ctx.query.all.filter(([k]) => !["$skiptoken", "$deltatoken"].includes(k.toLowerCase()));
  pairs.push([name, token]);
  return `${ctx.serviceRoot}${ctx.rawPath}?${formatQuery(pairs)}`;
}
