import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it, vi } from "vitest";
import {
  createWebhookHandler,
  parseNotification,
  type NodeLikeRequest,
  type NodeLikeResponse,
  type ParsedNotification,
  type WebhookOptions,
} from "../../templates/runtime/notifications.js";

// node:http's objects fit the structural types without the runtime importing node types.
const nodeFits: [NodeLikeRequest, NodeLikeResponse] = [{} as IncomingMessage, {} as ServerResponse];
void nodeFits;

const HOOK = "https://app.example/hook";

const outlook = (seq: number, extra: Record<string, unknown> = {}) => ({
  "@odata.type": "#Microsoft.OutlookServices.Notification",
  Id: null,
  SubscriptionId: "sub1",
  SubscriptionExpirationDateTime: "2016-08-12T00:00:00Z",
  SequenceNumber: seq,
  ChangeType: "Created",
  Resource: "https://outlook.office.com/api/v2.0/Users('u@t')/Messages('m')",
  ResourceData: {
    "@odata.type": "#Microsoft.OutlookServices.Message",
    "@odata.id": "Users('u@t')/Messages('m')",
    Id: "m",
  },
  ...extra,
});

const post = (body: string, headers: Record<string, string> = {}, url = HOOK) =>
  new Request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

/** A fake node request (async-iterable body) and response that records what is written. */
function nodePair(
  method: string,
  url: string,
  chunks: (string | Uint8Array)[] = [],
  headers: Record<string, string> = {},
) {
  let bodyRead = false;
  const req: NodeLikeRequest = {
    method,
    url,
    headers,
    async *[Symbol.asyncIterator]() {
      bodyRead = true;
      for (const c of chunks) yield typeof c === "string" ? new TextEncoder().encode(c) : c;
    },
  };
  const written: { status?: number; headers?: Record<string, string>; body?: string | undefined } = {};
  const res: NodeLikeResponse = {
    writeHead(status, h) {
      written.status = status;
      written.headers = h;
    },
    end(body) {
      written.body = body;
    },
  };
  return { req, res, written, bodyRead: () => bodyRead };
}

function never(): Promise<void> {
  return new Promise(() => undefined);
}

describe("parseNotification", () => {
  it("normalises Outlook PascalCase", () => {
    const n = parseNotification(outlook(3, { ChangeType: "Created, Updated", ClientState: "cs" }));
    expect(n).toEqual({
      subscriptionId: "sub1",
      subscriptionExpirationDateTime: "2016-08-12T00:00:00Z",
      sequenceNumber: 3,
      changeType: ["Created", "Updated"],
      resource: "https://outlook.office.com/api/v2.0/Users('u@t')/Messages('m')",
      resourceData: {
        "@odata.type": "#Microsoft.OutlookServices.Message",
        "@odata.id": "Users('u@t')/Messages('m')",
        Id: "m",
      },
      clientState: "cs",
      missed: false,
      raw: outlook(3, { ChangeType: "Created, Updated", ClientState: "cs" }),
    });
  });

  it("normalises Graph camelCase, numeric flags and Missed", () => {
    const n = parseNotification({
      subscriptionId: "g",
      changeType: "missed",
      resource: "me/messages",
      clientState: "x",
    });
    expect(n).toMatchObject({
      subscriptionId: "g",
      changeType: ["missed"],
      resource: "me/messages",
      missed: true,
      clientState: "x",
    });
    expect(n).not.toHaveProperty("sequenceNumber");
    expect(parseNotification({ SubscriptionId: "s", ChangeType: 17 })?.changeType).toEqual(["Created", "Missed"]);
    expect(parseNotification({ SubscriptionId: "s", SequenceNumber: "7" })?.sequenceNumber).toBe(7);
  });

  it("rejects what names no subscription", () => {
    expect(parseNotification(null)).toBeUndefined();
    expect(parseNotification([outlook(1)])).toBeUndefined();
    expect(parseNotification({ ChangeType: "Created" })).toBeUndefined();
  });
});

describe("validation handshake", () => {
  it("answers a fetch POST at once with the decoded token, even while a slow batch is pending", async () => {
    const onNotifications = vi.fn(never);
    const h = createWebhookHandler({ onNotifications });
    const busy = await h.handleFetch(post(JSON.stringify({ value: [outlook(1)] })));
    expect(busy.status).toBe(202);
    expect(onNotifications).toHaveBeenCalledTimes(1); // still running: never resolves

    const token = "Validation: Testing client application reachability for subscription Request-Id: 1+2=3&4";
    const r = await h.handleFetch(
      post("ignored, not JSON", {}, `${HOOK}?validationToken=${encodeURIComponent(token)}`),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain");
    expect(await r.text()).toBe(token);
    // form encoding: "+" is a space
    const g = await h.handleFetch(new Request(`${HOOK}?validationToken=a+b%2Bc`));
    expect([g.status, await g.text()]).toEqual([200, "a b+c"]);
  });

  it("answers a node request without reading the body", async () => {
    const onNotifications = vi.fn(never);
    const h = createWebhookHandler({ onNotifications });
    const n = nodePair("POST", "/hook?validationToken=abc%20def", ['{"value":'], { clientstate: "x" });
    await h.handleNode(n.req, n.res);
    expect(n.written).toEqual({
      status: 200,
      headers: { "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff" },
      body: "abc def",
    });
    expect(n.bodyRead()).toBe(false);
    expect(onNotifications).not.toHaveBeenCalled();
  });
});

describe("notification POSTs", () => {
  it("responds 202 before a slow onNotifications finishes, and runs batches in order", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = createWebhookHandler({
      onNotifications: async (batch) => {
        order.push(`start ${batch[0]?.sequenceNumber}`);
        if (batch[0]?.sequenceNumber === 1) await gate;
        order.push(`end ${batch[0]?.sequenceNumber}`);
      },
    });
    const a = nodePair("POST", "/hook", [JSON.stringify({ value: [outlook(1)] })]);
    await h.handleNode(a.req, a.res);
    expect(a.written.status).toBe(202);
    const b = await h.handleFetch(post(JSON.stringify({ value: [outlook(2)] })));
    expect(b.status).toBe(202);
    await Promise.resolve();
    expect(order).toEqual(["start 1"]);
    release();
    await h.drain();
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("reads node bodies split into chunks, through on('data') too", async () => {
    const batches: ParsedNotification[][] = [];
    const h = createWebhookHandler({ onNotifications: (b) => void batches.push(b) });
    const text = JSON.stringify({ value: [outlook(1, { Resource: "ü€😀" })] });
    const bytes = new TextEncoder().encode(text);
    const n = nodePair("POST", "/hook", [bytes.slice(0, 7), bytes.slice(7, 8), bytes.slice(8)]);
    await h.handleNode(n.req, n.res);

    const listeners: Record<string, (...a: any[]) => void> = {};
    const emitter: NodeLikeRequest = {
      method: "POST",
      url: "/hook",
      headers: {},
      on(event, listener) {
        listeners[event] = listener;
        if (event === "end")
          queueMicrotask(() => {
            listeners["data"]?.(text.slice(0, 5));
            listeners["data"]?.(new TextEncoder().encode(text.slice(5)));
            listeners["end"]?.();
          });
        return this;
      },
    };
    const m = nodePair("POST", "/hook");
    await h.handleNode(emitter, m.res);
    expect([n.written.status, m.written.status]).toEqual([202, 202]);
    await h.drain();
    expect(batches.map((b) => b[0]?.resource)).toEqual(["ü€😀", "ü€😀"]);
  });

  it("takes a body already parsed by middleware", async () => {
    const batches: ParsedNotification[][] = [];
    const h = createWebhookHandler({ onNotifications: (b) => void batches.push(b) });
    const n = nodePair("POST", "/hook");
    await h.handleNode({ ...n.req, body: { value: [outlook(1)] } }, n.res);
    expect(n.written.status).toBe(202);
    expect(n.bodyRead()).toBe(false);
    await h.drain();
    expect(batches).toHaveLength(1);
  });

  it("checks the ClientState header (Outlook) and body field (Graph)", async () => {
    const batches: ParsedNotification[][] = [];
    const rejected: string[] = [];
    const h = createWebhookHandler({
      clientState: "secret",
      onNotifications: (b) => void batches.push(b),
      onRejected: (n, reason) => rejected.push(`${n.subscriptionId}:${reason}`),
    });
    const header = await h.handleFetch(post(JSON.stringify({ value: [outlook(1)] }), { ClientState: "secret" }));
    expect(header.status).toBe(202);
    const wrongHeader = await h.handleFetch(post(JSON.stringify({ value: [outlook(2)] }), { ClientState: "nope" }));
    expect(wrongHeader.status).toBe(403);
    const noState = await h.handleFetch(post(JSON.stringify({ value: [outlook(2)] })));
    expect(noState.status).toBe(403);
    const graph = (id: string, clientState: string) => ({
      subscriptionId: id,
      changeType: "updated",
      resource: "r",
      clientState,
    });
    // The body field wins over the header; only mismatching items are dropped.
    const mixed = await h.handleFetch(
      post(JSON.stringify({ value: [graph("g1", "secret"), graph("g2", "wrong")] }), { ClientState: "secret" }),
    );
    expect(mixed.status).toBe(202);
    await h.drain();
    expect(batches.map((b) => b.map((n) => n.subscriptionId))).toEqual([["sub1"], ["g1"]]);
    expect(rejected).toEqual(["sub1:clientState", "sub1:clientState", "g2:clientState"]);
  });

  it("looks up the ClientState per subscription; unknown subscriptions are rejected", async () => {
    const batches: ParsedNotification[][] = [];
    const h = createWebhookHandler({
      clientState: (id) => (id === "sub1" ? "one" : undefined),
      onNotifications: (b) => void batches.push(b),
    });
    const n = nodePair("POST", "/hook", [JSON.stringify({ value: [outlook(1)] })], { clientstate: "one" });
    await h.handleNode(n.req, n.res);
    expect(n.written.status).toBe(202);
    const other = await h.handleFetch(
      post(JSON.stringify({ value: [outlook(1, { SubscriptionId: "x" })] }), { ClientState: "one" }),
    );
    expect(other.status).toBe(403);
    await h.drain();
    expect(batches).toHaveLength(1);
  });

  it("reports sequence gaps per subscription and Missed notifications", async () => {
    const gaps: unknown[] = [];
    const missed: ParsedNotification[] = [];
    const batches: ParsedNotification[][] = [];
    const h = createWebhookHandler({
      onNotifications: (b) => void batches.push(b),
      onGap: (g) => gaps.push(g),
      onMissed: (n) => missed.push(n),
    });
    const send = (...items: unknown[]) => h.handleFetch(post(JSON.stringify({ value: items })));
    await send(outlook(1), outlook(2), outlook(1, { SubscriptionId: "sub2" }));
    await send(outlook(5), outlook(6, { ChangeType: "Missed" }));
    await send(outlook(6));
    await send(outlook(3, { SubscriptionId: "sub2" }));
    expect(gaps).toEqual([
      { subscriptionId: "sub1", expected: 3, received: 5 },
      { subscriptionId: "sub1", expected: 7, received: 6 },
      { subscriptionId: "sub2", expected: 2, received: 3 },
    ]);
    expect(missed.map((n) => [n.sequenceNumber, n.missed])).toEqual([[6, true]]);
    await h.drain();
    expect(batches.flat().map((n) => n.missed)).toEqual([false, false, false, false, true, false, false]);
  });

  it("answers 400 for malformed JSON or a body without value, and never throws", async () => {
    const onError = vi.fn();
    const h = createWebhookHandler({
      onNotifications: () => {
        throw new Error("callback failed");
      },
      onError,
    });
    for (const body of ["{not json", "", "[]", '{"value":{}}', "null"]) {
      const r = await h.handleFetch(post(body));
      expect([body, r.status]).toEqual([body, 400]);
    }
    const n = nodePair("POST", "/hook", ['{"value": [']);
    await h.handleNode(n.req, n.res);
    expect(n.written.status).toBe(400);
    const broken: NodeLikeRequest = {
      method: "POST",
      url: "/hook",
      headers: {},
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("socket hang up")) }),
    };
    const m = nodePair("POST", "/hook");
    await h.handleNode(broken, m.res);
    expect(m.written.status).toBe(400);
    // A throwing callback goes to onError, not to the HTTP answer.
    const ok = await h.handleFetch(post(JSON.stringify({ value: [outlook(1)] })));
    expect(ok.status).toBe(202);
    await h.drain();
    expect(onError).toHaveBeenCalledWith(new Error("callback failed"));
  });

  it("answers 405 to other methods, 413 to oversized bodies, 202 to an empty batch", async () => {
    const onNotifications = vi.fn();
    const opts: WebhookOptions = { onNotifications, maxBodyBytes: 100 };
    const h = createWebhookHandler(opts);
    const get = await h.handleFetch(new Request(HOOK));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const big = JSON.stringify({ value: [outlook(1)] });
    expect((await h.handleFetch(post(big))).status).toBe(413);
    const n = nodePair("POST", "/hook", [big.slice(0, 60), big.slice(60)]);
    await h.handleNode(n.req, n.res);
    expect(n.written.status).toBe(413);
    expect((await h.handleFetch(post('{"value":[]}'))).status).toBe(202);
    await h.drain();
    expect(onNotifications).not.toHaveBeenCalled();
  });

  it("answers 413 at the limit to an event-style request whose body never ends", async () => {
    const h = createWebhookHandler({ onNotifications: vi.fn(), maxBodyBytes: 1000 });
    const listeners: Record<string, ((x?: unknown) => void)[]> = {};
    const req = {
      method: "POST",
      url: "/hook",
      headers: {},
      on(event: string, f: (x?: unknown) => void) {
        (listeners[event] ??= []).push(f);
        return req;
      },
    } as unknown as NodeLikeRequest;
    let sent = 0;
    const pump = setInterval(() => {
      for (const f of listeners["data"] ?? []) f(new Uint8Array(100));
      sent++;
    }, 1);
    const n = nodePair("POST", "/hook");
    try {
      await h.handleNode(req, n.res);
    } finally {
      clearInterval(pump);
    }
    expect(n.written.status).toBe(413);
    expect(sent).toBeLessThan(100); // answered at about the 11th chunk, not never
  });

  it("hands the queued work to waitUntil", async () => {
    const waited: Promise<unknown>[] = [];
    const h = createWebhookHandler({ onNotifications: () => undefined });
    await h.handleFetch(post(JSON.stringify({ value: [outlook(1)] })), { waitUntil: (p) => waited.push(p) });
    await h.handleFetch(post(`${HOOK}`, {}, `${HOOK}?validationToken=t`), { waitUntil: (p) => waited.push(p) });
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBeUndefined();
  });
});
