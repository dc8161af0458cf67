/**
 * Streaming notifications end to end (fact sheet §3.8, beta): the generated beta client creates a
 * StreamingSubscription and reads `streamNotifications(me)` from the simulator's chunked
 * GetNotifications responses: notifications while the connection is open, keep-alives, reconnects on
 * connection timeout and on a cut connection, renew on 404, clean abort. Durations are fractional
 * (a keep-alive every 50 ms, connections of a few hundred ms).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient, isODataError, ODataError, streamNotifications } from "../../generated/beta/index.js";
import type { StreamingEvent } from "../../generated/beta/index.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { KEEP_ALIVE, registerStreaming, type StreamingHandle } from "../simulator/streaming.js";
import { registerSubscriptions, type SubscriptionsHandle } from "../simulator/subscriptions.js";
import { consume, delay, waitFor } from "./harness-notifications.js";

const ALICE = "alice@contoso.com";
const RESOURCE = "https://outlook.office.com/api/beta/me/mailfolders('inbox')/messages";
/** 50 ms */
const KEEP_ALIVE_S = 0.05;
/** 3 s: longer than any single test step */
const LONG_MIN = 0.05;
/** 240 ms */
const SHORT_MIN = 0.004;

let sim: Simulator;
let subs: SubscriptionsHandle;
let streaming: StreamingHandle;

beforeEach(async () => {
  sim = await startSimulator();
  subs = registerSubscriptions(sim);
  streaming = registerStreaming(sim, { subscriptions: subs });
});

afterEach(async () => {
  streaming.close();
  subs.close();
  await sim.stop();
});

const client = () => createClient({ baseUrl: sim.baseUrl("beta"), getAccessToken: () => "test-token" });

async function streamingSubscription(): Promise<string> {
  const created = await client().me.subscriptions.create({
    "@odata.type": "#Microsoft.OutlookServices.StreamingSubscription",
    Resource: RESOURCE,
    ChangeType: "Created",
  });
  expect(created["@odata.type"]).toBe("#Microsoft.OutlookServices.StreamingSubscription");
  expect(typeof created.Id).toBe("string");
  return created.Id ?? "";
}

const notifications = (events: readonly StreamingEvent[]) =>
  events.flatMap((e) => (e.kind === "notification" ? [e.notification] : []));
const keepAlives = (events: readonly StreamingEvent[]) => events.filter((e) => e.kind === "keepAlive");
const getNotifications = () => sim.requests.filter((r) => /\/GetNotifications$/i.test(r.url));
const newMessage = (subject: string) => sim.store.mailbox(ALICE, "beta").addMessage("inbox", { Subject: subject });

describe("streaming notifications", () => {
  it("creates a StreamingSubscription without a handshake", async () => {
    const id = await streamingSubscription();
    expect(subs.validations).toEqual([]);
    expect(subs.get(id)?.kind).toBe("streaming");
    const read = await client().me.subscriptions.byId(id).get();
    expect(read).toMatchObject({ Id: id, Resource: RESOURCE, ChangeType: "Created,Missed" });
    expect("NotificationURL" in read).toBe(false);
  });

  it("yields a change as a notification while the connection is still open, with keep-alives", async () => {
    const id = await streamingSubscription();
    const controller = new AbortController();
    const openWhenYielded: boolean[] = [];
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        signal: controller.signal,
      }),
      controller,
      (e) => {
        if (e.kind === "notification") openWhenYielded.push(streaming.streams[0]?.end === undefined);
      },
    );
    try {
      await waitFor(() => keepAlives(run.items).length >= 1, "a first keep-alive");
      const message = newMessage("streamed");
      const [n] = await waitFor(
        () => (notifications(run.items).length > 0 ? notifications(run.items) : undefined),
        "a notification",
      );
      expect(openWhenYielded).toEqual([true]);
      expect(streaming.open()).toHaveLength(1);
      expect(n?.subscriptionId).toBe(id);
      expect(n?.changeType).toEqual(["Created"]);
      expect(n?.sequenceNumber).toBe(1);
      expect(n?.resourceData?.Id).toBe(message.id);
      expect(n?.resource).toMatch(/\/api\/beta\/Users\('[^']+'\)\/Messages\('/);
      await waitFor(() => keepAlives(run.items).length >= 4, "more keep-alives");
      expect(keepAlives(run.items).every((k) => k.kind === "keepAlive" && k.status === "Ok")).toBe(true);
    } finally {
      await run.stop();
    }
    expect(run.error()).toBeUndefined();
    // What the simulator saw: one request with the client's parameters, one stream, ended by the client.
    expect(getNotifications()).toHaveLength(1);
    expect(getNotifications()[0]?.method).toBe("POST");
    expect(JSON.parse(getNotifications()[0]?.body ?? "")).toEqual({
      ConnectionTimeoutInMinutes: LONG_MIN,
      KeepAliveNotificationIntervalInSeconds: KEEP_ALIVE_S,
      SubscriptionIds: [id],
    });
    await waitFor(() => streaming.open().length === 0, "the stream to close");
    const [stream] = streaming.streams;
    expect(stream?.end).toBe("client");
    expect(stream?.keepAliveMs).toBe(50);
    expect(stream?.written.filter((w) => w["@odata.type"] === KEEP_ALIVE["@odata.type"]).length).toBeGreaterThanOrEqual(
      4,
    );
    expect(stream?.written.filter((w) => w.SubscriptionId === id)).toHaveLength(1);
  });

  it("reconnects when the connection times out and keeps delivering", async () => {
    const id = await streamingSubscription();
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: SHORT_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        signal: controller.signal,
      }),
      controller,
    );
    try {
      await waitFor(() => streaming.streams.length >= 2 && streaming.open().length === 1, "a second connection");
      expect(streaming.streams[0]?.end).toBe("timeout");
      expect(streaming.streams[0]?.timeoutMs).toBe(240);
      newMessage("after the reconnect");
      await waitFor(() => notifications(run.items).length === 1, "a notification on the new connection");
      await waitFor(() => streaming.streams.length >= 3, "a third connection");
    } finally {
      await run.stop();
    }
    expect(run.error()).toBeUndefined();
    expect(getNotifications().length).toBe(streaming.streams.length);
    expect(streaming.streams.slice(0, 2).every((s) => s.end === "timeout")).toBe(true);
    expect(notifications(run.items).map((n) => n.subscriptionId)).toEqual([id]);
    expect(keepAlives(run.items).length).toBeGreaterThanOrEqual(4);
  });

  it("reconnects after the connection is cut mid-stream; changes made meanwhile are not lost", async () => {
    const id = await streamingSubscription();
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        retryDelay: () => 10,
        signal: controller.signal,
      }),
      controller,
    );
    try {
      await waitFor(() => keepAlives(run.items).length >= 1, "a keep-alive");
      expect(streaming.cut()).toBe(1);
      newMessage("while cut");
      await waitFor(() => streaming.streams.length === 2 && streaming.open().length === 1, "a new connection");
      await waitFor(() => notifications(run.items).length === 1, "the notification queued while cut");
      newMessage("after the cut");
      await waitFor(() => notifications(run.items).length === 2, "a notification on the new connection");
    } finally {
      await run.stop();
    }
    expect(run.error()).toBeUndefined();
    expect(streaming.streams[0]?.end).toBe("cut");
    expect(getNotifications()).toHaveLength(2);
    expect(notifications(run.items).map((n) => n.sequenceNumber)).toEqual([1, 2]);
  });

  it("answers 404 for an expired subscription; renew() subscribes again and streaming goes on", async () => {
    const first = await streamingSubscription();
    const renewals: string[] = [];
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [first],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        renew: async () => {
          const id = await streamingSubscription();
          renewals.push(id);
          return [id];
        },
        signal: controller.signal,
      }),
      controller,
    );
    try {
      await waitFor(() => keepAlives(run.items).length >= 1, "a keep-alive");
      subs.expire(first);
      await waitFor(() => streaming.streams.length === 2 && streaming.open().length === 1, "a stream with the new id");
      newMessage("for the new subscription");
      await waitFor(() => notifications(run.items).length === 1, "a notification");
    } finally {
      await run.stop();
    }
    expect(run.error()).toBeUndefined();
    expect(renewals).toHaveLength(1);
    expect(streaming.streams[0]?.end).toBe("expired");
    expect(streaming.streams[1]?.subscriptionIds).toEqual(renewals);
    expect(notifications(run.items)[0]?.subscriptionId).toBe(renewals[0]);
    // The simulator saw three GetNotifications: the first stream, the 404 for the expired id, the new stream.
    const bodies = getNotifications().map((r) => (JSON.parse(r.body) as { SubscriptionIds: string[] }).SubscriptionIds);
    expect(bodies).toEqual([[first], [first], renewals]);
  });

  it("without renew, the 404 ends the iteration with a typed ODataError carrying the error envelope", async () => {
    const id = await streamingSubscription();
    subs.expire(id);
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        signal: controller.signal,
      }),
      controller,
    );
    await run.finished;
    expect(isODataError(run.error())).toBe(true);
    const e = run.error() as ODataError;
    expect(e.status).toBe(404);
    expect(e.code).toBe("ErrorItemNotFound");
    expect(e.details).toMatchObject({ code: "ErrorItemNotFound" });
    expect(streaming.streams).toEqual([]);
    // An unknown id: the same envelope over plain HTTP.
    const raw = await fetch(`${sim.baseUrl("beta")}/Me/GetNotifications`, {
      method: "POST",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify({
        ConnectionTimeoutInMinutes: 1,
        KeepAliveNotificationIntervalInSeconds: 1,
        SubscriptionIds: ["nope"],
      }),
    });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toMatchObject({ error: { code: "ErrorItemNotFound" } });
  });

  it("streams chunked JSON: the array opens at once and closes at the timeout", async () => {
    const id = await streamingSubscription();
    const response = await fetch(`${sim.baseUrl("beta")}/Me/GetNotifications`, {
      method: "POST",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      body: JSON.stringify({
        ConnectionTimeoutInMinutes: 0.002,
        KeepAliveNotificationIntervalInSeconds: KEEP_ALIVE_S,
        SubscriptionIds: [id],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    const body = JSON.parse(text) as { "@odata.context": string; value: unknown[] };
    expect(body["@odata.context"]).toBe(
      `${sim.baseUrl("beta")}/$metadata#Collection(Microsoft.OutlookServices.Notification)`,
    );
    expect(body.value.length).toBeGreaterThanOrEqual(1);
    expect(body.value.every((v) => JSON.stringify(v) === JSON.stringify(KEEP_ALIVE))).toBe(true);
    expect(streaming.streams[0]?.end).toBe("timeout");
  });

  it("closes the connection when the consumer breaks out of the loop", async () => {
    const id = await streamingSubscription();
    const seen: StreamingEvent[] = [];
    for await (const e of streamNotifications(client().me, {
      subscriptionIds: [id],
      connectionTimeoutInMinutes: LONG_MIN,
      keepAliveIntervalInSeconds: KEEP_ALIVE_S,
    })) {
      seen.push(e);
      if (seen.length === 2) break;
    }
    expect(seen.map((e) => e.kind)).toEqual(["keepAlive", "keepAlive"]);
    await waitFor(() => streaming.open().length === 0, "the simulator to see the disconnect");
    expect(streaming.streams.map((s) => s.end)).toEqual(["client"]);
    expect(getNotifications()).toHaveLength(1);
  });

  it("drops a silent connection after idleTimeoutInSeconds and opens a new one", async () => {
    const id = await streamingSubscription();
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: 60,
        idleTimeoutInSeconds: 0.1,
        retryDelay: () => 10,
        signal: controller.signal,
      }),
      controller,
    );
    try {
      await waitFor(() => streaming.streams.length >= 2, "a second connection", 2000);
      await waitFor(() => streaming.streams[0]?.end, "the first connection to end");
      expect(streaming.streams[0]?.end).toBe("client");
      newMessage("after the idle reconnect");
      await waitFor(() => notifications(run.items).length === 1, "a notification");
    } finally {
      await run.stop();
    }
    expect(run.error()).toBeUndefined();
  });

  it("stops cleanly on abort", async () => {
    const id = await streamingSubscription();
    const controller = new AbortController();
    const run = consume(
      streamNotifications(client().me, {
        subscriptionIds: [id],
        connectionTimeoutInMinutes: LONG_MIN,
        keepAliveIntervalInSeconds: KEEP_ALIVE_S,
        signal: controller.signal,
      }),
      controller,
    );
    await waitFor(() => keepAlives(run.items).length >= 2, "keep-alives");
    const started = Date.now();
    await run.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(run.error()).toBeUndefined();
    await waitFor(() => streaming.open().length === 0, "the simulator to see the disconnect");
    expect(streaming.streams.map((s) => s.end)).toEqual(["client"]);
    const count = run.items.length;
    await delay(120);
    expect(run.items.length).toBe(count);
    expect(getNotifications()).toHaveLength(1);
  });
});
