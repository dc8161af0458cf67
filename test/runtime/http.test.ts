import { describe, expect, it } from "vitest";
import {
  countEntities,
  createContext,
  createEntity,
  deleteEntity,
  getEntity,
  getStream,
  invokeAction,
  invokeFunction,
  listAll,
  listEntities,
  listPages,
  ODataError,
  Path,
  putStream,
  replaceEntity,
  send,
  updateEntity,
  type ClientOptions,
} from "../../templates/runtime/index.js";
import { fakeFetch, json, type Responder } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const outlook = (o: ClientOptions) => createContext(o, { baseUrl: BASE, sendAnchorMailbox: true });
const me = Path.root().nav("Me");
const userMessages = Path.root()
  .nav("Users")
  .key("bob@contoso.com", "Edm.String")
  .anchored("bob@contoso.com")
  .nav("Messages");

describe("headers", () => {
  it("sends Accept, token and client/request headers on a GET", async () => {
    const f = fakeFetch(json({ Id: "1" }));
    const ctx = outlook({
      fetch: f.fetch,
      getAccessToken: () => "tok",
      headers: { "X-Client": "a", "X-Both": "client" },
    });
    const r = await getEntity<{ Id: string }>(
      ctx,
      me.nav("Messages").key("1", "Edm.String"),
      { select: ["Id"] },
      {
        headers: { "X-Both": "request" },
        prefer: ['outlook.timezone="Pacific Standard Time"', 'outlook.body-content-type="text"'],
      },
    );
    expect(r).toEqual({ Id: "1" });
    expect(f.calls).toEqual([
      {
        url: `${BASE}/Me/Messages('1')?$select=Id`,
        method: "GET",
        headers: {
          accept: "application/json",
          authorization: "Bearer tok",
          "x-client": "a",
          "x-both": "request",
          prefer: 'outlook.timezone="Pacific Standard Time", outlook.body-content-type="text"',
        },
        body: undefined,
        signal: undefined,
      },
    ]);
  });

  it("awaits an async token provider and passes it url and method", async () => {
    const f = fakeFetch(new Response(null, { status: 204 }));
    const seen: unknown[] = [];
    const ctx = outlook({
      fetch: f.fetch,
      getAccessToken: async (req) => {
        seen.push(req);
        return "async-tok";
      },
    });
    await deleteEntity(ctx, me.nav("Events").key("e1", "Edm.String"), { ifMatch: 'W/"abc"' });
    expect(seen).toEqual([{ url: `${BASE}/Me/Events('e1')`, method: "DELETE" }]);
    expect(f.calls[0]?.method).toBe("DELETE");
    expect(f.calls[0]?.headers).toEqual({
      accept: "application/json",
      authorization: "Bearer async-tok",
      "if-match": 'W/"abc"',
    });
  });

  it("omits Authorization when there is no provider or it returns nothing", async () => {
    const f = fakeFetch(json({}), json({}), json({}));
    await getEntity(outlook({ fetch: f.fetch, sendAnchorMailbox: false }), me);
    await getEntity(outlook({ fetch: f.fetch, sendAnchorMailbox: false, getAccessToken: () => undefined }), me);
    await getEntity(outlook({ fetch: f.fetch, sendAnchorMailbox: false, getAccessToken: async () => "" }), me);
    expect(f.calls.map((c) => c.headers)).toEqual([
      { accept: "application/json" },
      { accept: "application/json" },
      { accept: "application/json" },
    ]);
  });

  it("applies the x-AnchorMailbox rules", async () => {
    const f = fakeFetch(json({}), json({}), json({}), json({}), json({}));
    const anchor = (i: number) => f.calls[i]?.headers["x-anchormailbox"];
    await getEntity(outlook({ fetch: f.fetch }), userMessages); // path anchor
    await getEntity(outlook({ fetch: f.fetch, anchorMailbox: "me@contoso.com" }), me); // option fallback
    await getEntity(outlook({ fetch: f.fetch, anchorMailbox: "me@contoso.com" }), userMessages); // path wins
    await getEntity(outlook({ fetch: f.fetch }), me); // no mailbox at all
    await getEntity(
      outlook({ fetch: f.fetch, sendAnchorMailbox: false, anchorMailbox: "me@contoso.com" }),
      userMessages,
    );
    expect([0, 1, 2, 3, 4].map(anchor)).toEqual([
      "bob@contoso.com",
      "me@contoso.com",
      "bob@contoso.com",
      undefined,
      undefined,
    ]);
    // Non-Outlook clients default to no x-AnchorMailbox at all.
    const g = fakeFetch(json({}));
    const plain = createContext(
      { fetch: g.fetch, anchorMailbox: "me@x" },
      { baseUrl: "https://svc", sendAnchorMailbox: false },
    );
    await getEntity(plain, userMessages);
    expect(g.calls[0]?.headers).toEqual({ accept: "application/json" });
  });

  it("anchors on the key of a users collection, but not on an AAD id pair", async () => {
    const f = fakeFetch(json({}), json({}), json({}));
    const users = Path.root().nav("Users").anchoredByKey();
    const ctx = outlook({ fetch: f.fetch, anchorMailbox: "me@contoso.com" });
    await getEntity(ctx, users.key("sadie@contoso.com", "Edm.String").nav("Messages"));
    await getEntity(
      ctx,
      users.key("b7e7a5c9-3f0e-4d4c-9a4f-2f0d9e8d1a11@72f988bf-86f1-41af-91ab-2d7cd011db47", "Edm.String"),
    );
    await getEntity(ctx, Path.root().nav("Groups").key("g@contoso.com", "Edm.String"));
    expect(f.calls.map((c) => c.headers["x-anchormailbox"])).toEqual([
      "sadie@contoso.com",
      undefined,
      "me@contoso.com",
    ]);
  });

  it("sends no credentials or caller headers to a foreign origin", async () => {
    const f = fakeFetch(
      json({ value: [1], "@odata.nextLink": "https://elsewhere.example/next" }),
      json({ value: [2] }),
    );
    let asked = 0;
    const ctx = outlook({
      fetch: f.fetch,
      getAccessToken: () => (asked++, "tok"),
      anchorMailbox: "me@contoso.com",
      headers: { "X-Secret": "s" },
    });
    const pages = [];
    for await (const p of listPages(ctx, me.nav("Messages"), undefined, { headers: { "X-Req": "r" } })) pages.push(p);
    expect(pages).toHaveLength(2);
    expect(asked).toBe(1);
    expect(f.calls[0]?.headers).toMatchObject({
      authorization: "Bearer tok",
      "x-anchormailbox": "me@contoso.com",
      "x-secret": "s",
      "x-req": "r",
    });
    expect(f.calls[1]?.headers).toEqual({ accept: "application/json" });
  });

  it("looks up globalThis.fetch at call time", async () => {
    const ctx = outlook({});
    const f = fakeFetch(json({ ok: 1 }));
    const saved = globalThis.fetch;
    globalThis.fetch = f.fetch;
    try {
      expect(await getEntity(ctx, me)).toEqual({ ok: 1 });
    } finally {
      globalThis.fetch = saved;
    }
    expect(f.calls[0]?.url).toBe(`${BASE}/Me`);
  });
});

describe("CRUD", () => {
  it("creates with POST and a JSON body", async () => {
    const f = fakeFetch(json({ Id: "n1", Subject: "Hi" }, 201));
    const r = await createEntity(outlook({ fetch: f.fetch }), me.nav("Messages"), { Subject: "Hi" });
    expect(r).toEqual({ Id: "n1", Subject: "Hi" });
    expect(f.calls[0]).toMatchObject({
      url: `${BASE}/Me/Messages`,
      method: "POST",
      body: '{"Subject":"Hi"}',
      headers: { accept: "application/json", "content-type": "application/json" },
    });
  });

  it("updates with PATCH: 204 gives undefined, 200 gives the body", async () => {
    const f = fakeFetch(new Response(null, { status: 204 }), json({ Id: "m1", IsRead: true }));
    const ctx = outlook({ fetch: f.fetch });
    const p = me.nav("Messages").key("m1", "Edm.String");
    expect(await updateEntity(ctx, p, { IsRead: true }, { ifMatch: "*" })).toBeUndefined();
    expect(await updateEntity(ctx, p, { IsRead: true }, { prefer: ["return=representation"] })).toEqual({
      Id: "m1",
      IsRead: true,
    });
    expect(f.calls.map((c) => [c.method, c.url, c.body, c.headers["if-match"], c.headers["prefer"]])).toEqual([
      ["PATCH", `${BASE}/Me/Messages('m1')`, '{"IsRead":true}', "*", undefined],
      ["PATCH", `${BASE}/Me/Messages('m1')`, '{"IsRead":true}', undefined, "return=representation"],
    ]);
  });

  it("replaces with PUT", async () => {
    const f = fakeFetch(new Response(null, { status: 204 }));
    expect(
      await replaceEntity(outlook({ fetch: f.fetch }), me.nav("Contacts").key("c", "Edm.String"), { A: 1 }),
    ).toBeUndefined();
    expect([f.calls[0]?.method, f.calls[0]?.url, f.calls[0]?.body]).toEqual([
      "PUT",
      `${BASE}/Me/Contacts('c')`,
      '{"A":1}',
    ]);
  });

  it("send() passes method, query and body through", async () => {
    const f = fakeFetch(json({ a: 1 }));
    const res = await send(outlook({ fetch: f.fetch }), {
      method: "POST",
      path: me.nav("X"),
      query: { top: 1 },
      body: [1],
    });
    expect(res.status).toBe(200);
    expect(f.calls[0]).toMatchObject({ url: `${BASE}/Me/X?$top=1`, method: "POST", body: "[1]" });
  });
});

describe("collections", () => {
  const page = (ids: string[], next?: string) =>
    json({ value: ids.map((Id) => ({ Id })), ...(next ? { "@odata.nextLink": next } : {}) });

  it("lists one page", async () => {
    const f = fakeFetch(json({ "@odata.count": 2, value: [{ Id: "a" }, { Id: "b" }] }));
    const r = await listEntities<{ Id: string }>(outlook({ fetch: f.fetch }), me.nav("Messages"), {
      count: true,
      top: 2,
    });
    expect(r).toEqual({ "@odata.count": 2, value: [{ Id: "a" }, { Id: "b" }] });
    expect(f.calls[0]?.url).toBe(`${BASE}/Me/Messages?$top=2&$count=true`);
  });

  it("follows absolute and relative nextLinks across 3 pages and stops", async () => {
    const f = fakeFetch(
      page(["1", "2"], `${BASE}/Me/Messages?$top=2&$skip=2`),
      page(["3", "4"], "Messages?$top=2&$skip=4"),
      page(["5"]),
    );
    const ctx = outlook({ fetch: f.fetch, getAccessToken: () => "t" });
    const pages = [];
    for await (const p of listPages<{ Id: string }>(ctx, userMessages, { top: 2 }))
      pages.push(p.value.map((m) => m.Id));
    expect(pages).toEqual([["1", "2"], ["3", "4"], ["5"]]);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${BASE}/Users('bob@contoso.com')/Messages?$top=2`,
      `${BASE}/Me/Messages?$top=2&$skip=2`,
      `${BASE}/Me/Messages?$top=2&$skip=4`,
    ]);
    // Token and anchor are sent on every page.
    expect(f.calls.map((c) => [c.headers["authorization"], c.headers["x-anchormailbox"]])).toEqual([
      ["Bearer t", "bob@contoso.com"],
      ["Bearer t", "bob@contoso.com"],
      ["Bearer t", "bob@contoso.com"],
    ]);
  });

  it("listAll yields the items of every page", async () => {
    const f = fakeFetch(page(["1", "2"], "/api/v2.0/Me/Messages?p=2"), page([]));
    const ids: string[] = [];
    for await (const m of listAll<{ Id: string }>(outlook({ fetch: f.fetch }), me.nav("Messages"))) ids.push(m.Id);
    expect(ids).toEqual(["1", "2"]);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/Messages`,
      "https://outlook.office.com/api/v2.0/Me/Messages?p=2",
    ]);
  });

  it("resolves a relative nextLink against the page's @odata.context, itself relative to the request URL", async () => {
    // As SAP CAP pages a navigation collection: context ../$metadata, nextLink relative to it.
    const f = fakeFetch(
      json({
        "@odata.context": "../$metadata#Notes",
        value: [{ Id: "1" }],
        "@odata.nextLink": "Tasks('t1')/notes?$skiptoken=1",
      }),
      json({ "@odata.context": "../$metadata#Notes", value: [{ Id: "2" }], "@odata.nextLink": "?$skiptoken=2" }),
      json({
        "@odata.context": `${BASE}/$metadata#Notes`,
        value: [{ Id: "3" }],
        "@odata.nextLink": "Notes?$skiptoken=3",
      }),
      json({ value: [{ Id: "4" }] }),
    );
    const ids: string[] = [];
    const notes = Path.root().nav("Tasks").key("t1", "Edm.String").nav("notes");
    for await (const n of listAll<{ Id: string }>(outlook({ fetch: f.fetch }), notes)) ids.push(n.Id);
    expect(ids).toEqual(["1", "2", "3", "4"]);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${BASE}/Tasks('t1')/notes`,
      `${BASE}/Tasks('t1')/notes?$skiptoken=1`,
      `${BASE}/$metadata?$skiptoken=2`,
      `${BASE}/Notes?$skiptoken=3`,
    ]);
  });

  it("stops when a nextLink points at the same URL", async () => {
    const f = fakeFetch(page(["1"], `${BASE}/Me/Messages`));
    const all: unknown[] = [];
    for await (const p of listPages(outlook({ fetch: f.fetch }), me.nav("Messages"))) all.push(p);
    expect(all).toHaveLength(1);
  });

  it("honours an AbortSignal between pages and in fetch", async () => {
    const controller = new AbortController();
    const f = fakeFetch(page(["1"], "Messages?p=2"));
    const seen: string[] = [];
    const run = async () => {
      for await (const p of listPages<{ Id: string }>(outlook({ fetch: f.fetch }), me.nav("Messages"), undefined, {
        signal: controller.signal,
      })) {
        seen.push(...p.value.map((m) => m.Id));
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["1"]);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.signal).toBe(controller.signal);

    // A fetch in flight sees the signal and rejects when it aborts.
    const c2 = new AbortController();
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const hanging: Responder = (_url, init) =>
      new Promise((_, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        started();
      });
    const g = fakeFetch(hanging);
    const pending = getEntity(outlook({ fetch: g.fetch }), me, undefined, { signal: c2.signal });
    await inFlight;
    c2.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("counts via $count as text", async () => {
    const f = fakeFetch(new Response("42\n", { headers: { "content-type": "text/plain" } }), new Response("<html>"));
    const ctx = outlook({ fetch: f.fetch });
    expect(await countEntities(ctx, me.nav("Messages"))).toBe(42);
    expect(f.calls[0]?.url).toBe(`${BASE}/Me/Messages/$count`);
    expect(f.calls[0]?.headers["accept"]).toBe("text/plain");
    await expect(countEntities(ctx, me.nav("Messages"))).rejects.toThrow(TypeError);
  });
});

describe("operations and streams", () => {
  it("invokes an action with a JSON body and a 202 empty response", async () => {
    const f = fakeFetch(new Response(null, { status: 202 }), new Response(null, { status: 204 }), json({ value: 3 }));
    const ctx = outlook({ fetch: f.fetch });
    const reply = me.nav("Messages").key("m1", "Edm.String").operation("Microsoft.OutlookServices.Reply", "Reply");
    expect(await invokeAction(ctx, reply, { Comment: "ok" })).toBeUndefined();
    expect(await invokeAction(ctx, reply, undefined)).toBeUndefined();
    expect(await invokeAction<{ value: number }>(ctx, reply, {})).toEqual({ value: 3 });
    expect(f.calls.map((c) => [c.method, c.url, c.body, c.headers["content-type"]])).toEqual([
      ["POST", `${BASE}/Me/Messages('m1')/Reply`, '{"Comment":"ok"}', "application/json"],
      ["POST", `${BASE}/Me/Messages('m1')/Reply`, undefined, undefined],
      ["POST", `${BASE}/Me/Messages('m1')/Reply`, "{}", "application/json"],
    ]);
  });

  it("invokes a function with GET, a complex parameter alias and query options", async () => {
    const f = fakeFetch(json({ value: ["r1"] }));
    const fn = me.call("Ns.FindRooms", "FindRooms", [
      { name: "List", value: { Address: "a@b.c", Tags: ["x y"] }, type: "Ns.RoomList", kind: "complex" },
    ]);
    expect(await invokeFunction(outlook({ fetch: f.fetch }), fn, { top: 1 })).toEqual({ value: ["r1"] });
    expect(f.calls[0]?.method).toBe("GET");
    expect(f.calls[0]?.url).toBe(
      `${BASE}/Me/FindRooms(List=@List)?$top=1&@List=%7B%22Address%22:%22a@b.c%22,%22Tags%22:%5B%22x%20y%22%5D%7D`,
    );
  });

  it("gets and puts raw streams", async () => {
    const f = fakeFetch(
      new Response("bytes", { headers: { "content-type": "image/png" } }),
      new Response(null, { status: 204 }),
    );
    const ctx = outlook({ fetch: f.fetch, getAccessToken: () => "t" });
    const photo = me.nav("Photo").nav("$value");
    const res = await getStream(ctx, photo);
    expect(await res.text()).toBe("bytes");
    await putStream(ctx, photo, new Uint8Array([1, 2]), "image/jpeg");
    expect(f.calls.map((c) => [c.method, c.url, c.headers])).toEqual([
      ["GET", `${BASE}/Me/Photo/$value`, { authorization: "Bearer t" }],
      ["PUT", `${BASE}/Me/Photo/$value`, { authorization: "Bearer t", "content-type": "image/jpeg" }],
    ]);
    expect(f.calls[1]?.body).toEqual(new Uint8Array([1, 2]));
  });

  it("throws ODataError for non-2xx responses of every helper", async () => {
    const fail = () => json({ error: { code: "ErrorItemNotFound", message: "Not found." } }, 404);
    const f = fakeFetch(fail(), fail(), fail(), fail());
    const ctx = outlook({ fetch: f.fetch });
    await expect(getEntity(ctx, me)).rejects.toBeInstanceOf(ODataError);
    await expect(deleteEntity(ctx, me)).rejects.toMatchObject({
      status: 404,
      code: "ErrorItemNotFound",
      method: "DELETE",
    });
    await expect(getStream(ctx, me)).rejects.toMatchObject({ status: 404 });
    await expect(countEntities(ctx, me)).rejects.toMatchObject({ url: `${BASE}/Me/$count` });
  });
});

describe("a redirect that keeps the body", () => {
  const photo = me.nav("Photo").nav("$value");
  const once = () =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1, 2]));
        c.close();
      },
    });

  for (const status of [301, 302, 307, 308]) {
    it(`${status} after a PUT: a streamed body is not sent again (it was read), bytes are`, async () => {
      const moved = () => new Response(null, { status, headers: { Location: `${BASE}/Me/Picture/$value` } });
      const f = fakeFetch(moved(), moved(), new Response(null, { status: 204 }));
      const ctx = outlook({ fetch: f.fetch, retry: false });
      await expect(putStream(ctx, photo, once(), "image/png")).rejects.toMatchObject({
        name: "RedirectError",
        status,
        location: `${BASE}/Me/Picture/$value`,
        message: expect.stringContaining("a streamed body cannot be sent again"),
      });
      await putStream(ctx, photo, new Uint8Array([3]), "image/png");
      expect(f.calls.map((c) => [c.method, c.url, c.body])).toEqual([
        ["PUT", `${BASE}/Me/Photo/$value`, expect.any(ReadableStream)],
        ["PUT", `${BASE}/Me/Photo/$value`, new Uint8Array([3])],
        ["PUT", `${BASE}/Me/Picture/$value`, new Uint8Array([3])],
      ]);
    });
  }
});
