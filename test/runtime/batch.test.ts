import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { BatchErrorCodes, createBatch, type BatchOptions, type BatchResult } from "../../templates/runtime/batch.js";
import { createContext, type ClientContext, type ClientOptions } from "../../templates/runtime/context.js";
import { NetworkError, ODataError } from "../../templates/runtime/errors.js";
import type { ODataCollection, ODataEntity } from "../../templates/runtime/types.js";
import { createEntity, getEntity } from "../../templates/runtime/http.js";
import { rootNode, type WireTable } from "../../templates/runtime/node.js";
import { Path } from "../../templates/runtime/path.js";
import {
  makeClient,
  multipartResponse,
  ODATA_JSON,
  readMultipartRequest,
  type Message,
  type PartAnswer,
} from "./batch-helpers.js";
import { fakeFetch, json, type RecordedCall, type Responder } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const ROOT = "/api/v2.0";
const TABLE: WireTable = { rule: "upper" };
const UUID = "4a4b4c4d-0000-4000-8000-000000000001";

function setup(responses: (Response | Responder)[], options: ClientOptions = {}, batch: BatchOptions = {}) {
  const f = fakeFetch(...responses);
  const getAccessToken = vi.fn((_: { url: string; method: string }) => "tok");
  const ctx = createContext(
    { fetch: f.fetch, getAccessToken, anchorMailbox: "sadie@contoso.com", ...options },
    { baseUrl: BASE, sendAnchorMailbox: true },
  );
  // The client also carries its context and a root node of the same context (for Batch.ref and the runtime calls).
  const client = (c: ClientContext) => ({ ...makeClient(c), ctx: c, root: rootNode<object>(c, TABLE) });
  return { calls: f.calls, getAccessToken, batch: createBatch(ctx, client, batch) };
}

const bodyText = (call: RecordedCall | undefined): string => {
  const b = call?.body;
  if (typeof b === "string") return b;
  if (b instanceof Uint8Array) return new TextDecoder().decode(b);
  throw new Error(`unexpected body ${String(b)}`);
};

/** Answers a multipart batch request with `answer(part, index)` for each part, echoing its Content-ID. */
function echo(answer: (requestLine: string, i: number) => PartAnswer, boundary = "batchresponse_echo"): Responder {
  return (_url, init) => {
    const type = new Headers(init.headers).get("Content-Type") ?? "";
    const parts = readMultipartRequest(String(init.body), type);
    return multipartResponse(
      boundary,
      parts.map((p, i) => ({ ...answer(p.requestLine, i), ...(p.contentId ? { contentId: p.contentId } : {}) })),
    );
  };
}

const ok = (body: unknown): PartAnswer => ({
  status: 200,
  headers: { "Content-Type": ODATA_JSON },
  body: JSON.stringify(body),
});

beforeEach(() => {
  vi.spyOn(globalThis.crypto, "randomUUID").mockReturnValue(UUID);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("multipart request", () => {
  it("writes the exact Outlook wire format: parts, request lines, per-part headers, bodies, CRLFs", async () => {
    const { calls, batch } = setup([multipartResponse("batchresponse_1", [])], { headers: { "X-Client": "a" } });
    void batch.add((c) => c.messages({ select: ["Subject"], top: 5 }));
    void batch.add((c) => c.update("AA=", { Subject: "Hi" }, { ifMatch: 'W/"1"', prefer: ["return=minimal"] }));
    void batch.add((c) => c.reply("B", "Thanks"));
    void batch.add((c) => c.remove("C"));
    await batch.send();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE}/$batch`);
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.headers).toEqual({
      accept: "multipart/mixed",
      authorization: "Bearer tok",
      "content-type": `multipart/mixed; boundary=batch_${UUID}`,
      "x-anchormailbox": "sadie@contoso.com",
      "x-client": "a",
    });
    const b = `--batch_${UUID}`;
    const mime = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n";
    const common = "x-AnchorMailbox: sadie@contoso.com\r\nX-Client: a\r\n";
    expect(bodyText(calls[0])).toBe(
      `${b}\r\n${mime}Content-ID: 1\r\n\r\n` +
        `GET ${ROOT}/Me/Messages?$select=Subject&$top=5 HTTP/1.1\r\n` +
        `Accept: application/json\r\n${common}\r\n\r\n` +
        `${b}\r\n${mime}Content-ID: 2\r\n\r\n` +
        `PATCH ${ROOT}/Me/Messages('AA%3D') HTTP/1.1\r\n` +
        `Accept: application/json\r\nContent-Type: application/json\r\nIf-Match: W/"1"\r\nPrefer: return=minimal\r\n${common}\r\n` +
        `{"Subject":"Hi"}\r\n` +
        `${b}\r\n${mime}Content-ID: 3\r\n\r\n` +
        `POST ${ROOT}/Me/Messages('B')/Reply HTTP/1.1\r\n` +
        `Accept: application/json\r\nContent-Type: application/json\r\n${common}\r\n` +
        `{"Comment":"Thanks"}\r\n` +
        `${b}\r\n${mime}Content-ID: 4\r\n\r\n` +
        `DELETE ${ROOT}/Me/Messages('C') HTTP/1.1\r\n` +
        `Accept: application/json\r\n${common}\r\n\r\n` +
        `${b}--\r\n`,
    );
  });

  it("calls getAccessToken once per $batch POST, never per part, and strips part Authorization", async () => {
    const { calls, getAccessToken, batch } = setup(
      [echo(() => ok({ Id: "x" })), echo(() => ok({ Id: "y" }))],
      { headers: { Authorization: "Bearer static" } },
      { maxPartsPerRequest: 2 },
    );
    for (let i = 0; i < 3; i++) void batch.add((c) => c.message(String(i)));
    await batch.send();
    expect(getAccessToken.mock.calls).toEqual([
      [{ url: `${BASE}/$batch`, method: "POST" }],
      [{ url: `${BASE}/$batch`, method: "POST" }],
    ]);
    expect(calls.map((c) => c.headers["authorization"])).toEqual(["Bearer static", "Bearer static"]);
    for (const call of calls) expect(bodyText(call)).not.toMatch(/authorization/i);
  });

  it("routes the outer request by the first part's x-AnchorMailbox and honours options.path", async () => {
    const { calls, batch } = setup([multipartResponse("r", [])], {}, { path: "me/$batch" });
    void batch.add((c) => c.userMessages("bob@contoso.com"));
    void batch.add((c) => c.messages());
    await batch.send();
    expect(calls[0]?.url).toBe(`${BASE}/me/$batch`);
    expect(calls[0]?.headers["x-anchormailbox"]).toBe("bob@contoso.com");
    expect(bodyText(calls[0])).toContain(`GET ${ROOT}/Users('bob@contoso.com')/Messages HTTP/1.1\r\n`);
  });

  it("sends Prefer: odata.continue-on-error, after client-wide Prefer values", async () => {
    const { calls, batch } = setup(
      [multipartResponse("r", []), multipartResponse("r", [])],
      { headers: { Prefer: 'outlook.timezone="UTC"' } },
      { continueOnError: true },
    );
    void batch.add((c) => c.messages());
    await batch.send();
    expect(calls[0]?.headers["prefer"]).toBe('outlook.timezone="UTC", odata.continue-on-error');

    const plain = setup([multipartResponse("r", [])]);
    void plain.batch.add((c) => c.messages());
    await plain.batch.send();
    expect(plain.calls[0]?.headers["prefer"]).toBeUndefined();
  });

  it("sends binary part bodies byte for byte and reads binary part responses", async () => {
    const photo = new Uint8Array(256).map((_, i) => i);
    let sent: Uint8Array | undefined;
    const { batch } = setup([
      (_url, init) => {
        sent = init.body as Uint8Array;
        const head = new TextEncoder().encode(
          "--rb\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n",
        );
        const tail = new TextEncoder().encode(
          "\r\n--rb\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n--rb--\r\n",
        );
        const all = new Uint8Array(head.length + photo.length + tail.length);
        all.set(head);
        all.set(photo, head.length);
        all.set(tail, head.length + photo.length);
        return new Response(all, { headers: { "Content-Type": 'multipart/mixed; boundary="rb"' } });
      },
    ]);
    const get = batch.add(async (c) => new Uint8Array(await (await c.photo()).arrayBuffer()));
    const put = batch.add((c) => c.setPhoto(photo));
    await batch.send();
    expect(sent).toBeInstanceOf(Uint8Array);
    const text = new TextDecoder("latin1").decode(sent);
    expect(text).toContain(`PUT ${ROOT}/Me/Photo/$value HTTP/1.1\r\nContent-Type: image/jpeg\r\n`);
    const at = text.indexOf("\r\n\r\n", text.indexOf("PUT ")) + 4;
    expect([...(sent ?? []).slice(at, at + 256)]).toEqual([...photo]);
    const g = await get;
    expect(g.ok && [...g.body]).toEqual([...photo]);
    expect(await put).toMatchObject({ ok: true, status: 204, body: undefined });
  });
});

/** The response shape of the Outlook $batch docs (§3.4): batchresponse boundary, OData JSON per part. */
const OUTLOOK_RESPONSE = [
  "--batchresponse_8d1e3a3b-5f44-4c6b-a8a2-62b3a0f4c9b1",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "HTTP/1.1 200 OK",
  `Content-Type: ${ODATA_JSON}`,
  "OData-Version: 4.0",
  "",
  JSON.stringify({
    "@odata.context":
      "https://outlook.office.com/api/v2.0/$metadata#Users('ddfcd489-628b-40d7-b48b-57002df800e5%4064ba6b52-54e6-4f4c-a3d6-8f8f5b4f5e0d')/Messages(Subject)",
    value: [
      {
        "@odata.id":
          "https://outlook.office.com/api/v2.0/Users('ddfcd489-628b-40d7-b48b-57002df800e5@64ba6b52-54e6-4f4c-a3d6-8f8f5b4f5e0d')/Messages('AAMk1')",
        "@odata.etag": 'W/"CQAAABYAAAB"',
        Id: "AAMk1",
        Subject: "Lunch?",
      },
    ],
  }),
  "--batchresponse_8d1e3a3b-5f44-4c6b-a8a2-62b3a0f4c9b1",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "HTTP/1.1 404 Not Found",
  `Content-Type: ${ODATA_JSON}`,
  "request-id: 5a1f0c7e-part-2",
  "",
  JSON.stringify({ error: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." } }),
  "--batchresponse_8d1e3a3b-5f44-4c6b-a8a2-62b3a0f4c9b1",
  "Content-Type: application/http",
  "Content-Transfer-Encoding: binary",
  "",
  "HTTP/1.1 202 Accepted",
  "",
  "",
  "--batchresponse_8d1e3a3b-5f44-4c6b-a8a2-62b3a0f4c9b1--",
  "",
].join("\r\n");

describe("multipart response", () => {
  it("parses an Outlook batch response into typed results per part, success and typed error", async () => {
    const { batch } = setup([
      new Response(OUTLOOK_RESPONSE, {
        headers: { "Content-Type": "multipart/mixed; boundary=batchresponse_8d1e3a3b-5f44-4c6b-a8a2-62b3a0f4c9b1" },
      }),
    ]);
    const list = batch.add((c) => c.messages({ select: ["Subject"] }));
    const one = batch.add((c) => c.message("gone"));
    const reply = batch.add((c) => c.reply("AAMk1", "Yes"));
    expectTypeOf(list).toEqualTypeOf<Promise<BatchResult<ODataCollection<Message>>>>();
    expectTypeOf(one).toEqualTypeOf<Promise<BatchResult<ODataEntity<Message>>>>();
    await batch.send();

    const l = await list;
    expect(l.ok).toBe(true);
    if (!l.ok) throw l.error;
    expectTypeOf(l.body.value[0]!.Subject).toEqualTypeOf<string | undefined>();
    expect(l.status).toBe(200);
    expect(l.headers.get("OData-Version")).toBe("4.0");
    expect(l.body.value).toEqual([expect.objectContaining({ Id: "AAMk1", Subject: "Lunch?" })]);

    const o = await one;
    expect(o.ok).toBe(false);
    if (o.ok) throw new Error("expected an error");
    expect(o.error).toBeInstanceOf(ODataError);
    expect(o.status).toBe(404);
    expect(o.headers.get("request-id")).toBe("5a1f0c7e-part-2");
    expect({ ...o.error, message: o.error.message }).toEqual({
      name: "ODataError",
      message: "ErrorItemNotFound: The specified object was not found in the store.",
      status: 404,
      code: "ErrorItemNotFound",
      requestId: "5a1f0c7e-part-2",
      details: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." },
      method: "GET",
      url: `${BASE}/Me/Messages('gone')`,
      headers: expect.any(Headers),
    });

    expect(await reply).toEqual({ ok: true, status: 202, headers: new Headers(), body: undefined });
  });

  it("matches parts by Content-ID when the service answers out of order", async () => {
    const { batch } = setup([
      multipartResponse("batchresponse_x", [
        { ...ok({ Id: "3" }), contentId: "3" },
        { ...ok({ Id: "1" }), contentId: "<1>" },
        { ...ok({ Id: "2" }), contentId: "2" },
      ]),
    ]);
    const results = ["1", "2", "3"].map((id) => batch.add((c) => c.message(id)));
    await batch.send();
    expect((await Promise.all(results)).map((r) => r.ok && r.body.Id)).toEqual(["1", "2", "3"]);
  });

  it("falls back to request order for parts without Content-ID", async () => {
    const { batch } = setup([
      multipartResponse("batchresponse_x", [ok({ Id: "a" }), { ...ok({ Id: "c" }), contentId: "3" }, ok({ Id: "b" })]),
    ]);
    const results = ["a", "b", "c"].map((id) => batch.add((c) => c.message(id)));
    await batch.send();
    expect((await Promise.all(results)).map((r) => r.ok && r.body.Id)).toEqual(["a", "b", "c"]);
  });

  it("resolves parts without a response as 424 BatchPartNotExecuted (service stopped at the first failure)", async () => {
    const { batch } = setup([
      multipartResponse("batchresponse_x", [
        ok({ Id: "1" }),
        {
          status: 400,
          reason: "Bad Request",
          body: '{"error":{"code":"ErrorInvalidIdMalformed","message":"Id is malformed."}}',
        },
      ]),
    ]);
    const results = ["1", "bad", "3", "4"].map((id) => batch.add((c) => c.message(id)));
    await batch.send();
    const [r1, r2, r3, r4] = await Promise.all(results);
    expect(r1).toMatchObject({ ok: true, status: 200 });
    expect(r2).toMatchObject({ ok: false, status: 400, error: { code: "ErrorInvalidIdMalformed" } });
    for (const [r, id] of [
      [r3, "3"],
      [r4, "4"],
    ] as const) {
      expect(r).toMatchObject({ ok: false, status: 424 });
      if (r?.ok !== false) throw new Error("expected an error");
      expect(r.error).toBeInstanceOf(ODataError);
      expect(r.error.code).toBe(BatchErrorCodes.PartNotExecuted);
      expect(r.error.code).toBe("BatchPartNotExecuted");
      expect(r.error.url).toBe(`${BASE}/Me/Messages('${id}')`);
    }
  });

  it("accepts LF-only line breaks and a preamble", async () => {
    const text =
      "preamble\n--b\nContent-Type: application/http\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n" +
      '{"Id":"lf"}\n--b--\n';
    const { batch } = setup([new Response(text, { headers: { "Content-Type": "multipart/mixed;boundary=b" } })]);
    const r = batch.add((c) => c.message("lf"));
    await batch.send();
    expect(await r).toMatchObject({ ok: true, body: { Id: "lf" } });
  });

  it("reads the responses of a change set in the response, and fails clearly on a change set in a change set", async () => {
    const text =
      "--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n--cs\r\nContent-Type: application/http\r\n\r\n" +
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"Id":"in"}\r\n--cs--\r\n--b--\r\n';
    const { batch } = setup([new Response(text, { headers: { "Content-Type": "multipart/mixed; boundary=b" } })]);
    const r = batch.add((c) => c.message("1"));
    await batch.send();
    expect(await r).toMatchObject({ ok: true, status: 200, body: { Id: "in" } });

    const nested =
      "--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n--cs\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" +
      "--x\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n--x--\r\n--cs--\r\n--b--\r\n";
    const bad = setup([new Response(nested, { headers: { "Content-Type": "multipart/mixed; boundary=b" } })]);
    const r2 = bad.batch.add((c) => c.message("1"));
    await expect(bad.batch.send()).rejects.toThrow(/change set nested in a change set/);
    await expect(r2).rejects.toThrow(/nested/);
  });
});

describe("splitting", () => {
  it("sends 45 parts as 20 + 20 + 5 in three sequential POSTs, in order", async () => {
    const sizes: number[] = [];
    let inFlight = 0;
    const answer: Responder = async (url, init) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const type = new Headers(init.headers).get("Content-Type") ?? "";
      sizes.push(readMultipartRequest(String(init.body), type).length);
      return echo((line) => ok({ Id: /Messages\('(\d+)'\)/.exec(line)?.[1] }))(url, init);
    };
    const { calls, getAccessToken, batch } = setup([answer, answer, answer]);
    const results = Array.from({ length: 45 }, (_, i) => batch.add((c) => c.message(String(i + 1))));
    expect(batch.size).toBe(45);
    await batch.send();
    expect(calls).toHaveLength(3);
    expect(sizes).toEqual([20, 20, 5]);
    expect(getAccessToken).toHaveBeenCalledTimes(3);
    const ids = calls.map((c) =>
      readMultipartRequest(bodyText(c), c.headers["content-type"] ?? "").map((p) => p.contentId),
    );
    expect(ids.flat()).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    expect((await Promise.all(results)).map((r) => r.ok && r.body.Id)).toEqual(
      Array.from({ length: 45 }, (_, i) => String(i + 1)),
    );
  });

  it("without continueOnError, a failed part stops the later $batch requests", async () => {
    const { calls, batch } = setup(
      [
        echo((_, i) =>
          i === 1 ? { status: 404, body: '{"error":{"code":"ErrorItemNotFound","message":"x"}}' } : ok({}),
        ),
      ],
      {},
      { maxPartsPerRequest: 2 },
    );
    const results = ["1", "2", "3", "4", "5"].map((id) => batch.add((c) => c.message(id)));
    await batch.send();
    expect(calls).toHaveLength(1);
    expect((await Promise.all(results)).map((r) => r.status)).toEqual([200, 404, 424, 424, 424]);
  });

  it("with continueOnError, later $batch requests are still sent", async () => {
    const fail = echo((_, i) => (i === 0 ? { status: 500, body: "" } : ok({})));
    const { calls, batch } = setup([fail, fail], {}, { maxPartsPerRequest: 2, continueOnError: true });
    const results = ["1", "2", "3"].map((id) => batch.add((c) => c.message(id)));
    await batch.send();
    expect(calls).toHaveLength(2);
    expect((await Promise.all(results)).map((r) => r.status)).toEqual([500, 200, 500]);
  });
});

describe("failures", () => {
  it("a failed $batch request rejects send() with its ODataError and every pending part resolves with it", async () => {
    const { calls, batch } = setup(
      [
        echo(() => ok({ Id: "first" })),
        json({ error: { code: "ApplicationThrottled", message: "Too many requests" } }, 429, { "Retry-After": "3" }),
      ],
      { retry: false },
      { maxPartsPerRequest: 1 },
    );
    const results = ["1", "2", "3"].map((id) => batch.add((c) => c.message(id)));
    const err: unknown = await batch.send().catch((e: unknown) => e);
    expect(calls).toHaveLength(2);
    expect(err).toBeInstanceOf(ODataError);
    expect(err).toMatchObject({ status: 429, code: "ApplicationThrottled", method: "POST", url: `${BASE}/$batch` });
    const [r1, r2, r3] = await Promise.all(results);
    expect(r1).toMatchObject({ ok: true, body: { Id: "first" } });
    for (const r of [r2, r3]) {
      if (r?.ok !== false) throw new Error("expected an error");
      expect(r.error).toBe(err);
      expect(r.status).toBe(429);
      expect(r.headers.get("Retry-After")).toBe("3");
    }
  });

  it("a network error rejects send() and the pending parts (without unhandled rejections)", async () => {
    const boom = new TypeError("fetch failed");
    const { batch } = setup([
      () => {
        throw boom;
      },
    ]);
    const r = batch.add((c) => c.message("1"));
    const err: unknown = await batch.send().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBe(boom);
    await expect(r).rejects.toBe(err);
  });

  it("a request function that fails before fetching leaves the batch; the others are sent", async () => {
    const { calls, batch } = setup([echo(() => ok({ Id: "fine" }))]);
    const bad = batch.add(() => Promise.reject(new RangeError("bad input")));
    const good = batch.add((c) => c.message("fine"));
    await batch.send();
    await expect(bad).rejects.toThrow(RangeError);
    expect(await good).toMatchObject({ ok: true, body: { Id: "fine" } });
    expect(readMultipartRequest(bodyText(calls[0]), calls[0]?.headers["content-type"] ?? "")).toHaveLength(1);
  });

  it("sends nothing for an empty batch, and nothing once BatchOptions.signal is aborted", async () => {
    const empty = setup([]);
    await empty.batch.send();
    expect(empty.calls).toHaveLength(0);

    const controller = new AbortController();
    const { calls, batch } = setup([], {}, { signal: controller.signal });
    const r = batch.add((c) => c.message("1"));
    controller.abort(new Error("stop"));
    await expect(batch.send()).rejects.toThrow("stop");
    await expect(r).rejects.toThrow("stop");
    expect(calls).toHaveLength(0);
  });

  it("rejects misuse clearly", async () => {
    const { batch } = setup([multipartResponse("r", [])]);
    expect(() => batch.add((c) => c.messages(), { dependsOn: ["1"] })).toThrow(/needs format "json"/);
    expect(() =>
      batch.ref(rootNode<object>(createContext({}, { baseUrl: BASE, sendAnchorMailbox: false }), TABLE), "9"),
    ).toThrow(/names no request/);
    expect(() => batch.add((c) => c.messages(), { id: "a b" })).toThrow(/invalid or taken/);
    const twice = batch.add((c) => Promise.all([c.message("1"), c.message("2")]));
    await batch.send();
    await expect(twice).rejects.toThrow(/exactly one HTTP request/);
    expect(() => batch.add((c) => c.messages())).toThrow(/after send/);
    await expect(batch.send()).rejects.toThrow(/twice/);
    expect(() =>
      createBatch(createContext({}, { baseUrl: BASE, sendAnchorMailbox: false }), makeClient, {
        maxPartsPerRequest: 0,
      }),
    ).toThrow(RangeError);
  });
});

/** The node type of what a reference addresses, as a generated client declares it. */
interface MessagesAt {
  readonly messages: { create(m: Partial<Message>): Promise<ODataEntity<Message>> };
  get(): Promise<ODataEntity<Message>>;
}

describe("change sets and references", () => {
  const created = (id: string): PartAnswer => ({
    status: 201,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ Id: id }),
  });

  it("sends an atomicity group as one multipart change set, and a reference as $id", async () => {
    let sent: { body: string; type: string } | undefined;
    const responder: Responder = (_url, init) => {
      sent = { body: String(init.body), type: new Headers(init.headers).get("Content-Type") ?? "" };
      const text =
        `--r\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"Id":"one"}\r\n` +
        `--r\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n` +
        `--cs\r\nContent-Type: application/http\r\nContent-ID: 3\r\n\r\nHTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{"Id":"child"}\r\n` +
        `--cs\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nHTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{"Id":"folder"}\r\n` +
        `--cs--\r\n` +
        `--r\r\nContent-Type: application/http\r\nContent-ID: 4\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"Id":"folder"}\r\n--r--\r\n`;
      return new Response(text, { headers: { "Content-Type": "multipart/mixed; boundary=r" } });
    };
    const { batch } = setup([responder], { sendAnchorMailbox: false });
    const one = batch.add((c) => c.message("1"));
    const folder = batch.add((c) => createEntity<Message>(c.ctx, Path.root().nav("Folders"), { Id: "f" }), {
      atomicityGroup: "g",
    });
    const child = batch.add((c) => batch.ref<MessagesAt>(c.root, "2").messages.create({ Subject: "in f" }), {
      atomicityGroup: "g",
    });
    const again = batch.add((c) => batch.ref<MessagesAt>(c.root, "2").get());
    await batch.send();

    const b = `batch_${UUID}`;
    const cs = `changeset_${UUID}`;
    expect(sent?.type).toBe(`multipart/mixed; boundary=${b}`);
    const part = (boundary: string, id: string, line: string, body = "", type = "") =>
      `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${id}\r\n\r\n` +
      `${line} HTTP/1.1\r\nAccept: application/json\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n${body}\r\n`;
    expect(sent?.body).toBe(
      part(b, "1", `GET ${ROOT}/Me/Messages('1')`) +
        `--${b}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n` +
        part(cs, "2", `POST ${ROOT}/Folders`, '{"Id":"f"}', "application/json") +
        part(cs, "3", "POST $2/Messages", '{"Subject":"in f"}', "application/json") +
        `--${cs}--\r\n` +
        part(b, "4", "GET $2") +
        `--${b}--\r\n`,
    );
    expect(await one).toMatchObject({ ok: true, status: 200, body: { Id: "one" } });
    expect(await folder).toMatchObject({ ok: true, status: 201, body: { Id: "folder" } });
    expect(await child).toMatchObject({ ok: true, status: 201, body: { Id: "child" } });
    expect(await again).toMatchObject({ ok: true, status: 200, body: { Id: "folder" } });
  });

  it("a failed change set answers every request of its group with its error; later requests are not executed", async () => {
    const failed: Responder = () =>
      multipartResponse("r", [
        created("x"),
        {
          status: 428,
          contentId: "3",
          headers: { "Content-Type": "application/json" },
          body: '{"error":{"code":"428","message":"Precondition Required"}}',
        },
      ]);
    const { batch } = setup([failed]);
    const before = batch.add((c) => c.message("0"));
    const a = batch.add((c) => c.update("A", { Subject: "a" }), { atomicityGroup: "g" });
    const b = batch.add((c) => c.update("B", { Subject: "b" }), { atomicityGroup: "g" });
    const after = batch.add((c) => c.message("4"));
    await batch.send();
    expect(await before).toMatchObject({ ok: true, status: 201 });
    for (const r of [await a, await b]) {
      if (r.ok) throw new Error("expected the change set's error");
      expect([r.status, r.error.code, r.error.status]).toEqual([428, "428", 428]);
    }
    expect(await after).toMatchObject({ ok: false, status: 424, error: { code: BatchErrorCodes.PartNotExecuted } });
  });

  it("relativeUrls addresses the parts relative to the batch URL; references stay references", async () => {
    const { calls, batch } = setup(
      [
        json({
          responses: [
            { id: "0", status: 200, body: { Id: "z" } },
            { id: "1", status: 201, body: { Id: "n" } },
            { id: "2", status: 200, body: { Id: "n" } },
          ],
        }),
      ],
      { sendAnchorMailbox: false },
      { format: "json", relativeUrls: true },
    );
    void batch.add((c) => c.message("z"), { id: "0" });
    const first = batch.add((c) => createEntity<Message>(c.ctx, Path.root().nav("Folders"), { Id: "n" }), { id: "1" });
    const second = batch.add((c) => batch.ref<MessagesAt>(c.root, "1").get(), { id: "2", dependsOn: ["0"] });
    await batch.send();
    const { requests } = JSON.parse(bodyText(calls[0])) as { requests: Record<string, unknown>[] };
    expect(requests.map((r) => [r["id"], r["url"], r["dependsOn"]])).toEqual([
      ["0", "Me/Messages('z')", undefined],
      ["1", "Folders", undefined],
      ["2", "$1", ["1", "0"]], // the referenced request first (SAP CAP resolves against the first only)
    ]);
    expect(await first).toMatchObject({ ok: true, status: 201 });
    expect(await second).toMatchObject({ ok: true, status: 200 });

    const multi = setup([echo(() => ok({ Id: "x" }))], { sendAnchorMailbox: false }, { relativeUrls: true });
    void multi.batch.add((c) => c.messages({ top: 1 }));
    await multi.batch.send();
    expect(
      readMultipartRequest(bodyText(multi.calls[0]), multi.calls[0]?.headers["content-type"] ?? "")[0]?.requestLine,
    ).toBe("GET Me/Messages?$top=1 HTTP/1.1");
  });
});

describe("JSON format", () => {
  it("writes requests with atomicityGroup and dependsOn, and matches responses by id", async () => {
    const { calls, batch } = setup(
      [
        json({
          responses: [
            { id: "r", status: 204, headers: {} },
            {
              id: "u",
              status: 200,
              headers: { "Content-Type": "application/json", ETag: 'W/"2"' },
              body: { Id: "A", Subject: "New" },
            },
            { id: "list", status: 200, body: { value: [{ Id: "A" }] } },
            {
              id: "1",
              status: 404,
              headers: { "content-type": "application/json" },
              body: { error: { code: "ErrorItemNotFound", message: "gone" } },
            },
          ],
        }),
      ],
      {},
      { format: "json", continueOnError: true },
    );
    const one = batch.add((c) => c.message("x"));
    const list = batch.add((c) => c.messages({ top: 1 }), { id: "list" });
    const update = batch.add((c) => c.update("A", { Subject: "New" }), {
      id: "u",
      atomicityGroup: "g",
      dependsOn: ["list"],
    });
    const remove = batch.add((c) => c.remove("B"), { id: "r", atomicityGroup: "g" });
    await batch.send();

    expect(calls[0]?.url).toBe(`${BASE}/$batch`);
    expect(calls[0]?.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      prefer: "odata.continue-on-error",
      authorization: "Bearer tok",
    });
    // Lower-case header names in JSON (SAP CAP finds only those). By default in the JSON format, part URLs are relative
    // to the service root after a slash (`/Me/…`), the form Graph documents.
    const h = { accept: "application/json", "x-anchormailbox": "sadie@contoso.com" };
    expect(JSON.parse(bodyText(calls[0]))).toEqual({
      requests: [
        { id: "1", method: "GET", url: `Me/Messages('x')`, headers: h },
        { id: "list", method: "GET", url: `Me/Messages?$top=1`, headers: h },
        {
          id: "u",
          method: "PATCH",
          url: `Me/Messages('A')`,
          atomicityGroup: "g",
          dependsOn: ["list"],
          headers: { ...h, "content-type": "application/json" },
          body: { Subject: "New" },
        },
        { id: "r", method: "DELETE", url: `Me/Messages('B')`, atomicityGroup: "g", headers: h },
      ],
    });

    const o = await one;
    expect(o).toMatchObject({ ok: false, status: 404, error: { code: "ErrorItemNotFound", method: "GET" } });
    expect(await list).toMatchObject({ ok: true, status: 200, body: { value: [{ Id: "A" }] } });
    const u = await update;
    expect(u).toMatchObject({ ok: true, status: 200, body: { Id: "A", Subject: "New" } });
    expect(u.headers.get("ETag")).toBe('W/"2"');
    expect(await remove).toMatchObject({ ok: true, status: 204 });
  });

  it("encodes non-JSON bodies as base64url and decodes binary response bodies", async () => {
    const photo = new Uint8Array([0xfb, 0xff, 0x00, 0x3e]);
    const { calls, batch } = setup(
      [
        json({
          responses: [
            { id: "1", status: 200, headers: { "Content-Type": "image/jpeg" }, body: "-_8APg" },
            { id: "2", status: 204 },
          ],
        }),
      ],
      {},
      { format: "json" },
    );
    const get = batch.add(async (c) => new Uint8Array(await (await c.photo()).arrayBuffer()));
    void batch.add((c) => c.setPhoto(photo));
    await batch.send();
    const requests = (JSON.parse(bodyText(calls[0])) as { requests: { body?: unknown }[] }).requests;
    expect(requests[1]?.body).toBe("-_8APg");
    const g = await get;
    expect(g.ok && [...g.body]).toEqual([...photo]);
  });

  it("keeps atomicity groups within one $batch request and rejects a dependent unit larger than the limit", async () => {
    const answer: Responder = (_url, init) => {
      const { requests } = JSON.parse(String(init.body)) as { requests: { id: string }[] };
      return json({ responses: requests.map((r) => ({ id: r.id, status: 200, body: { Id: r.id } })) });
    };
    const { calls, batch } = setup([answer, answer], {}, { format: "json", maxPartsPerRequest: 3 });
    void batch.add((c) => c.message("1"));
    void batch.add((c) => c.message("2"));
    void batch.add((c) => c.message("3"), { atomicityGroup: "g" });
    void batch.add((c) => c.message("4"), { atomicityGroup: "g" });
    await batch.send();
    const ids = calls.map((c) => (JSON.parse(bodyText(c)) as { requests: { id: string }[] }).requests.map((r) => r.id));
    expect(ids).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);

    const other = setup([], {}, { format: "json", maxPartsPerRequest: 1 });
    const first = other.batch.add((c) => c.message("1"));
    const dependent = other.batch.add((c) => c.message("2"), { dependsOn: ["1"] });
    await expect(other.batch.send()).rejects.toThrow(/2 requests joined by dependsOn.*exceed maxPartsPerRequest 1/);
    await expect(first).rejects.toThrow(/joined by dependsOn/);
    await expect(dependent).rejects.toThrow(/joined by dependsOn/);
    expect(() => other.batch.add((c) => c.message("3"))).toThrow();
    expect(() => setup([], {}, { format: "json" }).batch.add((c) => c.message("x"), { dependsOn: ["nope"] })).toThrow(
      /names no request/,
    );
  });
});
