/**
 * The generated v2.0 client under faults the simulator injects over real HTTP: 503 with and without Retry-After,
 * 429 storms (throttle()), connections hung up before the response or reset mid-response, truncated bodies and
 * delays beyond ClientOptions.timeoutMs. Each test shows the client either recovering (retries that succeed) or
 * failing with a typed error, never hanging, and counts the requests the simulator saw, exactly.
 */
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../generated/v2.0/index.js";
import type { SeenRequest } from "../simulator/server.js";
import { ALICE, clientOptions, collect, lines, rejectionOf, seen, useSimulator, v2 } from "./harness.js";

const { createClient, ODataError, TimeoutError } = v2;

/** Every test here finishes in well under this; a hang fails the test instead of the run. */
const BOUNDED = { timeout: 10_000 };

const isPost = (r: SeenRequest): boolean => r.method === "POST";
const isGet = (r: SeenRequest): boolean => r.method === "GET";

describe("fault injection against the generated client", BOUNDED, () => {
  const sim = useSimulator();

  /** A v2.0 client with tiny backoff; `extra` overrides (retry, timeoutMs, …). */
  function client(extra: Record<string, unknown> = {}): v2.ServiceClient {
    return createClient({ ...clientOptions(sim(), "v2.0"), retry: { maxAttempts: 4, baseDelayMs: 1 }, ...extra });
  }

  function seedInbox(n: number): void {
    const mb = sim().store.mailbox(ALICE);
    for (let i = 1; i <= n; i++) mb.addMessage("Inbox", { Subject: `m${String(i).padStart(2, "0")}` });
  }

  const draftCount = (): number => sim().store.mailbox(ALICE).messagesIn("Drafts").length;

  describe("503 Service Unavailable", () => {
    it("with Retry-After: 0, a GET and a POST are retried and succeed", async () => {
      seedInbox(2);
      sim().inject({ kind: "unavailable", retryAfter: 0 }, { times: 2, match: isGet });
      const page = await client().me.messages.list({ select: ["Subject"] });
      expect(page.value.map((m) => m.Subject)).toEqual(["m01", "m02"]);
      const gets = seen(sim());
      expect(lines(gets)).toEqual(Array(3).fill("GET /Me/Messages"));
      expect(gets.every((g) => g.query.$select === "Subject" && g.auth === "Bearer test-token")).toBe(true);

      sim().clearRequests();
      sim().inject({ kind: "unavailable", retryAfter: 0 }, { match: isPost });
      const created = await client().me.messages.create({ Subject: "after 503" });
      expect(created.Subject).toBe("after 503");
      const posts = seen(sim());
      expect(lines(posts)).toEqual(["POST /Me/Messages", "POST /Me/Messages"]);
      expect(posts.map((p) => p.body)).toEqual([{ Subject: "after 503" }, { Subject: "after 503" }]);
      expect(draftCount()).toBe(1); // the 503 was not processed, the retry was: one draft
    });

    it("without Retry-After, a GET is retried with backoff, a POST fails at once with ODataError 503", async () => {
      const delays: number[] = [];
      const retry = {
        maxAttempts: 4,
        baseDelayMs: 5,
        random: () => 0.5,
        sleep: async (ms: number) => {
          delays.push(ms);
        },
      };
      sim().inject({ kind: "unavailable" }, { times: 2 });
      expect((await client({ retry }).me.messages.list()).value).toEqual([]);
      expect(sim().requests).toHaveLength(3);
      expect(delays).toEqual([2.5, 5]); // random() × baseDelayMs × 2^(attempt-1)

      sim().clearRequests();
      sim().inject({ kind: "unavailable" });
      const e = await rejectionOf(client({ retry }).me.messages.create({ Subject: "no retry" }));
      expect(e).toBeInstanceOf(ODataError);
      expect(e).toMatchObject({ status: 503, code: "ErrorServiceUnavailable", method: "POST" });
      expect((e as InstanceType<typeof ODataError>).requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines(seen(sim()))).toEqual(["POST /Me/Messages"]);
      expect(draftCount()).toBe(0);
    });

    it("retry: false sends every request once", async () => {
      sim().inject({ kind: "unavailable", retryAfter: 0 });
      const e = await rejectionOf(client({ retry: false }).me.get());
      expect(e).toMatchObject({ name: "ODataError", status: 503 });
      expect(sim().requests).toHaveLength(1);
    });
  });

  describe("429 storms (throttle)", () => {
    it("recovers from a storm shorter than maxAttempts, waiting the Retry-After of 1 s", async () => {
      const waits: number[] = [];
      const started = Date.now();
      sim().throttle(1, 1);
      const me = await client({
        retry: {
          maxAttempts: 3,
          baseDelayMs: 1,
          sleep: (ms: number, signal?: AbortSignal) => {
            waits.push(ms);
            return new Promise<void>((ok, fail) => {
              const t = setTimeout(ok, ms);
              signal?.addEventListener("abort", () => {
                clearTimeout(t);
                fail(signal.reason);
              });
            });
          },
        },
      }).me.get({ select: ["DisplayName"] });
      expect(me.DisplayName).toBe("Alice Adams");
      expect(waits).toEqual([1000]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(lines(seen(sim()))).toEqual(["GET /Me", "GET /Me"]);
    });

    it("retries POSTs on 429 (never processed) and creates exactly one item", async () => {
      sim().throttle(3, 0, isPost);
      const created = await client().me.messages.create({ Subject: "throttled" });
      expect(created.IsDraft).toBe(true);
      expect(lines(seen(sim()))).toEqual(Array(4).fill("POST /Me/Messages"));
      expect(draftCount()).toBe(1);
    });

    it("fails with ODataError 429 ApplicationThrottled after exactly maxAttempts", async () => {
      sim().throttle(50, 0);
      const e = await rejectionOf(client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).me.messages.list());
      expect(e).toBeInstanceOf(ODataError);
      expect(e).toMatchObject({ status: 429, code: "ApplicationThrottled", method: "GET" });
      expect(String((e as Error).message)).toContain("over its request limit");
      const headers = (e as InstanceType<typeof ODataError>).headers;
      expect([headers.get("retry-after"), headers.get("rate-limit-limit")]).toEqual(["0", "10000"]);
      expect(headers.get("rate-limit-reason")).toBeTruthy();
      expect(sim().requests).toHaveLength(3);
    });

    it("a storm over parallel requests: each is retried until the storm is over", async () => {
      sim().throttle(6, 0);
      // maxAttempts 7: even one request taking all six 429s still gets through, so the count is exact.
      const c = client({ retry: { maxAttempts: 7, baseDelayMs: 1 } });
      const results = await Promise.all([c.me.get(), c.me.messages.list(), c.me.mailFolders.list()]);
      expect(results[0].EmailAddress).toBe(ALICE);
      expect(results[2].value.map((f) => f.DisplayName)).toContain("Inbox");
      expect(sim().requests).toHaveLength(9);
      expect(new Set(lines(seen(sim())))).toEqual(new Set(["GET /Me", "GET /Me/Messages", "GET /Me/MailFolders"]));
    });

    it("surfaces the 429 at once when Retry-After exceeds maxDelayMs", async () => {
      sim().throttle(1, 5);
      const started = Date.now();
      const e = await rejectionOf(client({ retry: { maxAttempts: 4, maxDelayMs: 1000 } }).me.get());
      expect(e).toMatchObject({ status: 429 });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(sim().requests).toHaveLength(1);
    });

    it("a throttled second page is retried inside pages()", async () => {
      seedInbox(15);
      sim().throttle(2, 0, (r) => r.url.includes("$skip=10"));
      const pages = await collect(
        client()
          .me.mailFolders.byId("Inbox")
          .messages.pages({ select: ["Subject"] }),
      );
      expect(pages.map((p) => p.value.length)).toEqual([10, 5]);
      expect(seen(sim()).map((s) => s.query.$skip ?? "-")).toEqual(["-", "10", "10", "10"]);
    });
  });

  describe("broken connections", () => {
    it("hang-up before the response: the GET is retried and succeeds", async () => {
      seedInbox(1);
      sim().inject({ kind: "hangup" }, { match: isGet });
      const page = await client().me.messages.list();
      expect(page.value).toHaveLength(1);
      expect(lines(seen(sim()))).toEqual(["GET /Me/Messages", "GET /Me/Messages"]);
    });

    it("hang-up before the response: a POST surfaces the network error and is not retried", async () => {
      sim().inject({ kind: "hangup" }, { match: isPost });
      const e = await rejectionOf(client().me.messages.create({ Subject: "lost" }));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e).not.toBeInstanceOf(ODataError);
      expect((e as NetworkError).cause).toBeInstanceOf(TypeError);
      expect(((e as NetworkError).cause as Error).message).toBe("fetch failed");
      expect(lines(seen(sim()))).toEqual(["POST /Me/Messages"]);
      expect(draftCount()).toBe(0);
    });

    it("reset mid-response: a POST surfaces the network error, is not retried, and was processed", async () => {
      sim().inject({ kind: "reset", afterBytes: 20 }, { match: isPost });
      const reset = await rejectionOf(client().me.messages.create({ Subject: "half an answer" }));
      expect(reset).toBeInstanceOf(NetworkError);
      expect(((reset as NetworkError).cause as Error).message).toBe("terminated");
      expect(String(((reset as NetworkError).cause as { cause?: unknown }).cause)).toContain("other side closed");
      expect(lines(seen(sim()))).toEqual(["POST /Me/Messages"]);
      // The service did create it: retrying would have made a second draft.
      expect(
        sim()
          .store.mailbox(ALICE)
          .messagesIn("Drafts")
          .map((m) => m.data.Subject),
      ).toEqual(["half an answer"]);
    });

    it("reset mid-response of a GET: the body read fails and is not retried (only headers are covered)", async () => {
      seedInbox(3);
      sim().inject({ kind: "reset" }, { match: isGet });
      const e = await rejectionOf(client().me.messages.list());
      expect(e).toBeInstanceOf(NetworkError);
      expect(((e as NetworkError).cause as Error).message).toBe("terminated");
      expect(sim().requests).toHaveLength(1);
      // The next call is fine: the broken connection is not reused.
      expect((await client().me.messages.list()).value).toHaveLength(3);
      expect(sim().requests).toHaveLength(2);
    });

    it("a body cut short of its Content-Length fails with a network error", async () => {
      seedInbox(3);
      sim().inject({ kind: "truncate", bytes: 100 });
      const e = await rejectionOf(client().me.messages.list());
      expect(e).toBeInstanceOf(NetworkError);
      expect(((e as NetworkError).cause as Error).message).toBe("terminated");
      expect(String(((e as NetworkError).cause as { cause?: unknown }).cause)).toMatch(/content-length/i);
      expect(sim().requests).toHaveLength(1);
    });
  });

  describe("timeouts (timeoutMs) and delays", () => {
    it("a delay within timeoutMs is only slow", async () => {
      sim().inject({ kind: "delay", ms: 100 });
      const started = Date.now();
      expect((await client({ timeoutMs: 3000 }).me.get()).EmailAddress).toBe(ALICE);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      expect(sim().requests).toHaveLength(1);
    });

    it("a GET delayed once past timeoutMs is retried and succeeds", async () => {
      sim().inject({ kind: "delay", ms: 5000 });
      const started = Date.now();
      // timeoutMs leaves the second (undelayed) attempt ample time, even on a loaded machine.
      expect((await client({ timeoutMs: 800 }).me.get()).EmailAddress).toBe(ALICE);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(lines(seen(sim()))).toEqual(["GET /Me", "GET /Me"]);
    });

    it("fails with TimeoutError when every attempt times out", async () => {
      sim().inject({ kind: "delay", ms: 3000 }, { times: 2 });
      const started = Date.now();
      const e = await rejectionOf(client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1 } }).me.get());
      expect(e).toBeInstanceOf(TimeoutError);
      expect(e).toMatchObject({
        name: "TimeoutError",
        timeoutMs: 150,
        method: "GET",
        url: `${sim().baseUrl("v2.0")}/Me`,
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(sim().requests).toHaveLength(2);
    });

    it("a timed-out POST is not retried", async () => {
      sim().inject({ kind: "delay", ms: 3000 }, { match: isPost });
      const e = await rejectionOf(client({ timeoutMs: 150 }).me.messages.create({ Subject: "slow" }));
      expect(e).toBeInstanceOf(TimeoutError);
      expect(e).toMatchObject({ method: "POST" });
      expect(lines(seen(sim()))).toEqual(["POST /Me/Messages"]);
    });
  });

  describe("cancellation (AbortSignal)", () => {
    it("cancels a pending retry wait (Retry-After: 30)", async () => {
      sim().throttle(1, 30);
      const controller = new AbortController();
      const reason = new Error("user cancelled");
      setTimeout(() => controller.abort(reason), 100);
      const started = Date.now();
      const e = await rejectionOf(client().me.messages.list(undefined, { signal: controller.signal }));
      expect(e).toBe(reason);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(sim().requests).toHaveLength(1);
    });

    it("cancels a request in flight, and an aborted signal sends nothing", async () => {
      sim().inject({ kind: "delay", ms: 3000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const e = await rejectionOf(client({ timeoutMs: 5000 }).me.get(undefined, { signal: controller.signal }));
      expect(e).toMatchObject({ name: "AbortError" });
      expect(sim().requests).toHaveLength(1);

      sim().clearRequests();
      const aborted = AbortSignal.abort(new Error("already"));
      await expect(client().me.get(undefined, { signal: aborted })).rejects.toThrow("already");
      expect(sim().requests).toHaveLength(0);
    });
  });
});
