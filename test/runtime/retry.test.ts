import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createContext,
  createEntity,
  getEntity,
  invokeAction,
  ODataError,
  Path,
  putStream,
  updateEntity,
  type ClientOptions,
} from "../../templates/runtime/index.js";
import {
  backoffDelay,
  isIdempotent,
  isRetriable,
  nextRetryDelay,
  parseRetryAfter,
  TimeoutError,
  type RetryOptions,
} from "../../templates/runtime/retry.js";
import { fakeFetch, json, type Responder } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const me = Path.root().nav("Me");
const messages = me.nav("Messages");

/** A context whose waits are recorded and resolve at once. */
function setup(responses: (Response | Responder)[], options: Partial<ClientOptions> = {}, retry: RetryOptions = {}) {
  const f = fakeFetch(...responses);
  const waits: number[] = [];
  const ctx = createContext(
    {
      fetch: f.fetch,
      retry: {
        random: () => 0.5,
        sleep: async (ms) => {
          waits.push(ms);
        },
        ...retry,
      },
      ...options,
    },
    { baseUrl: BASE, sendAnchorMailbox: false },
  );
  return { ctx, calls: f.calls, waits };
}

const status = (code: number, headers: Record<string, string> = {}) =>
  json({ error: { code: `E${code}`, message: `status ${code}` } }, code, headers);
const throttled = (seconds: number | string) => status(429, { "Retry-After": String(seconds) });
const ok = () => json({ Id: "1" });

/** A fetch that never answers; it rejects with the signal's reason when its signal aborts. */
const hanging: Responder = (_url, init) =>
  new Promise((_, reject) => {
    const signal = init.signal;
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe("retry policy (pure functions)", () => {
  it("classifies statuses by method", () => {
    for (const m of ["GET", "PUT", "DELETE", "HEAD", "OPTIONS", "get"]) expect(isIdempotent(m)).toBe(true);
    for (const m of ["POST", "PATCH"]) expect(isIdempotent(m)).toBe(false);
    expect([429, 503, 504, 500, 502, 404].map((s) => isRetriable("GET", s, false))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([429, 503, 504].map((s) => isRetriable("POST", s, false))).toEqual([true, false, false]);
    expect([429, 503, 504].map((s) => isRetriable("PATCH", s, true))).toEqual([true, true, false]);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Mon, 01 Jan 2024 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Sun, 31 Dec 2023 23:59:00 GMT", now)).toBe(0); // in the past
    for (const bad of [null, undefined, "", "-1", "soon", "1,5", "12abc"])
      expect(parseRetryAfter(bad, now)).toBeUndefined();
  });

  it("computes exponential backoff with full jitter, capped", () => {
    const o = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, o))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
    expect(nextRetryDelay(4, undefined, 0, {})).toBeUndefined(); // default 4 attempts
    expect(nextRetryDelay(1, 31_000, 0, { random: () => 0.5 })).toBeUndefined(); // beyond maxDelayMs
    expect(nextRetryDelay(1, 10_000, 50_001, {})).toBeUndefined(); // beyond maxTotalMs
    expect(nextRetryDelay(1, 10_000, 50_000, {})).toBe(10_000);
  });
});

describe("retries", () => {
  it("waits out a 429 storm as Retry-After says, then succeeds", async () => {
    const { ctx, calls, waits } = setup([throttled(1), throttled(2), throttled(0), ok()]);
    expect(await getEntity(ctx, me)).toEqual({ Id: "1" });
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([1000, 2000, 0]);
  });

  it("gives up after maxAttempts with the last response's ODataError", async () => {
    const { ctx, calls, waits } = setup(
      [throttled(1), throttled(1), throttled(5), throttled(1)],
      {},
      { maxAttempts: 3 },
    );
    const e = await getEntity(ctx, me).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ODataError);
    expect(e).toMatchObject({ status: 429, code: "E429", message: "E429: status 429" });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it("uses exponential backoff with jitter without Retry-After", async () => {
    const { ctx, calls, waits } = setup(
      [status(503), status(504), status(503), status(503), ok()],
      {},
      {
        maxAttempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 300,
        random: () => 0.25,
      },
    );
    await getEntity(ctx, me);
    expect(calls).toHaveLength(5);
    expect(waits).toEqual([25, 50, 75, 75]);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-01-01T00:00:00Z"));
    const { ctx, calls, waits } = setup([throttled("Mon, 01 Jan 2024 00:00:07 GMT"), ok()]);
    await getEntity(ctx, me);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([7000]);
  });

  it("surfaces the error at once when Retry-After exceeds maxDelayMs", async () => {
    const { ctx, calls, waits } = setup([throttled(31), ok()]);
    await expect(getEntity(ctx, me)).rejects.toMatchObject({ name: "ODataError", status: 429 });
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries 503 on GET with or without Retry-After", async () => {
    const { ctx, calls, waits } = setup([status(503), status(503, { "Retry-After": "3" }), ok()]);
    await getEntity(ctx, me);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([250, 3000]);
  });

  it("retries 503 on POST only with Retry-After", async () => {
    const a = setup([status(503, { "Retry-After": "2" }), json({ Id: "n" }, 201)]);
    expect(await createEntity(a.ctx, messages, { Subject: "x" })).toEqual({ Id: "n" });
    expect(a.calls).toHaveLength(2);
    expect(a.calls.map((c) => c.body)).toEqual(['{"Subject":"x"}', '{"Subject":"x"}']);
    expect(a.waits).toEqual([2000]);

    const b = setup([status(503), ok()]);
    await expect(createEntity(b.ctx, messages, { Subject: "x" })).rejects.toMatchObject({ status: 503 });
    expect(b.calls).toHaveLength(1);
    expect(b.waits).toEqual([]);
  });

  it("retries 429 on POST and PATCH", async () => {
    const { ctx, calls } = setup([throttled(1), json({}, 200), throttled(1), json({ Id: "1" })]);
    await invokeAction(ctx, me.nav("SendMail"), { Message: {} });
    await updateEntity(ctx, messages.key("1", "Edm.String"), { IsRead: true });
    expect(calls.map((c) => c.method)).toEqual(["POST", "POST", "PATCH", "PATCH"]);
  });

  it("does not retry 504 on POST or PATCH, but does on GET", async () => {
    const a = setup([status(504), ok()]);
    await expect(invokeAction(a.ctx, me.nav("SendMail"), {})).rejects.toMatchObject({ status: 504 });
    expect(a.calls).toHaveLength(1);
    const b = setup([status(504), ok()]);
    await expect(updateEntity(b.ctx, messages.key("1", "Edm.String"), {})).rejects.toMatchObject({ status: 504 });
    expect(b.calls).toHaveLength(1);
    const c = setup([status(504), ok()]);
    await getEntity(c.ctx, me);
    expect(c.calls).toHaveLength(2);
  });

  it("does not retry other error statuses", async () => {
    for (const code of [400, 404, 500, 502]) {
      const { ctx, calls, waits } = setup([status(code), ok()]);
      await expect(getEntity(ctx, me)).rejects.toMatchObject({ status: code });
      expect(calls).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it("retries network errors on GET, not on POST", async () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const a = setup([() => Promise.reject(new TypeError("fetch failed")), () => Promise.reject(reset), ok()]);
    expect(await getEntity(a.ctx, me)).toEqual({ Id: "1" });
    expect(a.calls).toHaveLength(3);
    expect(a.waits).toEqual([250, 500]);

    const failed = new TypeError("fetch failed");
    const b = setup([() => Promise.reject(failed), ok()]);
    await expect(createEntity(b.ctx, messages, {})).rejects.toMatchObject({ name: "NetworkError", cause: failed });
    expect(b.calls).toHaveLength(1);

    const c = setup(Array.from({ length: 4 }, () => () => Promise.reject(failed)));
    await expect(getEntity(c.ctx, me)).rejects.toMatchObject({ name: "NetworkError", cause: failed });
    expect(c.calls).toHaveLength(4);
  });

  it("asks for the token again on every attempt", async () => {
    let n = 0;
    const { ctx, calls } = setup([throttled(0), ok()], { getAccessToken: () => `t${++n}` });
    await getEntity(ctx, me);
    expect(calls.map((c) => c.headers["authorization"])).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("does not retry a ReadableStream body, but retries a string or binary one", async () => {
    const a = setup([status(503, { "Retry-After": "1" }), new Response(null, { status: 204 })]);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1, 2]));
        c.close();
      },
    });
    const path = messages.key("1", "Edm.String").nav("$value");
    await expect(putStream(a.ctx, path, stream, "application/octet-stream")).rejects.toMatchObject({ status: 503 });
    expect(a.calls).toHaveLength(1);

    const b = setup([status(503), status(503), new Response(null, { status: 204 })]);
    await putStream(b.ctx, path, new Uint8Array([1, 2]), "application/octet-stream");
    expect(b.calls).toHaveLength(3);
  });

  it("is disabled by retry: false", async () => {
    const f = fakeFetch(throttled(1), ok());
    const ctx = createContext({ fetch: f.fetch, retry: false }, { baseUrl: BASE, sendAnchorMailbox: false });
    await expect(getEntity(ctx, me)).rejects.toMatchObject({ status: 429 });
    expect(f.calls).toHaveLength(1);
  });

  it("never waits past maxTotalMs", async () => {
    const a = setup([throttled(20), throttled(20), throttled(20), ok()], {}, { maxTotalMs: 50_000, maxAttempts: 10 });
    await expect(getEntity(a.ctx, me)).rejects.toMatchObject({ status: 429 });
    expect(a.calls).toHaveLength(3);
    expect(a.waits).toEqual([20_000, 20_000]);

    const b = setup(
      Array.from({ length: 20 }, () => status(503)),
      {},
      { maxTotalMs: 1000, maxAttempts: 100, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 1 },
    );
    await expect(getEntity(b.ctx, me)).rejects.toMatchObject({ status: 503 });
    expect(b.waits).toEqual([100, 200, 400]); // the next (800) would end at 1500
    expect(b.calls).toHaveLength(4);
  });

  it("rejects invalid retry options before sending", async () => {
    for (const retry of [{ maxAttempts: 0 }, { maxAttempts: Infinity }, { maxAttempts: 1.5 }, { baseDelayMs: -1 }]) {
      const { ctx, calls } = setup([ok()], {}, retry);
      await expect(getEntity(ctx, me)).rejects.toBeInstanceOf(TypeError);
      expect(calls).toHaveLength(0);
    }
    const { ctx, calls } = setup([ok()], { timeoutMs: 0 });
    await expect(getEntity(ctx, me)).rejects.toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(0);
  });

  it("names the bad value in the message, an object as an object (not [object Object])", async () => {
    const cases: [unknown, string][] = [
      [0, "timeoutMs must be above 0 and at most 2147483647 (ms), got 0"],
      [{}, "got an object"],
    ];
    for (const [timeoutMs, message] of cases) {
      const { ctx } = setup([ok()], { timeoutMs: timeoutMs as number });
      const e = await getEntity(ctx, me).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toContain(message);
    }
  });
});

describe("timeouts", () => {
  it("aborts a timed-out attempt, retries it, then throws TimeoutError", async () => {
    const { ctx, calls, waits } = setup([hanging, hanging, hanging], { timeoutMs: 20 }, { maxAttempts: 3 });
    const e = await getEntity(ctx, me).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ name: "TimeoutError", timeoutMs: 20, method: "GET", url: `${BASE}/Me` });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.signal?.aborted)).toBe(true);
    expect(waits).toEqual([250, 500]);
  });

  it("recovers when a later attempt answers in time", async () => {
    const { ctx, calls } = setup([hanging, ok()], { timeoutMs: 20 });
    expect(await getEntity(ctx, me)).toEqual({ Id: "1" });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.signal?.aborted).toBe(false);
  });

  it("does not retry a timed-out POST", async () => {
    const { ctx, calls } = setup([hanging, ok()], { timeoutMs: 20 });
    await expect(createEntity(ctx, messages, {})).rejects.toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });

  it("times out even when fetch ignores the signal", async () => {
    const never: Responder = () => new Promise<Response>(() => undefined);
    const { ctx, calls } = setup([never], { timeoutMs: 20, retry: false });
    await expect(getEntity(ctx, me)).rejects.toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });
});

describe("cancellation", () => {
  it("an abort during a retry wait rejects at once and sends nothing more", async () => {
    const f = fakeFetch(throttled(30), ok());
    const ctx = createContext({ fetch: f.fetch }, { baseUrl: BASE, sendAnchorMailbox: false }); // real sleep
    const controller = new AbortController();
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 20);
    await expect(getEntity(ctx, me, undefined, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(Date.now() - t0).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(f.calls).toHaveLength(1);
  });

  it("an abort during a fetch rejects with the signal's reason and is not retried", async () => {
    const { ctx, calls } = setup([hanging, ok()], { timeoutMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 20);
    await expect(getEntity(ctx, me, undefined, { signal: controller.signal })).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it("an abort inside an injected sleep that ignores the signal still rejects at once", async () => {
    const controller = new AbortController();
    const { ctx, calls } = setup([throttled(1), ok()], {}, { sleep: () => new Promise(() => undefined) });
    setTimeout(() => controller.abort(), 20);
    await expect(getEntity(ctx, me, undefined, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(calls).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { ctx, calls } = setup([ok()]);
    await expect(getEntity(ctx, me, undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(calls).toHaveLength(0);
  });
});
