import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createContext, ODataError, rootNode, type ClientOptions } from "../../templates/runtime/index.js";
import {
  JsonStreamError,
  parseJsonArrayStream,
  streamNotifications,
  StreamingReconnectError,
  type StreamingEvent,
} from "../../templates/runtime/streaming.js";
import { fakeFetch, json } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/beta";
const ctxOf = (o: ClientOptions) => createContext(o, { baseUrl: BASE, sendAnchorMailbox: true });
const meOf = (o: ClientOptions): object =>
  rootNode<{ me: object }>(ctxOf(o), { rule: "upper", namespace: "Microsoft.OutlookServices" }).me;
const encoder = new TextEncoder();

/** A stream of the given chunks; a number is a pause (ms) before the next chunk. `state.closed` tells whether it ended. */
function chunked(parts: readonly (string | Uint8Array | number)[], opts: { error?: Error } = {}) {
  const state = { closed: false, cancelled: false };
  const queue = [...parts];
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = queue.shift();
        if (next === undefined) {
          state.closed = true;
          if (opts.error) controller.error(opts.error);
          else controller.close();
          return;
        }
        if (typeof next === "number") {
          await new Promise((r) => setTimeout(r, next));
          continue;
        }
        controller.enqueue(typeof next === "string" ? encoder.encode(next) : next);
        return;
      }
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Splits bytes at the given cut points. */
function cut(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.slice(at, p));
    at = p;
  }
  out.push(bytes.slice(at));
  return out;
}

describe("parseJsonArrayStream", () => {
  it("yields an element as soon as it is complete, before the stream ends", async () => {
    const s = chunked(['[{"a":1}', 50, ',{"b":', 50, "2}", 50, "]"]);
    const it = parseJsonArrayStream(s.stream)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: { a: 1 } });
    expect(s.state.closed).toBe(false);
    expect(await it.next()).toEqual({ done: false, value: { b: 2 } });
    expect(s.state.closed).toBe(false);
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(s.state.closed).toBe(true);
  });

  it("handles splits inside strings, escapes and UTF-8 sequences, one byte at a time", async () => {
    const value = [
      { s: 'br{ace}s ] [ , "quoted" \\ \u00e9\u20ac\ud83d\ude00 \u0000', n: -1.5e3 },
      'x"}',
      0,
      true,
      null,
      [[]],
      {},
    ];
    const bytes = encoder.encode(` \n[ ${value.map((v) => JSON.stringify(v)).join(" ,\n\t")} ] \r\n`);
    const parts = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await collect(parseJsonArrayStream(chunked(parts).stream))).toEqual(value);
  });

  it("reads the value array of an OData collection object", async () => {
    const body = '{"@odata.context":"x#Notifications","other":[{"no":1}],"value":[{"a":[1]},{"b":"]"}],"after":[2]}';
    expect(await collect(parseJsonArrayStream(chunked([body.slice(0, 30), body.slice(30)]).stream))).toEqual([
      { a: [1] },
      { b: "]" },
    ]);
    await expect(collect(parseJsonArrayStream(chunked(['{"a":[1]}']).stream))).rejects.toThrow(/no "value" array/);
  });

  it("throws a clear error on a truncated stream, and on malformed input", async () => {
    for (const body of ['[{"a":1},{"b":', '[{"a":1}', '[{"a":"x\\', "[1", ""]) {
      const err = await collect(parseJsonArrayStream(chunked([body]).stream)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JsonStreamError);
      expect((err as Error).message).toMatch(/ended before/);
    }
    for (const body of ['{"a":1}x', "[1 2]", "[1,]", "[,1]", '[{"a":}]', "[1]x", "[1}", "[tru]", "nope"]) {
      const err = await collect(parseJsonArrayStream(chunked([body]).stream)).catch((e: unknown) => e);
      expect([body, err]).toEqual([body, expect.any(JsonStreamError)]);
    }
  });

  it("yields what was complete before the truncation", async () => {
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const x of parseJsonArrayStream(chunked(['[{"a":1},{"b"']).stream)) seen.push(x);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ a: 1 }]);
    expect(err).toBeInstanceOf(JsonStreamError);
  });

  it("stops on abort and cancels the stream; a consumer that breaks cancels it too", async () => {
    const controller = new AbortController();
    const s = chunked(['[{"a":1}', 10_000, "]"]);
    const it = parseJsonArrayStream(s.stream, controller.signal)[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ a: 1 });
    const pending = it.next();
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    expect(s.state.cancelled).toBe(true);

    const t = chunked(["[1,2", 10_000, "]"]);
    for await (const x of parseJsonArrayStream(t.stream)) if (x === 1) break;
    expect(t.state.cancelled).toBe(true);
  });

  it("property: any array, serialised and chunked anyhow, yields exactly the array", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ stringUnit: "grapheme", maxDepth: 3 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom(undefined, 1, "\t"),
        fc.boolean(),
        async (array, cuts, indent, wrapped) => {
          const text = JSON.stringify(wrapped ? { "@odata.context": "c", value: array } : array, null, indent);
          const parts = cut(encoder.encode(text), cuts);
          const out = await collect(parseJsonArrayStream(chunked(parts).stream));
          expect(out).toEqual(JSON.parse(JSON.stringify(array)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

const note = (id: string, seq: number) => ({
  "@odata.type": "#Microsoft.OutlookServices.Notification",
  Id: null,
  SubscriptionId: id,
  SequenceNumber: seq,
  ChangeType: "Created",
  Resource: "https://outlook.office.com/api/beta/Users('u')/Messages('m')",
});
const keepAlive = { "@odata.type": "#Microsoft.OutlookServices.KeepAliveNotification", Status: "OK" };
const streamed = (parts: readonly (string | number)[], opts: { error?: Error } = {}) =>
  new Response(chunked(parts, opts).stream, { status: 200, headers: { "content-type": "application/json" } });
const wrapper = (items: unknown[]) =>
  `{"@odata.context":"${BASE}/$metadata#Notifications","value":[${items.map((i) => JSON.stringify(i)).join(",")}]}`;

const summary = (e: StreamingEvent) =>
  e.kind === "keepAlive"
    ? `keepAlive ${e.status}`
    : `${e.notification.subscriptionId}#${e.notification.sequenceNumber}`;

describe("streamNotifications", () => {
  it("POSTs GetNotifications and yields the first notification before the response ends", async () => {
    const first = chunked([
      `{"value":[${JSON.stringify(note("s1", 1))}`,
      30,
      `,${JSON.stringify(keepAlive)}`,
      30,
      "]}",
    ]);
    const f = fakeFetch(new Response(first.stream, { status: 200 }));
    const controller = new AbortController();
    const it = streamNotifications(meOf({ fetch: f.fetch, getAccessToken: () => "t" }), {
      subscriptionIds: ["s1"],
      connectionTimeoutInMinutes: 2,
      keepAliveIntervalInSeconds: 5,
      signal: controller.signal,
    })[Symbol.asyncIterator]();
    const a = await it.next();
    expect(a.done).toBe(false);
    expect(summary(a.value as StreamingEvent)).toBe("s1#1");
    expect(first.state.closed).toBe(false);
    expect(summary((await it.next()).value as StreamingEvent)).toBe("keepAlive OK");
    controller.abort();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(f.calls).toHaveLength(1);
    const call = f.calls[0]!;
    expect(call.url).toBe(`${BASE}/Me/GetNotifications`);
    expect(call.method).toBe("POST");
    expect(call.headers["authorization"]).toBe("Bearer t");
    expect(call.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(String(call.body))).toEqual({
      ConnectionTimeoutInMinutes: 2,
      KeepAliveNotificationIntervalInSeconds: 5,
      SubscriptionIds: ["s1"],
    });
  });

  it("reconnects after a normal end and after a dropped connection", async () => {
    const f = fakeFetch(
      streamed([wrapper([note("s1", 1)])]),
      streamed([`{"value":[${JSON.stringify(note("s1", 2))},{"@odata.ty`], { error: new TypeError("network") }),
      () => Promise.reject(new TypeError("fetch failed")),
      streamed([wrapper([keepAlive, note("s1", 3)])]),
    );
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const e of streamNotifications(meOf({ fetch: f.fetch }), {
      subscriptionIds: ["s1"],
      signal: controller.signal,
      retryDelay: () => 0,
    })) {
      seen.push(summary(e));
      if (seen.length === 4) controller.abort();
    }
    expect(seen).toEqual(["s1#1", "s1#2", "keepAlive OK", "s1#3"]);
    expect(f.calls).toHaveLength(4);
    expect(new Set(f.calls.map((c) => c.body))).toEqual(
      new Set([
        JSON.stringify({
          ConnectionTimeoutInMinutes: 30,
          KeepAliveNotificationIntervalInSeconds: 30,
          SubscriptionIds: ["s1"],
        }),
      ]),
    );
  });

  it("renews on 404 and continues with the new subscription ids", async () => {
    const notFound = () => json({ error: { code: "ErrorItemNotFound", message: "expired" } }, 404);
    const f = fakeFetch(streamed([wrapper([note("old", 1)])]), notFound(), streamed([wrapper([note("new1", 1)])]));
    let renewed = 0;
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const e of streamNotifications(meOf({ fetch: f.fetch }), {
      subscriptionIds: ["old"],
      signal: controller.signal,
      renew: async () => {
        renewed++;
        return ["new1", "new2"];
      },
    })) {
      seen.push(summary(e));
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(["old#1", "new1#1"]);
    expect(renewed).toBe(1);
    expect(f.calls.map((c) => (JSON.parse(String(c.body)) as { SubscriptionIds: string[] }).SubscriptionIds)).toEqual([
      ["old"],
      ["old"],
      ["new1", "new2"],
    ]);
  });

  it("a 404 without renew, and other client errors, surface as ODataError", async () => {
    const f = fakeFetch(json({ error: { code: "ErrorItemNotFound", message: "expired" } }, 404));
    const err = await collect(streamNotifications(meOf({ fetch: f.fetch }), { subscriptionIds: ["s"] })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ODataError);
    expect((err as ODataError).status).toBe(404);
  });

  it("gives up with StreamingReconnectError after maxReconnects in a row without data", async () => {
    const delays: number[] = [];
    const failing = () => Promise.reject(new TypeError("fetch failed"));
    const f = fakeFetch(streamed([wrapper([keepAlive])]), failing, streamed(["[]"]), failing, failing);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of streamNotifications(meOf({ fetch: f.fetch }), {
        subscriptionIds: ["s"],
        maxReconnects: 3,
        retryDelay: (n) => (delays.push(n), 0),
      }))
        seen.push(summary(e));
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["keepAlive OK"]);
    expect(err).toBeInstanceOf(StreamingReconnectError);
    expect((err as StreamingReconnectError).attempts).toBe(3);
    expect((err as Error).cause).toMatchObject({ name: "NetworkError", cause: new TypeError("fetch failed") });
    expect(delays).toEqual([1, 2, 3]);
    expect(f.calls).toHaveLength(5);
  });

  it("reconnects when the connection goes silent (idle timeout)", async () => {
    const f = fakeFetch(
      streamed([`[${JSON.stringify(note("s", 1))}`, 10_000, "]"]),
      streamed([`[${JSON.stringify(note("s", 2))}]`]),
    );
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const e of streamNotifications(meOf({ fetch: f.fetch }), {
      subscriptionIds: ["s"],
      idleTimeoutInSeconds: 0.05,
      signal: controller.signal,
      retryDelay: () => 0,
    })) {
      seen.push(summary(e));
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(["s#1", "s#2"]);
  });

  it("abort stops a pending read, and an aborted signal sends nothing", async () => {
    const s = chunked([`[${JSON.stringify(note("s", 1))}`, 10_000, "]"]);
    const f = fakeFetch(new Response(s.stream));
    const controller = new AbortController();
    const it = streamNotifications(meOf({ fetch: f.fetch }), {
      subscriptionIds: ["s"],
      signal: controller.signal,
    })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    const pending = it.next();
    setTimeout(() => controller.abort(), 10);
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(s.state.cancelled).toBe(true);

    const g = fakeFetch();
    expect(
      await collect(
        streamNotifications(meOf({ fetch: g.fetch }), { subscriptionIds: ["s"], signal: AbortSignal.abort() }),
      ),
    ).toEqual([]);
    expect(g.calls).toHaveLength(0);
    await expect(collect(streamNotifications(meOf({ fetch: g.fetch }), { subscriptionIds: [] }))).rejects.toThrow(
      TypeError,
    );
  });
});
