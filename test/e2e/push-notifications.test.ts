/**
 * Push notifications end to end (fact sheet §3.7): the generated v2.0 and beta clients subscribe through
 * the simulator, which runs the validation handshake against a real webhook on 127.0.0.1 built with the
 * runtime's createWebhookHandler (handleNode, and handleFetch behind an adapter), then POSTs notifications
 * as the mailbox changes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createClient as createV2,
  createWebhookHandler,
  isODataError,
  ODataError,
} from "../../generated/v2.0/index.js";
import type {
  ParsedNotification,
  PushSubscription,
  WebhookHandler,
  WebhookOptions,
} from "../../generated/v2.0/index.js";
import { createClient as createBeta } from "../../generated/beta/index.js";
import type { GapInfo } from "../../generated/runtime/notifications.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { registerSubscriptions, type SubscriptionsHandle } from "../simulator/subscriptions.js";
import {
  delay,
  type Listener,
  sendFetchResponse,
  startListener,
  toFetchRequest,
  waitFor,
} from "./harness-notifications.js";

const DAY = 24 * 60 * 60 * 1000;
const STATE = "s3cret-state";
const INBOX = "me/mailfolders('inbox')/messages";

let sim: Simulator;
let subs: SubscriptionsHandle;
const listeners: Listener[] = [];

beforeEach(async () => {
  sim = await startSimulator();
  subs = registerSubscriptions(sim, { validationTimeoutMs: 300, deliveryTimeoutMs: 2000 });
});

afterEach(async () => {
  subs.close();
  await Promise.all(listeners.splice(0).map((l) => l.close()));
  await sim.stop();
});

const v2 = () => createV2({ baseUrl: sim.baseUrl("v2.0"), getAccessToken: () => "test-token" });
const beta = () => createBeta({ baseUrl: sim.baseUrl("beta"), getAccessToken: () => "test-token" });

interface Hook {
  readonly listener: Listener;
  readonly handler: WebhookHandler;
  readonly batches: ParsedNotification[][];
  readonly gaps: GapInfo[];
  readonly missed: ParsedNotification[];
  readonly rejected: ParsedNotification[];
  /** How many subscriptions the simulator held when each request reached the listener. */
  readonly subscriptionsAtRequest: number[];
}

/** A webhook on 127.0.0.1 answering through createWebhookHandler().handleNode (or handleFetch). */
async function webhook(options: Partial<WebhookOptions> = {}, via: "node" | "fetch" = "node"): Promise<Hook> {
  const batches: ParsedNotification[][] = [];
  const gaps: GapInfo[] = [];
  const missed: ParsedNotification[] = [];
  const rejected: ParsedNotification[] = [];
  const subscriptionsAtRequest: number[] = [];
  const handler = createWebhookHandler({
    clientState: STATE,
    onNotifications: (batch) => {
      batches.push(batch);
    },
    onGap: (info) => gaps.push(info),
    onMissed: (n) => missed.push(n),
    onRejected: (n) => rejected.push(n),
    onError: (e) => {
      throw e;
    },
    ...options,
  });
  const listener = await startListener(async (req: IncomingMessage, res: ServerResponse) => {
    subscriptionsAtRequest.push(subs.list().length);
    if (via === "node") return handler.handleNode(req, res);
    const request = await toFetchRequest(req, "http://127.0.0.1");
    return sendFetchResponse(await handler.handleFetch(request), res);
  });
  listeners.push(listener);
  return { listener, handler, batches, gaps, missed, rejected, subscriptionsAtRequest };
}

async function custom(handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<Listener> {
  const l = await startListener(handle);
  listeners.push(l);
  return l;
}

const flat = (h: Hook): ParsedNotification[] => h.batches.flat();

async function subscribe(hook: Listener, extra: Partial<PushSubscription> = {}) {
  return v2().me.subscriptions.create({
    "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
    Resource: `https://outlook.office.com/api/v2.0/${INBOX}`,
    NotificationURL: hook.url,
    ChangeType: "Created",
    ClientState: STATE,
    ...extra,
  });
}

describe("push subscriptions: the validation handshake", () => {
  it("validates the listener before creating, and answers 201 with the echoed fields", async () => {
    const hook = await webhook();
    const started = Date.now();
    const created = await subscribe(hook.listener);
    // The only request the listener saw was the handshake, sent before the subscription existed.
    const [validation, ...more] = subs.validations;
    expect(more).toEqual([]);
    expect(validation?.ok).toBe(true);
    expect(validation?.clientState).toBe(STATE);
    expect(validation?.elapsedMs).toBeLessThan(1000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(hook.listener.seen).toHaveLength(1);
    const seen = hook.listener.seen[0];
    expect(seen?.method).toBe("POST");
    expect(seen?.headers.clientstate).toBe(STATE);
    expect(seen?.status).toBe(200);
    const token = new URL(seen?.url ?? "", "http://x").searchParams.get("validationToken");
    expect(token).toBe(validation?.token);
    expect(validation?.body).toBe(validation?.token);
    expect(validation?.contentType).toMatch(/^text\/plain/);
    expect(hook.subscriptionsAtRequest).toEqual([0]);
    expect(subs.list()).toHaveLength(1);

    expect(created["@odata.type"]).toBe("#Microsoft.OutlookServices.PushSubscription");
    if (created["@odata.type"] !== "#Microsoft.OutlookServices.PushSubscription") return;
    expect(typeof created.Id).toBe("string");
    expect(created.Resource).toBe(`https://outlook.office.com/api/v2.0/${INBOX}`);
    expect(created.NotificationURL).toBe(hook.listener.url);
    expect(created.ClientState).toBe(STATE);
    expect(created.ChangeType).toBe("Created,Missed");
    const expires = Date.parse(created.SubscriptionExpirationDateTime ?? "");
    expect(expires).toBeGreaterThan(Date.now() + 3 * DAY - 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3 * DAY);

    // GET leaves ClientState out.
    const id = created.Id ?? "";
    const read = await v2().me.subscriptions.byId(id).get();
    expect(read.Id).toBe(id);
    expect("ClientState" in read).toBe(false);
    const listed = await v2().me.subscriptions.list();
    expect(listed.value.map((s) => s.Id)).toEqual([id]);
    expect(listed.value.some((s) => "ClientState" in s)).toBe(false);
    const post = sim.requests.filter((r) => r.method === "POST" && /\/Subscriptions$/i.test(r.url));
    expect(post).toHaveLength(1);
  });

  it("accepts the lowercase validationtoken spelling quoted in Outlook's error messages", async () => {
    subs.close();
    subs = registerSubscriptions(sim, { validationTimeoutMs: 300, validationTokenParameter: "validationtoken" });
    const hook = await webhook();
    const created = await subscribe(hook.listener);
    expect(typeof created.Id).toBe("string");
    expect(hook.listener.seen[0]?.url).toMatch(/\?validationtoken=/);
    expect(subs.validations.map((v) => v.ok)).toEqual([true]);
  });

  it("clamps a longer expiry to 3 days", async () => {
    const hook = await webhook();
    const created = await subscribe(hook.listener, {
      SubscriptionExpirationDateTime: new Date(Date.now() + 10 * DAY).toISOString(),
    });
    const expires = Date.parse(
      (created as { SubscriptionExpirationDateTime?: string }).SubscriptionExpirationDateTime ?? "",
    );
    expect(expires).toBeLessThanOrEqual(Date.now() + 3 * DAY);
    expect(expires).toBeGreaterThan(Date.now() + 3 * DAY - 60_000);
  });

  it("fails with a typed ODataError when the listener answers too slowly", async () => {
    const slow = await custom((req, res) => {
      // Answers correctly, but after the simulator's 300 ms; gives up when the simulator hangs up.
      const token = new URL(req.url ?? "", "http://x").searchParams.get("validationToken") ?? "";
      const timer = setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { "content-type": "text/plain" }).end(token);
      }, 1500);
      res.on("close", () => clearTimeout(timer));
    });
    const started = Date.now();
    const error = await subscribe(slow).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(isODataError(error)).toBe(true);
    expect(error).toBeInstanceOf(ODataError);
    const e = error as ODataError;
    expect(e.status).toBe(400);
    expect(e.code).toBe("ErrorInvalidParameter");
    expect(e.message).toMatch(/no answer within 300 ms/);
    expect(slow.seen).toHaveLength(1);
    expect(subs.validations[0]?.ok).toBe(false);
    expect(subs.list()).toEqual([]);
    expect((await v2().me.subscriptions.list()).value).toEqual([]);
  });

  it.each([
    ["a wrong body", (t: string) => [200, "text/plain", `${t}x`] as const, /response body/],
    ["a JSON content type", (t: string) => [200, "application/json", t] as const, /content type/],
    ["a 500 status", (t: string) => [500, "text/plain", t] as const, /status 500/],
  ])("fails with a typed ODataError when the listener answers with %s", async (_, answer, message) => {
    const wrong = await custom((req, res) => {
      const token = new URL(req.url ?? "", "http://x").searchParams.get("validationToken") ?? "";
      const [status, type, body] = answer(token);
      res.writeHead(status, { "content-type": type }).end(body);
    });
    const error = await subscribe(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(400);
    expect((error as ODataError).code).toBe("ErrorInvalidParameter");
    expect((error as ODataError).message).toMatch(message);
    expect(subs.list()).toEqual([]);
  });
});

describe("push subscriptions: notifications", () => {
  it.each(["v2.0", "beta"] as const)("delivers a typed notification for a new inbox message (%s)", async (version) => {
    const hook = await webhook();
    const client = version === "v2.0" ? v2() : beta();
    const created = await client.me.subscriptions.create({
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      Resource: `https://outlook.office.com/api/${version}/${INBOX}`,
      NotificationURL: hook.listener.url,
      ChangeType: "Created",
      ClientState: STATE,
    });
    const message = await client.me.mailFolders.byId("inbox").messages.create({ Subject: "Hello" });
    const [n] = await waitFor(() => (flat(hook).length > 0 ? flat(hook) : undefined), "a notification");
    expect(n?.subscriptionId).toBe(created.Id);
    expect(n?.changeType).toEqual(["Created"]);
    expect(n?.sequenceNumber).toBe(1);
    expect(n?.missed).toBe(false);
    expect(n?.resource).toMatch(new RegExp(`^${sim.baseUrl(version)}/Users\\('[^']+'\\)/Messages\\('`));
    expect(n?.resourceData?.Id).toBe(message.Id);
    expect(n?.resourceData?.["@odata.type"]).toBe("#Microsoft.OutlookServices.Message");
    expect(n?.resourceData?.["@odata.id"]).toBe(n?.resource);
    expect(n?.raw["@odata.type"]).toBe("#Microsoft.OutlookServices.Notification");
    expect(n?.raw.Id).toBeNull();
    expect(n?.subscriptionExpirationDateTime).toBe(
      (created as { SubscriptionExpirationDateTime?: string }).SubscriptionExpirationDateTime,
    );
    // What the simulator sent and how the webhook answered.
    await subs.idle();
    const [d] = subs.deliveries;
    expect(subs.deliveries).toHaveLength(1);
    expect(d?.headers.clientstate).toBe(STATE);
    expect(d?.status).toBe(202);
    expect(d?.body.value[0]?.ChangeType).toBe("Created");
    expect(hook.rejected).toEqual([]);
    expect(hook.gaps).toEqual([]);
  });

  it("subscribes through Users('upn')/Subscriptions and leaves other folders out", async () => {
    const hook = await webhook();
    const client = v2();
    await client.users.byId("alice@contoso.com").subscriptions.create({
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      Resource: INBOX,
      NotificationURL: hook.listener.url,
      ChangeType: "Created",
      ClientState: STATE,
    });
    await client.me.mailFolders.byId("drafts").messages.create({ Subject: "not in the inbox" });
    sim.store.mailbox("alice@contoso.com", "v2.0").addMessage("inbox", { Subject: "delivered" });
    const [n] = await waitFor(() => (flat(hook).length > 0 ? flat(hook) : undefined), "a notification");
    await subs.idle();
    expect(flat(hook)).toHaveLength(1);
    expect(n?.sequenceNumber).toBe(1);
    const id = n?.resourceData?.Id as string;
    expect(
      sim.store
        .mailbox("alice@contoso.com", "v2.0")
        .messagesIn("inbox")
        .map((m) => m.id),
    ).toContain(id);
  });

  it("rejects a notification whose ClientState does not match (403, onRejected)", async () => {
    const hook = await webhook({ clientState: "the-expected-state" });
    await subscribe(hook.listener, { ClientState: "some-other-state" });
    sim.store.mailbox("alice@contoso.com", "v2.0").addMessage("inbox", { Subject: "spoofed?" });
    await waitFor(() => hook.rejected.length > 0, "a rejected notification");
    await subs.idle();
    expect(subs.deliveries.map((d) => d.status)).toEqual([403]);
    expect(subs.deliveries[0]?.headers.clientstate).toBe("some-other-state");
    await hook.handler.drain();
    expect(hook.batches).toEqual([]);
  });

  it("reports a skipped sequence number through onGap", async () => {
    const hook = await webhook();
    const created = await subscribe(hook.listener);
    const mb = sim.store.mailbox("alice@contoso.com", "v2.0");
    mb.addMessage("inbox", { Subject: "one" });
    await waitFor(() => flat(hook).length === 1, "the first notification");
    subs.skipSequence(created.Id ?? "");
    mb.addMessage("inbox", { Subject: "three" });
    await waitFor(() => flat(hook).length === 2, "the second notification");
    expect(flat(hook).map((n) => n.sequenceNumber)).toEqual([1, 3]);
    expect(hook.gaps).toEqual([{ subscriptionId: created.Id, expected: 2, received: 3 }]);
    expect(hook.missed).toEqual([]);
  });

  it("reports a Missed notification through onMissed", async () => {
    const hook = await webhook();
    const created = await subscribe(hook.listener);
    await subs.sendMissed(created.Id ?? "");
    const [m] = await waitFor(() => (hook.missed.length > 0 ? hook.missed : undefined), "onMissed");
    expect(m?.subscriptionId).toBe(created.Id);
    expect(m?.missed).toBe(true);
    expect(m?.changeType).toEqual(["Missed"]);
    expect(m?.resource).toBe(`https://outlook.office.com/api/v2.0/${INBOX}`);
    expect(subs.deliveries.map((d) => d.status)).toEqual([202]);
    await waitFor(() => flat(hook).length === 1, "the batch");
  });

  it("follows a $filter on IsRead eq false: Created when unread, Deleted when read", async () => {
    const hook = await webhook();
    await subscribe(hook.listener, {
      Resource: `${INBOX}?$filter=IsRead eq false`,
      ChangeType: "Created,Updated,Deleted",
    });
    const client = v2();
    const mb = sim.store.mailbox("alice@contoso.com", "v2.0");
    const msg = mb.addMessage("inbox", { Subject: "unread" });
    await waitFor(() => flat(hook).length === 1, "Created");
    await client.me.messages.byId(msg.id).update({ IsRead: true });
    await waitFor(() => flat(hook).length === 2, "Deleted");
    await client.me.messages.byId(msg.id).update({ Subject: "still read" });
    await client.me.messages.byId(msg.id).update({ IsRead: false });
    await waitFor(() => flat(hook).length === 3, "Created again");
    await subs.idle();
    expect(flat(hook).map((n) => n.changeType.join())).toEqual(["Created", "Deleted", "Created"]);
    expect(flat(hook).map((n) => n.sequenceNumber)).toEqual([1, 2, 3]);
    expect(new Set(flat(hook).map((n) => n.resourceData?.Id))).toEqual(new Set([msg.id]));
  });

  it("renews (PATCH, 200) and deletes (204); a deleted subscription is silent", async () => {
    const hook = await webhook();
    const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const created = await subscribe(hook.listener, { SubscriptionExpirationDateTime: soon });
    const id = created.Id ?? "";
    expect((created as { SubscriptionExpirationDateTime?: string }).SubscriptionExpirationDateTime).toBe(soon);
    const client = v2();
    // An empty body renews for the maximum (3 days).
    const renewed = await client.me.subscriptions.byId(id).update({});
    expect(renewed?.Id).toBe(id);
    const until = Date.parse(
      (renewed as { SubscriptionExpirationDateTime?: string }).SubscriptionExpirationDateTime ?? "",
    );
    expect(until).toBeGreaterThan(Date.now() + 3 * DAY - 60_000);
    // Through the PushSubscription cast, with a date.
    const later = new Date(Date.now() + 2 * DAY).toISOString().replace(/\.\d{3}Z$/, "Z");
    const again = await client.me.subscriptions
      .byId(id)
      .cast("Microsoft.OutlookServices.PushSubscription")
      .update({ SubscriptionExpirationDateTime: later });
    expect(again?.SubscriptionExpirationDateTime).toBe(later);
    expect(again && "ClientState" in again).toBe(false);
    const patches = sim.requests.filter((r) => r.method === "PATCH");
    expect(patches.map((r) => r.body)).toEqual(["{}", JSON.stringify({ SubscriptionExpirationDateTime: later })]);

    await client.me.subscriptions.byId(id).delete();
    expect(sim.requests.at(-1)?.method).toBe("DELETE");
    const gone = await client.me.subscriptions
      .byId(id)
      .get()
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ODataError);
    expect((gone as ODataError).status).toBe(404);
    sim.store.mailbox("alice@contoso.com", "v2.0").addMessage("inbox", { Subject: "nobody listens" });
    await subs.idle();
    await delay(20);
    expect(subs.deliveries).toEqual([]);
    expect(hook.batches).toEqual([]);
  });
});

describe("push subscriptions: handleFetch", () => {
  it("validates and receives notifications through handleFetch behind a real socket", async () => {
    const hook = await webhook({}, "fetch");
    const created = await subscribe(hook.listener);
    expect(subs.validations[0]?.ok).toBe(true);
    sim.store.mailbox("alice@contoso.com", "v2.0").addMessage("inbox", { Subject: "via fetch" });
    const [n] = await waitFor(() => (flat(hook).length > 0 ? flat(hook) : undefined), "a notification");
    expect(n?.subscriptionId).toBe(created.Id);
    await subs.idle();
    expect(subs.deliveries.map((d) => d.status)).toEqual([202]);
  });

  it("answers fetch-style Requests directly: handshake, accepted, rejected, malformed", async () => {
    const batches: ParsedNotification[][] = [];
    const handler = createWebhookHandler({ clientState: STATE, onNotifications: (b) => void batches.push(b) });
    const token = "a+b/c=d e";
    const validation = await handler.handleFetch(
      new Request(`https://example.invalid/hook?validationToken=${encodeURIComponent(token)}`, { method: "POST" }),
    );
    expect(validation.status).toBe(200);
    expect(validation.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await validation.text()).toBe(token);
    const body = (seq: number) =>
      JSON.stringify({
        value: [
          {
            "@odata.type": "#Microsoft.OutlookServices.Notification",
            Id: null,
            SubscriptionId: "sub-1",
            SequenceNumber: seq,
            ChangeType: "Created",
            Resource: "https://outlook.office.com/api/v2.0/Users('u')/Messages('m')",
            ResourceData: { "@odata.type": "#Microsoft.OutlookServices.Message", Id: "m" },
          },
        ],
      });
    const waits: Promise<unknown>[] = [];
    const ok = await handler.handleFetch(
      new Request("https://example.invalid/hook", { method: "POST", headers: { ClientState: STATE }, body: body(1) }),
      { waitUntil: (p) => void waits.push(p) },
    );
    expect(ok.status).toBe(202);
    expect(waits).toHaveLength(1);
    await Promise.all(waits);
    expect(batches.flat().map((n) => n.resourceData?.Id)).toEqual(["m"]);
    const bad = await handler.handleFetch(
      new Request("https://example.invalid/hook", { method: "POST", headers: { ClientState: "nope" }, body: body(2) }),
    );
    expect(bad.status).toBe(403);
    const malformed = await handler.handleFetch(
      new Request("https://example.invalid/hook", { method: "POST", body: "{not json" }),
    );
    expect(malformed.status).toBe(400);
    await handler.drain();
    expect(batches).toHaveLength(1);
  });
});
