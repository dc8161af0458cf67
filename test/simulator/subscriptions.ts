/**
 * Subscriptions (fact sheet §3.7 and §3.8) for the simulator: `POST /Me/Subscriptions` (or
 * `Users('x')/Subscriptions`) with a PushSubscription runs the validation handshake against the
 * NotificationURL first, then notifications are POSTed there as the subscribed resource changes;
 * a StreamingSubscription (beta) has no URL and no handshake, and its notifications wait in a queue
 * for `GetNotifications` (see streaming.ts). GET (ClientState left out), PATCH (renew) and DELETE.
 *
 *   const subs = registerSubscriptions(sim);            // or registerSubscriptions({ router, store })
 *   …
 *   subs.skipSequence(id); await subs.sendMissed(id);   // test hooks
 *   subs.close();                                       // before sim.stop(): drops in-flight deliveries
 *
 * Simulator choices where the fact sheet is silent: a failed handshake answers 400 ErrorInvalidParameter
 * (the code Outlook used for it); NotificationURL must be http(s) on a loopback host (the simulator never
 * calls out of the machine); SequenceNumber starts at 1 per subscription; the changes of one request are
 * POSTed together in one `value` array; the Missed notification carries the subscription's Resource and
 * no ResourceData; a subscription's Resource must be a collection, with `$filter` as its only query option.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { RequestContext } from "./context.js";
import { badRequest, bodyError, notFound, ServiceError } from "./errors.js";
import { empty, json, readJson, type SimResponse } from "./http.js";
import { NS, type Version } from "./model.js";
import { isPlainObject, readEntityPayload } from "./payload.js";
import { filterData, parseQueryOptions } from "./query.js";
import { evaluate, type Expr } from "./filter.js";
import { type CollectionRes, type EntityRes, resolve, type Resource } from "./resolve.js";
import type { Route, Router } from "./routes.js";
import { canonicalPath, contextUrl, entityJson, etagOf, type Presentation } from "./serialize.js";
import { type ChangeRecord, EntityNode, type Mailbox, type Store } from "./store.js";
import { isoSeconds } from "./time.js";
import { parseQueryString, splitPath } from "./url.js";

/** What the register functions need of a simulator (a `Simulator`, or `{ router, store }` inside server.ts). */
export interface SimulatorHost {
  readonly router: Router;
  readonly store: Store;
}

export interface SubscriptionOptions {
  /** The listener must answer the validation request within this time. Default 5000 ms (fact sheet §3.7). */
  readonly validationTimeoutMs?: number;
  /** A notification POST that takes longer is abandoned. Default 5000 ms. */
  readonly deliveryTimeoutMs?: number;
  /** Longest (and default) subscription lifetime. Default 3 days (fact sheet §3.7). */
  readonly maxLifetimeMs?: number;
  /**
   * The query parameter of the handshake. Default `validationToken` (fact sheet §3.7); Outlook's own error
   * messages quote `validationtoken`, so listeners should accept either spelling.
   */
  readonly validationTokenParameter?: string;
}

export type SubscriptionKind = "push" | "streaming";

/** A notification as the service sends it (PascalCase). */
export type NotificationJson = Record<string, unknown>;

export interface SimSubscription {
  readonly id: string;
  readonly kind: SubscriptionKind;
  readonly version: Version;
  readonly mailbox: Mailbox;
  readonly node: EntityNode;
  /** The Resource as the client sent it. */
  readonly resource: string;
  /** Subscribed change types, Missed included. */
  readonly changeTypes: ReadonlySet<string>;
  readonly notificationUrl: string | undefined;
  readonly clientState: string | undefined;
  /** Expiry, ms since the epoch (store clock). */
  expiresAt: number;
  /** Set by `expire()`, or when `expiresAt` has passed. */
  expired: boolean;
  deleted: boolean;
  /** The last SequenceNumber used. */
  sequence: number;
  /** Streaming: notifications not yet written to a GetNotifications response. */
  readonly pending: NotificationJson[];
}

export interface ValidationRecord {
  readonly url: string;
  readonly token: string;
  /** The ClientState header sent with the validation request, if any. */
  readonly clientState: string | undefined;
  readonly status: number | undefined;
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  readonly ok: boolean;
  /** Why it failed. */
  readonly reason: string | undefined;
  readonly elapsedMs: number;
}

export interface DeliveryRecord {
  readonly subscriptionId: string;
  readonly url: string;
  /** Headers sent, names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly value: readonly NotificationJson[] };
  /** The listener's status, or undefined when the POST failed (`error`). */
  readonly status: number | undefined;
  readonly error: string | undefined;
}

export interface SubscriptionsHandle {
  readonly validations: readonly ValidationRecord[];
  readonly deliveries: readonly DeliveryRecord[];
  get(id: string): SimSubscription | undefined;
  list(): SimSubscription[];
  /** Hook (loss): the next notification of the subscription skips `n` sequence numbers. */
  skipSequence(id: string, n?: number): void;
  /** Hook: sends a Missed notification now (push: POSTed; streaming: queued for GetNotifications). */
  sendMissed(id: string): Promise<void>;
  /** Hook: the subscription expires now (streams that include it are closed by streaming.ts). */
  expire(id: string): void;
  /** Streaming subscriptions: called when notifications were queued (or it expired). Returns an unsubscribe. */
  onStreaming(listener: (sub: SimSubscription) => void): () => void;
  /** Resolves when every notification queued so far has been delivered (or given up on). */
  idle(): Promise<void>;
  /** Stops listening to the store and aborts in-flight deliveries. */
  close(): void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PUSH = `${NS}.PushSubscription`;
const STREAMING = `${NS}.StreamingSubscription`;
const SUBSCRIPTION = `${NS}.Subscription`;

interface Tracker {
  readonly sub: SimSubscription;
  readonly collection: CollectionRes;
  readonly filter: Expr | undefined;
  readonly presentation: Presentation;
  /** Members that match (filter included), with their Resource URL (kept for Deleted). */
  readonly members: Map<EntityNode, string>;
  /** Push: notifications waiting for the next POST. */
  readonly outbox: NotificationJson[];
  flushing: boolean;
  skip: number;
  chain: Promise<void>;
}

interface PostResult {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

class PostTimeout extends Error {
  override readonly name = "PostTimeout";
}

/** One POST with its own connection (no pooling), bounded by `timeoutMs`, abortable. */
function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostResult> {
  return new Promise((resolvePost, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, {
      method: "POST",
      agent: false,
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" },
      signal,
    });
    const timer = setTimeout(() => req.destroy(new PostTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      // A response cut short (e.g. by the timeout) settles the promise too; after "end" this is a no-op.
      res.on("close", () => {
        clearTimeout(timer);
        if (!res.complete) reject(new Error("the response was cut short"));
      });
      res.on("end", () => {
        clearTimeout(timer);
        const ct = res.headers["content-type"];
        resolvePost({
          status: res.statusCode ?? 0,
          contentType: typeof ct === "string" ? ct : undefined,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    req.end(body);
  });
}

const isLoopback = (host: string): boolean =>
  host === "127.0.0.1" || host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** `https://outlook.office.com/api/v2.0/me/…?$filter=…` or `me/…`: path below the service root, and query. */
function splitResource(resource: string): { path: string; search: string } {
  const q = resource.indexOf("?");
  const before = q < 0 ? resource : resource.slice(0, q);
  const search = q < 0 ? "" : resource.slice(q);
  const path = before
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, "")
    .replace(/^\/?api\/[^/]+(?=\/|$)/i, "")
    .replace(/^\/?/, "/");
  return { path, search };
}

function getExpiry(value: unknown, now: number, max: number): number {
  if (value === undefined || value === null) return now + max;
  const t = Date.parse(String(value));
  if (Number.isNaN(t)) throw bodyError("SubscriptionExpirationDateTime is not a valid date-time.");
  if (t <= now) throw badRequest("ErrorInvalidParameter", "SubscriptionExpirationDateTime must be in the future.");
  return Math.min(t, now + max);
}

export function registerSubscriptions(host: SimulatorHost, options: SubscriptionOptions = {}): SubscriptionsHandle {
  const { router, store } = host;
  const validationTimeoutMs = options.validationTimeoutMs ?? 5000;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 5000;
  const maxLifetimeMs = options.maxLifetimeMs ?? 3 * DAY_MS;
  const tokenParameter = options.validationTokenParameter ?? "validationToken";
  const validations: ValidationRecord[] = [];
  const deliveries: DeliveryRecord[] = [];
  const trackers = new Map<string, Tracker>();
  const streamingListeners = new Set<(sub: SimSubscription) => void>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();
  let closed = false;

  const nowMs = (): number => store.now().getTime();
  const live = (t: Tracker): boolean => {
    if (!t.sub.expired && t.sub.expiresAt <= nowMs()) t.sub.expired = true;
    return !t.sub.deleted && !t.sub.expired && !closed;
  };

  // ---- the handshake -------------------------------------------------------------------------

  async function validate(notificationUrl: string, clientState: string | undefined): Promise<void> {
    let url: URL;
    try {
      url = new URL(notificationUrl);
    } catch {
      throw badRequest("ErrorInvalidParameter", `Notification URL '${notificationUrl}' is not a valid URL.`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !isLoopback(url.hostname)) {
      throw badRequest(
        "ErrorInvalidParameter",
        `Notification URL '${notificationUrl}' is not reachable (the simulator only calls loopback http(s) URLs).`,
      );
    }
    // base64 keeps `+`, `/` and `=` in the token, so listeners must decode the query parameter.
    const token = randomBytes(18).toString("base64");
    const target = new URL(url);
    target.searchParams.set(tokenParameter, token);
    const headers: Record<string, string> = {};
    if (clientState !== undefined) headers.clientstate = clientState;
    const started = Date.now();
    let result: PostResult | undefined;
    let reason: string | undefined;
    try {
      result = await postOnce(target, "", headers, validationTimeoutMs, aborter.signal);
      if (result.status !== 200) reason = `the response status ${result.status} is not 200`;
      else if (!/^text\/plain\b/i.test(result.contentType ?? "")) {
        reason = `the response content type '${result.contentType ?? ""}' is not text/plain`;
      } else if (result.body !== token) reason = `the response body '${result.body}' is unexpected`;
    } catch (e) {
      reason = e instanceof PostTimeout ? `there was no answer within ${validationTimeoutMs} ms` : String(e);
    }
    validations.push({
      url: target.toString(),
      token,
      clientState,
      status: result?.status,
      contentType: result?.contentType,
      body: result?.body,
      ok: reason === undefined,
      reason,
      elapsedMs: Date.now() - started,
    });
    if (reason !== undefined) {
      throw badRequest(
        "ErrorInvalidParameter",
        `Notification URL '${target.toString()}' verification failed because ${reason}.`,
      );
    }
  }

  // ---- notifications ---------------------------------------------------------------------------

  function notification(
    t: Tracker,
    changeType: string,
    resource: string,
    data: NotificationJson | null,
  ): NotificationJson {
    t.sub.sequence += 1 + t.skip;
    t.skip = 0;
    return {
      "@odata.type": `#${NS}.Notification`,
      Id: null,
      SubscriptionId: t.sub.id,
      SubscriptionExpirationDateTime: isoSeconds(new Date(t.sub.expiresAt)),
      SequenceNumber: t.sub.sequence,
      ChangeType: changeType,
      Resource: resource,
      ResourceData: data,
    };
  }

  function emit(t: Tracker, n: NotificationJson): void {
    if (t.sub.kind === "streaming") {
      t.sub.pending.push(n);
      for (const l of streamingListeners) l(t.sub);
      return;
    }
    t.outbox.push(n);
    if (t.flushing) return;
    t.flushing = true;
    // The changes of one request go out together, after it.
    const done = new Promise<void>((ok) => setImmediate(ok)).then(() => {
      t.flushing = false;
      const batch = t.outbox.splice(0);
      if (batch.length > 0 && live(t)) t.chain = t.chain.then(() => deliver(t, batch));
      return t.chain;
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }

  async function deliver(t: Tracker, batch: NotificationJson[]): Promise<void> {
    const url = t.sub.notificationUrl;
    if (url === undefined || !live(t)) return;
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    if (t.sub.clientState !== undefined) headers.clientstate = t.sub.clientState;
    const body = { value: batch };
    try {
      const r = await postOnce(new URL(url), JSON.stringify(body), headers, deliveryTimeoutMs, aborter.signal);
      deliveries.push({ subscriptionId: t.sub.id, url, headers, body, status: r.status, error: undefined });
    } catch (e) {
      deliveries.push({ subscriptionId: t.sub.id, url, headers, body, status: undefined, error: String(e) });
    }
  }

  function resourceUrl(t: Tracker, node: EntityNode): string {
    return `${t.presentation.serviceRoot}/${canonicalPath(t.presentation, node)}`;
  }

  function matches(t: Tracker, node: EntityNode, members = t.collection.view.list(new Map())): boolean {
    const s = t.sub.mailbox.service;
    if (!s.isA(node.type, t.collection.type)) return false;
    if (!members.includes(node)) return false;
    return t.filter === undefined || evaluate(t.filter, node, filterData(t.sub.mailbox, s));
  }

  function onChange(change: ChangeRecord): void {
    for (const t of trackers.values()) {
      if (change.version !== t.sub.version || change.mailbox !== t.sub.mailbox || !live(t)) continue;
      const node = change.node;
      const wasIn = t.members.get(node);
      const isIn = change.kind !== "deleted" && matches(t, node);
      let changeType: string | undefined;
      let resource = wasIn;
      if (isIn) {
        resource = resourceUrl(t, node);
        t.members.set(node, resource);
        changeType = wasIn === undefined || change.kind === "created" ? "Created" : "Updated";
      } else if (wasIn !== undefined) {
        t.members.delete(node);
        changeType = "Deleted";
      }
      if (changeType === undefined || resource === undefined || !t.sub.changeTypes.has(changeType)) continue;
      const s = t.sub.mailbox.service;
      emit(
        t,
        notification(t, changeType, resource, {
          "@odata.type": `#${node.type}`,
          "@odata.id": resource,
          "@odata.etag": etagOf(s, node),
          Id: node.id,
        }),
      );
    }
  }
  const unsubscribeStore = store.onChange(onChange);

  // ---- routes ----------------------------------------------------------------------------------

  const isSubscriptions = (r: Resource): boolean =>
    (r.kind === "collection" || r.kind === "entity") && r.nav?.name === "Subscriptions";

  function trackerOf(e: EntityRes): Tracker {
    const t = trackers.get(e.node.id);
    if (!t || t.sub.node !== e.node) throw notFound();
    if (!live(t) && t.sub.expired) throw notFound(`The subscription '${t.sub.id}' has expired.`);
    return t;
  }

  /** The subscription as JSON; ClientState only in the answer to POST (fact sheet §3.7). */
  function subscriptionJson(
    ctx: RequestContext,
    t: Tracker,
    context: string | undefined,
    withClientState: boolean,
  ): Record<string, unknown> {
    const out = entityJson(ctx.presentation, t.sub.node, {
      declaredType: SUBSCRIPTION,
      ...(context !== undefined ? { context } : {}),
    });
    if (t.sub.kind === "push") {
      out.SubscriptionExpirationDateTime = isoSeconds(new Date(t.sub.expiresAt));
      if (withClientState && t.sub.clientState !== undefined) out.ClientState = t.sub.clientState;
      else delete out.ClientState;
    }
    return out;
  }

  async function create(ctx: RequestContext, c: CollectionRes): Promise<SimResponse> {
    const mb = c.mailbox;
    if (!mb || !c.owner || c.owner !== mb.node)
      throw new ServiceError(501, "ErrorNotImplemented", "Only user subscriptions are simulated.");
    const body = readJson(ctx.req);
    if (!isPlainObject(body) || body["@odata.type"] === undefined) {
      throw bodyError("Name the subscription type in @odata.type (PushSubscription or StreamingSubscription).");
    }
    const payload = readEntityPayload(ctx.service, SUBSCRIPTION, body);
    const kind: SubscriptionKind | undefined =
      payload.type === PUSH ? "push" : payload.type === STREAMING ? "streaming" : undefined;
    if (!kind) throw bodyError(`Cannot create an instance of '${payload.type}'.`);
    const p = payload.props;
    const resource = p.Resource;
    if (typeof resource !== "string" || resource.trim() === "")
      throw badRequest("ErrorInvalidParameter", "Resource is required.");
    const changeTypes = new Set(typeof p.ChangeType === "string" ? p.ChangeType.split(",") : []);
    if (changeTypes.size === 0) throw badRequest("ErrorInvalidParameter", "ChangeType is required.");
    changeTypes.add("Missed");
    // The subscribed collection, resolved as a request from the same user would be.
    const { path, search } = splitResource(resource.trim());
    const query = parseQueryString(search);
    const target = resolve({ ...ctx, segments: splitPath(path), rawPath: path, query }, splitPath(path));
    if (target.kind !== "collection" || !target.mailbox) {
      throw badRequest(
        "ErrorInvalidParameter",
        `The resource '${resource}' is not a collection that can be subscribed to.`,
      );
    }
    if (target.mailbox !== mb) throw badRequest("ErrorInvalidParameter", "The resource belongs to another mailbox.");
    for (const name of query.system.keys()) {
      if (name !== "$filter")
        throw badRequest("ErrorInvalidParameter", `The query option '${name}' is not supported in a subscription.`);
    }
    const filter = parseQueryOptions(ctx.service, target.type, query.system, true).filter;
    let notificationUrl: string | undefined;
    let clientState: string | undefined;
    const now = nowMs();
    let expiresAt = now + maxLifetimeMs;
    if (kind === "push") {
      if (typeof p.NotificationURL !== "string" || p.NotificationURL === "") {
        throw badRequest("ErrorInvalidParameter", "NotificationURL is required.");
      }
      notificationUrl = p.NotificationURL;
      if (p.ClientState !== undefined && p.ClientState !== null) {
        clientState = String(p.ClientState);
        if (clientState.length > 255)
          throw badRequest("ErrorInvalidParameter", "ClientState is longer than 255 characters.");
      }
      expiresAt = getExpiry(p.SubscriptionExpirationDateTime, now, maxLifetimeMs);
      await validate(notificationUrl, clientState);
    }
    const id = mb.store.ids.id("AAQk");
    const data: Record<string, unknown> = {
      Id: id,
      Resource: resource,
      ChangeType: [...changeTypes].join(","),
    };
    if (kind === "push") {
      data.NotificationURL = notificationUrl;
      data.SubscriptionExpirationDateTime = isoSeconds(new Date(expiresAt));
    }
    const node = mb.node.add("Subscriptions", new EntityNode(payload.type, data));
    const sub: SimSubscription = {
      id,
      kind,
      version: ctx.version,
      mailbox: mb,
      node,
      resource,
      changeTypes,
      notificationUrl,
      clientState,
      expiresAt,
      expired: false,
      deleted: false,
      sequence: 0,
      pending: [],
    };
    const presentation: Presentation = {
      service: ctx.service,
      version: ctx.version,
      serviceRoot: ctx.serviceRoot,
      timeZone: undefined,
      bodyType: undefined,
    };
    const t: Tracker = {
      sub,
      collection: target,
      filter,
      presentation,
      members: new Map(),
      outbox: [],
      flushing: false,
      skip: 0,
      chain: Promise.resolve(),
    };
    const current = target.view.list(new Map());
    for (const n of current) if (matches(t, n, current)) t.members.set(n, resourceUrl(t, n));
    trackers.set(id, t);
    const out = subscriptionJson(ctx, t, contextUrl(ctx.presentation, `${c.path}/$entity`), true);
    return json(201, out, typeof out["@odata.id"] === "string" ? { location: out["@odata.id"] } : {});
  }

  function list(ctx: RequestContext, c: CollectionRes): SimResponse {
    const value = c.view
      .list(new Map())
      .map((n) => trackers.get(n.id))
      .filter((t): t is Tracker => t !== undefined && live(t))
      .map((t) => subscriptionJson(ctx, t, undefined, false));
    return json(200, { "@odata.context": contextUrl(ctx.presentation, c.path), value });
  }

  function read(ctx: RequestContext, e: EntityRes): SimResponse {
    const t = trackerOf(e);
    return json(200, subscriptionJson(ctx, t, contextUrl(ctx.presentation, e.context), false));
  }

  function renew(ctx: RequestContext, e: EntityRes): SimResponse {
    const t = trackerOf(e);
    const body = readJson(ctx.req);
    const payload = readEntityPayload(ctx.service, t.sub.node.type, body);
    for (const k of Object.keys(payload.props)) {
      if (k !== "SubscriptionExpirationDateTime") {
        throw badRequest("ErrorInvalidParameter", `Only SubscriptionExpirationDateTime can be changed, not ${k}.`);
      }
    }
    const now = nowMs();
    t.sub.expiresAt = getExpiry(payload.props.SubscriptionExpirationDateTime, now, maxLifetimeMs);
    if (t.sub.kind === "push") t.sub.node.data.SubscriptionExpirationDateTime = isoSeconds(new Date(t.sub.expiresAt));
    t.sub.node.revision++;
    return json(200, subscriptionJson(ctx, t, contextUrl(ctx.presentation, e.context), false));
  }

  function remove(e: EntityRes): SimResponse {
    const t = trackers.get(e.node.id);
    if (!t || t.sub.node !== e.node) throw notFound();
    t.sub.deleted = true;
    t.outbox.length = 0;
    e.node.detach();
    trackers.delete(t.sub.id);
    for (const l of streamingListeners) l(t.sub);
    return empty(204);
  }

  const routes: Route[] = [
    {
      name: "subscriptions-create",
      match: (ctx, r) => isSubscriptions(r) && r.kind === "collection" && ctx.method === "POST",
      handle: (ctx, r) => create(ctx, r as CollectionRes),
    },
    {
      name: "subscriptions-list",
      match: (ctx, r) => isSubscriptions(r) && r.kind === "collection" && ctx.method === "GET",
      handle: (ctx, r) => list(ctx, r as CollectionRes),
    },
    {
      name: "subscriptions-read",
      match: (ctx, r) => isSubscriptions(r) && r.kind === "entity" && ctx.method === "GET",
      handle: (ctx, r) => read(ctx, r as EntityRes),
    },
    {
      name: "subscriptions-renew",
      match: (ctx, r) => isSubscriptions(r) && r.kind === "entity" && ctx.method === "PATCH",
      handle: (ctx, r) => renew(ctx, r as EntityRes),
    },
    {
      name: "subscriptions-delete",
      match: (ctx, r) => isSubscriptions(r) && r.kind === "entity" && ctx.method === "DELETE",
      handle: (_ctx, r) => remove(r as EntityRes),
    },
  ];
  for (const r of routes) router.use(r, "first");

  // ---- the handle ------------------------------------------------------------------------------

  const need = (id: string): Tracker => {
    const t = trackers.get(id);
    if (!t) throw new Error(`simulator: no subscription ${id}`);
    return t;
  };

  return {
    validations,
    deliveries,
    get: (id) => trackers.get(id)?.sub,
    list: () => [...trackers.values()].map((t) => t.sub),
    skipSequence(id, n = 1) {
      need(id).skip += n;
    },
    async sendMissed(id) {
      const t = need(id);
      emit(t, notification(t, "Missed", t.sub.resource, null));
      await Promise.all([...inFlight]);
    },
    expire(id) {
      const t = need(id);
      t.sub.expired = true;
      t.outbox.length = 0;
      for (const l of streamingListeners) l(t.sub);
    },
    onStreaming(listener) {
      streamingListeners.add(listener);
      return () => streamingListeners.delete(listener);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    close() {
      if (closed) return;
      closed = true;
      unsubscribeStore();
      aborter.abort(new Error("simulator subscriptions closed"));
      streamingListeners.clear();
    },
  };
}
