// Issue 12, $batch that each service accepts: part URL forms per profile, splitting at the service's limit with
// dependent requests kept together, and parts answered 429 sent again after their own Retry-After.
import { describe, expect, it, vi } from "vitest";
import { createBatch, type BatchDefaults, type BatchOptions } from "../../templates/runtime/batch.js";
import { createContext, type ClientContext, type ClientOptions } from "../../templates/runtime/context.js";
import { makeClient, multipartResponse, readMultipartRequest } from "./batch-helpers.js";
import { fakeFetch, json, type RecordedCall, type Responder } from "./fake-fetch.js";

const GRAPH: BatchDefaults = { format: "json", path: "$batch", maxPartsPerRequest: 20, partUrls: "service" };
const OUTLOOK: BatchDefaults = { format: "multipart", path: "me/$batch", maxPartsPerRequest: 20, partUrls: "absolute" };

function setup(
  base: string,
  responses: (Response | Responder)[],
  batch: BatchOptions = {},
  defaults?: BatchDefaults,
  options: ClientOptions = {},
) {
  const f = fakeFetch(...responses);
  const sleep = vi.fn(async (_ms: number) => {});
  const ctx = createContext(
    { fetch: f.fetch, getAccessToken: () => "tok", retry: { sleep, random: () => 0 }, ...options },
    { baseUrl: base, sendAnchorMailbox: false },
  );
  const client = (c: ClientContext) => makeClient(c);
  return { calls: f.calls, sleep, batch: createBatch(ctx, client, batch, defaults) };
}

interface JsonRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly dependsOn?: string[];
  readonly atomicityGroup?: string;
}

const requestsOf = (call: RecordedCall | undefined): JsonRequest[] =>
  (JSON.parse(String(call?.body)) as { requests: JsonRequest[] }).requests;

/** Answers every request of a JSON batch with `answer(request)` (default 200 `{ Id: id }`). */
function jsonEcho(answer?: (r: JsonRequest) => Record<string, unknown> | undefined): Responder {
  return (_url, init) =>
    json({
      responses: (JSON.parse(String(init.body)) as { requests: JsonRequest[] }).requests.map(
        (r) => answer?.(r) ?? { id: r.id, status: 200, body: { Id: r.id } },
      ),
    });
}

describe("part URL forms", () => {
  it("JSON (Graph's profile): relative to the service root after a slash, to {root}/$batch", async () => {
    const { calls, batch } = setup("https://graph.microsoft.com/v1.0", [jsonEcho()], {}, GRAPH);
    void batch.add((c) => c.message("a"));
    void batch.add((c) => c.messages({ top: 2 }));
    await batch.send();
    expect(calls[0]?.url).toBe("https://graph.microsoft.com/v1.0/$batch");
    expect(requestsOf(calls[0]).map((r) => r.url)).toEqual(["/Me/Messages('a')", "/Me/Messages?$top=2"]);
  });

  it("JSON without a profile: relative to the batch URL (JSON format §19.1); partUrls and relativeUrls choose the others", async () => {
    const base = "http://127.0.0.1:4004/odata/v4/tracker";
    const forms: [BatchOptions, string][] = [
      [{ format: "json" }, "Me/Messages('a')"],
      [{ format: "json", partUrls: "relative" }, "Me/Messages('a')"],
      [{ format: "json", relativeUrls: true }, "Me/Messages('a')"],
      [{ format: "json", partUrls: "absolute" }, "/odata/v4/tracker/Me/Messages('a')"],
      [{ format: "json", relativeUrls: false }, "/odata/v4/tracker/Me/Messages('a')"],
      [{ format: "json", relativeUrls: true, partUrls: "service" }, "/Me/Messages('a')"],
    ];
    for (const [options, url] of forms) {
      const { calls, batch } = setup(base, [jsonEcho()], options);
      void batch.add((c) => c.message("a"));
      await batch.send();
      expect([options, requestsOf(calls[0])[0]?.url]).toEqual([options, url]);
    }
  });

  it("multipart (Outlook's profile): request lines with the absolute path, to {root}/me/$batch", async () => {
    const base = "https://outlook.office.com/api/v2.0";
    const { calls, batch } = setup(base, [multipartResponse("r", [{ status: 200, body: "{}" }])], {}, OUTLOOK);
    void batch.add((c) => c.message("a"));
    await batch.send();
    expect(calls[0]?.url).toBe(`${base}/me/$batch`);
    const type = calls[0]?.headers["content-type"] ?? "";
    expect(type).toMatch(/^multipart\/mixed; boundary=batch_/);
    expect(readMultipartRequest(String(calls[0]?.body), type)[0]?.requestLine).toBe(
      "GET /api/v2.0/Me/Messages('a') HTTP/1.1",
    );
  });

  it("multipart with partUrls service: what SAP CAP reads as relative to its service", async () => {
    const base = "http://127.0.0.1:4004/tracker";
    const { calls, batch } = setup(base, [multipartResponse("r", [{ status: 200, body: "{}" }])], {
      partUrls: "service",
    });
    void batch.add((c) => c.message("a"));
    await batch.send();
    const type = calls[0]?.headers["content-type"] ?? "";
    expect(readMultipartRequest(String(calls[0]?.body), type)[0]?.requestLine).toBe("GET /Me/Messages('a') HTTP/1.1");
  });

  it("the caller's options win over the profile's", async () => {
    const base = "https://outlook.office.com/api/v2.0";
    const { calls, batch } = setup(
      base,
      [jsonEcho()],
      { format: "json", path: "$batch", partUrls: "service" },
      OUTLOOK,
    );
    void batch.add((c) => c.message("a"));
    await batch.send();
    expect(calls[0]?.url).toBe(`${base}/$batch`);
    expect(requestsOf(calls[0])[0]?.url).toBe("/Me/Messages('a')");
  });
});

describe("splitting at the service's limit", () => {
  it("21 requests go as 20 and 1, and every caller gets its own result", async () => {
    const { calls, batch } = setup("https://graph.microsoft.com/v1.0", [jsonEcho(), jsonEcho()], {}, GRAPH);
    const results = Array.from({ length: 21 }, (_, i) => batch.add((c) => c.message(`m${i}`)));
    await batch.send();
    expect(calls.map((c) => requestsOf(c).length)).toEqual([20, 1]);
    expect(requestsOf(calls[1])[0]).toMatchObject({ id: "21", url: "/Me/Messages('m20')" });
    const ids = await Promise.all(results.map(async (r) => ((await r) as { body: { Id: string } }).body.Id));
    expect(ids).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
  });

  it("requests joined by dependsOn stay in one $batch request, in the caller's order", async () => {
    const { calls, batch } = setup("https://graph.microsoft.com/v1.0", [jsonEcho(), jsonEcho()], {}, GRAPH);
    // 19 independent requests, then "a", one more, and "b" which depends on "a": 19 + 2 > 20, so a and b go
    // together in the next request, with the one added between them, in the order they were added.
    for (let i = 0; i < 19; i++) void batch.add((c) => c.message(`m${i}`));
    void batch.add((c) => c.message("a"), { id: "a" });
    void batch.add((c) => c.message("m19"));
    const b = batch.add((c) => c.message("b"), { id: "b", dependsOn: ["a"] });
    await batch.send();
    const sent = calls.map((c) => requestsOf(c).map((r) => r.id));
    expect(sent[0]).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(sent[1]).toEqual(["a", "21", "b"]);
    expect(requestsOf(calls[1])[2]?.dependsOn).toEqual(["a"]);
    expect(await b).toMatchObject({ ok: true, body: { Id: "b" } });
  });

  it("a chain of dependsOn is one unit; an atomicity group too", async () => {
    const { calls, batch } = setup("https://example.com/svc", [jsonEcho(), jsonEcho()], {
      format: "json",
      maxPartsPerRequest: 3,
    });
    void batch.add((c) => c.message("1"), { id: "x" });
    void batch.add((c) => c.message("2"));
    void batch.add((c) => c.message("3"), { id: "y", dependsOn: ["x"] });
    void batch.add((c) => c.message("4"), { id: "z", dependsOn: ["y"] });
    void batch.add((c) => c.message("5"), { atomicityGroup: "g" });
    void batch.add((c) => c.message("6"), { atomicityGroup: "g" });
    await batch.send();
    expect(calls.map((c) => requestsOf(c).map((r) => r.id))).toEqual([
      ["x", "y", "z"],
      ["2", "5", "6"],
    ]);
  });
});

describe("parts answered 429", () => {
  it("are sent again after their Retry-After, alone: the parts that succeeded are not resent", async () => {
    let round = 0;
    const answer: Responder = (url, init) => {
      round++;
      return jsonEcho((r) =>
        round === 1 && (r.id === "2" || r.id === "3")
          ? {
              id: r.id,
              status: 429,
              headers: { "Retry-After": r.id === "2" ? "3" : "7" },
              body: { error: { code: "TooManyRequests", message: "slow" } },
            }
          : undefined,
      )(url, init);
    };
    const { calls, sleep, batch } = setup("https://graph.microsoft.com/v1.0", [answer, answer], {}, GRAPH);
    const results = [1, 2, 3, 4].map((i) => batch.add((c) => c.message(`m${i}`)));
    await batch.send();
    expect(calls.map((c) => requestsOf(c).map((r) => r.id))).toEqual([
      ["1", "2", "3", "4"],
      ["2", "3"],
    ]);
    // The longest Retry-After among the throttled parts, once.
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([7000]);
    for (const r of results) expect(await r).toMatchObject({ ok: true, status: 200 });
  });

  it("a request that failed (424) for depending on a throttled one goes again with it", async () => {
    let round = 0;
    const answer: Responder = (url, init) => {
      round++;
      return jsonEcho((r) =>
        round > 1
          ? undefined
          : r.id === "a"
            ? {
                id: "a",
                status: 429,
                headers: { "Retry-After": "1" },
                body: { error: { code: "TooManyRequests", message: "x" } },
              }
            : r.id === "b"
              ? { id: "b", status: 424, body: { error: { code: "FailedDependency", message: "x" } } }
              : undefined,
      )(url, init);
    };
    const { calls, batch } = setup("https://graph.microsoft.com/v1.0", [answer, answer], {}, GRAPH);
    void batch.add((c) => c.message("0"));
    void batch.add((c) => c.message("a"), { id: "a" });
    const b = batch.add((c) => c.message("b"), { id: "b", dependsOn: ["a"] });
    await batch.send();
    expect(calls.map((c) => requestsOf(c).map((r) => r.id))).toEqual([
      ["1", "a", "b"],
      ["a", "b"],
    ]);
    expect(requestsOf(calls[1])[1]?.dependsOn).toEqual(["a"]);
    expect(await b).toMatchObject({ ok: true, body: { Id: "b" } });
  });

  it("stop at the client's retry policy: the last 429 is the part's result", async () => {
    const always = jsonEcho((r) => ({
      id: r.id,
      status: 429,
      headers: { "Retry-After": "1" },
      body: { error: { code: "TooManyRequests", message: "x" } },
    }));
    const { calls, sleep, batch } = setup("https://graph.microsoft.com/v1.0", [always, always], {}, GRAPH, {
      retry: { maxAttempts: 2, sleep: async () => {} },
    });
    const r = batch.add((c) => c.message("a"));
    await batch.send();
    expect(calls).toHaveLength(2);
    expect(sleep).not.toHaveBeenCalled(); // the policy's own sleep was given
    expect(await r).toMatchObject({ ok: false, status: 429, error: { code: "TooManyRequests" } });
  });

  it("a Retry-After beyond the policy's maxDelayMs is not waited for; retry: false sends once", async () => {
    const long = jsonEcho((r) => ({ id: r.id, status: 429, headers: { "Retry-After": "120" } }));
    const one = setup("https://graph.microsoft.com/v1.0", [long], {}, GRAPH);
    const r1 = one.batch.add((c) => c.message("a"));
    await one.batch.send();
    expect(one.calls).toHaveLength(1);
    expect(await r1).toMatchObject({ ok: false, status: 429 });

    const short = jsonEcho((r) => ({ id: r.id, status: 429, headers: { "Retry-After": "1" } }));
    const two = setup("https://graph.microsoft.com/v1.0", [short], {}, GRAPH, { retry: false });
    void two.batch.add((c) => c.message("a"));
    await two.batch.send();
    expect(two.calls).toHaveLength(1);
  });

  it("multipart: a throttled part and the parts the service did not run go again", async () => {
    let round = 0;
    const answer: Responder = (_url, init) => {
      round++;
      const type = new Headers(init.headers).get("Content-Type") ?? "";
      const parts = readMultipartRequest(String(init.body), type);
      // Round 1: the first part runs, the second is throttled, the service stops there (no continue-on-error).
      if (round === 1)
        return multipartResponse("r1", [
          { status: 200, body: '{"Id":"1"}', contentId: parts[0]?.contentId ?? "" },
          { status: 429, headers: { "Retry-After": "2" }, body: "", contentId: parts[1]?.contentId ?? "" },
        ]);
      return multipartResponse(
        "r2",
        parts.map((p) => ({ status: 200, body: `{"Id":"${p.contentId}"}`, contentId: p.contentId ?? "" })),
      );
    };
    const base = "https://outlook.office.com/api/v2.0";
    const { calls, sleep, batch } = setup(base, [answer, answer], {}, OUTLOOK);
    const results = [1, 2, 3].map((i) => batch.add((c) => c.message(`m${i}`)));
    await batch.send();
    const sent = calls.map((c) =>
      readMultipartRequest(String(c.body), c.headers["content-type"] ?? "").map((p) => p.contentId),
    );
    expect(sent).toEqual([
      ["1", "2", "3"],
      ["2", "3"],
    ]);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([2000]);
    expect(await Promise.all(results.map(async (r) => ((await r) as { body: { Id: string } }).body.Id))).toEqual([
      "1",
      "2",
      "3",
    ]);
  });
});
