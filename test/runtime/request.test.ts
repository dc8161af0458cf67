// Issue 12, the typed escape hatch: request(node, { method, path, query, headers, body }) sends any URL of the
// service the way the nodes do (auth, anchor, retries, typed errors, $batch) and never leaves the service.
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { createBatch } from "../../templates/runtime/batch.js";
import { createContext, type ClientOptions } from "../../templates/runtime/context.js";
import { ODataError } from "../../templates/runtime/errors.js";
import { rootNode, type WireTable } from "../../templates/runtime/node.js";
import { request, RequestPathError } from "../../templates/runtime/request.js";
import { fakeFetch, json, type Responder } from "./fake-fetch.js";

const GRAPH_BASE = "https://graph.microsoft.com/v1.0";
const GRAPH: WireTable = { rule: "same", namespace: "microsoft.graph" };
const OUTLOOK: WireTable = { rule: "upper", namespace: "Microsoft.OutlookServices", anchors: ["Users"] };

type AnyNode = any;

function graph(responses: (Response | Responder)[], options: ClientOptions = {}) {
  const f = fakeFetch(...responses);
  const sleep = vi.fn(async (_ms: number) => {});
  const ctx = createContext(
    { fetch: f.fetch, getAccessToken: () => "tok", retry: { sleep, random: () => 0 }, ...options },
    { baseUrl: GRAPH_BASE, sendAnchorMailbox: false, keyStyle: "segment" },
  );
  return { calls: f.calls, sleep, ctx, client: rootNode<AnyNode>(ctx, GRAPH) };
}

describe("addressing", () => {
  it("OneDrive path addressing below the client, and below a node with a leading ':'", async () => {
    const item = { id: "01ABC", name: "file.txt" };
    const { calls, client } = graph([json(item), json(item), json(item)]);
    interface DriveItem {
      readonly id: string;
      readonly name: string;
    }
    const a = await request<DriveItem>(client, { path: "me/drive/root:/folder/file.txt:" });
    expectTypeOf(a).toEqualTypeOf<DriveItem>();
    expect(a).toEqual(item);
    await request(client.me.drive.root, { path: ":/folder/file.txt:" });
    await request(client.me.drive.items.byId("01ABC"), { path: "/children", query: { $select: "id,name", $top: 5 } });
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", `${GRAPH_BASE}/me/drive/root:/folder/file.txt:`],
      ["GET", `${GRAPH_BASE}/me/drive/root:/folder/file.txt:`],
      ["GET", `${GRAPH_BASE}/me/drive/items/01ABC/children?$select=id,name&$top=5`],
    ]);
    expect(calls[0]?.headers).toMatchObject({ authorization: "Bearer tok", accept: "application/json" });
  });

  it("the file's content as a Response, and an upload session created with a JSON body", async () => {
    const session = { uploadUrl: "https://contoso-my.sharepoint.com/upload?x=1", expirationDateTime: "2026-12-06" };
    const { calls, client } = graph([
      new Response("hello", { headers: { "content-type": "text/plain" } }),
      json(session),
    ]);
    const content = await request(client.me.drive.root, {
      path: ":/folder/file.txt:/content",
      query: { format: "pdf" },
      responseType: "response",
    });
    expectTypeOf(content).toEqualTypeOf<Response>();
    expect(await content.text()).toBe("hello");
    const created = await request<{ uploadUrl: string }>(client, {
      method: "POST",
      path: "me/drive/root:/folder/file.txt:/createUploadSession",
      body: { item: { "@microsoft.graph.conflictBehavior": "rename" } },
    });
    expect(created.uploadUrl).toBe(session.uploadUrl);
    expect(calls[0]?.url).toBe(`${GRAPH_BASE}/me/drive/root:/folder/file.txt:/content?format=pdf`);
    expect(calls[0]?.headers.accept).toBeUndefined();
    expect([calls[1]?.method, calls[1]?.url, calls[1]?.headers["content-type"], calls[1]?.body]).toEqual([
      "POST",
      `${GRAPH_BASE}/me/drive/root:/folder/file.txt:/createUploadSession`,
      "application/json",
      '{"item":{"@microsoft.graph.conflictBehavior":"rename"}}',
    ]);
  });

  it("binary and streamed bodies go as they are, a stream with duplex half", async () => {
    const seen: RequestInit[] = [];
    const answer: Responder = (_url, init) => {
      seen.push(init);
      return new Response(null, { status: 204 });
    };
    const { calls, client } = graph([answer, answer]);
    const blob = new Blob(["abc"], { type: "text/csv" });
    await request(client.me.drive.root, { method: "PUT", path: ":/a.csv:/content", body: blob });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("xyz"));
        c.close();
      },
    });
    expect(await request(client.me.drive.root, { method: "PUT", path: ":/b.bin:/content", body: stream })).toBe(
      undefined,
    );
    expect(calls[0]?.body).toBe(blob);
    expect(calls[0]?.headers["content-type"]).toBe("text/csv");
    expect(calls[1]?.body).toBe(stream);
    expect(calls[1]?.headers["content-type"]).toBe("application/octet-stream");
    // Every request goes half duplex (http.ts), which fetch needs for a stream body and ignores for any other.
    expect((seen[1] as { duplex?: string }).duplex).toBe("half");
    expect((seen[0] as { duplex?: string }).duplex).toBe("half");
  });

  it("Outlook: the anchor of a users(key) node, the caller's headers, the client's anchorMailbox elsewhere", async () => {
    const f = fakeFetch(json({}), json({}));
    const ctx = createContext(
      { fetch: f.fetch, anchorMailbox: "me@contoso.com" },
      { baseUrl: "https://outlook.office.com/api/v2.0", sendAnchorMailbox: true },
    );
    const client = rootNode<AnyNode>(ctx, OUTLOOK);
    await request(client.users.byId("bob@contoso.com"), { path: "MailFolders/Inbox", headers: { "X-Test": "1" } });
    await request(client, { path: "me/MailFolders/Inbox" });
    expect(f.calls[0]?.url).toBe("https://outlook.office.com/api/v2.0/Users('bob@contoso.com')/MailFolders/Inbox");
    expect(f.calls[0]?.headers).toMatchObject({ "x-anchormailbox": "bob@contoso.com", "x-test": "1" });
    expect(f.calls[1]?.headers["x-anchormailbox"]).toBe("me@contoso.com");
  });
});

describe("retries and errors", () => {
  it("a 429 is retried after its Retry-After; a 404 rejects with ODataError", async () => {
    const { calls, sleep, client } = graph([
      json({ error: { code: "TooManyRequests", message: "slow" } }, 429, { "Retry-After": "2" }),
      json({ id: "x" }),
      json({ error: { code: "itemNotFound", message: "gone" } }, 404),
    ]);
    expect(await request(client, { path: "me/drive/root:/x:" })).toEqual({ id: "x" });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([2000]);
    const e = await request(client, { path: "me/drive/root:/nope:" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ODataError);
    expect(e).toMatchObject({ status: 404, code: "itemNotFound", method: "GET" });
    expect(calls).toHaveLength(3);
  });
});

describe("the origin guard", () => {
  const refused: [string, string][] = [
    ["https://evil.example/x", "absolute URL"],
    ["HTTP://graph.microsoft.com/v1.0/me", "absolute URL"],
    ["//evil.example/x", "absolute URL"],
    ["../../beta/me", "leaves the service root"],
    ["me/../../beta/me", "leaves the service root"],
    ["%2e%2e/beta/me", "leaves the service root"],
    [".%2E/.%2e/x", "leaves the service root"],
    ["..", "leaves the service root"],
    ["me\\..\\..\\x", "holds ?, # or \\"],
    ["me?$select=id", "holds ?, # or \\"],
    ["me#x", "holds ?, # or \\"],
  ];
  it.each(refused)("refuses %j before sending", async (path, problem) => {
    const { calls, client } = graph([]);
    const e = await request(client, { path }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestPathError);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as RequestPathError).path).toBe(path);
    expect((e as Error).message).toContain(problem);
    expect(calls).toHaveLength(0);
  });

  it("refuses a path that turns the host into user info, where the root has no path", async () => {
    const f = fakeFetch();
    const ctx = createContext({ fetch: f.fetch }, { baseUrl: "http://127.0.0.1:4004", sendAnchorMailbox: false });
    const client = rootNode<AnyNode>(ctx, GRAPH);
    await expect(request(client, { path: ":@evil.example/x" })).rejects.toThrow(RequestPathError);
    expect(f.calls).toHaveLength(0);
  });

  it("allows `..` that stays below the root, and the root itself", async () => {
    const { calls, client } = graph([json({}), json({})]);
    await request(client, { path: "me/drive/../messages" });
    await request(client);
    expect(calls.map((c) => c.url)).toEqual([`${GRAPH_BASE}/me/drive/../messages`, GRAPH_BASE]);
  });
});

describe("in a batch", () => {
  it("request() made with the part's client is a part, in the service's URL form", async () => {
    const f = fakeFetch(
      json({
        responses: [
          { id: "1", status: 200, body: { id: "01ABC", name: "file.txt" } },
          { id: "2", status: 200, body: { uploadUrl: "https://u" } },
        ],
      }),
    );
    const ctx = createContext(
      { fetch: f.fetch, getAccessToken: () => "tok" },
      { baseUrl: GRAPH_BASE, sendAnchorMailbox: false, keyStyle: "segment" },
    );
    const batch = createBatch(ctx, (c) => rootNode<AnyNode>(c, GRAPH), {}, { format: "json", partUrls: "service" });
    const item = batch.add((c) => request<{ name: string }>(c.me.drive.root, { path: ":/folder/file.txt:" }));
    const session = batch.add((c) =>
      request<{ uploadUrl: string }>(c, {
        method: "POST",
        path: "me/drive/root:/big.bin:/createUploadSession",
        body: {},
      }),
    );
    await batch.send();
    expect(f.calls).toHaveLength(1);
    expect(JSON.parse(String(f.calls[0]?.body))).toEqual({
      requests: [
        { id: "1", method: "GET", url: "/me/drive/root:/folder/file.txt:", headers: { accept: "application/json" } },
        {
          id: "2",
          method: "POST",
          url: "/me/drive/root:/big.bin:/createUploadSession",
          headers: { accept: "application/json", "content-type": "application/json" },
          body: {},
        },
      ],
    });
    expect(await item).toMatchObject({ ok: true, body: { name: "file.txt" } });
    expect(await session).toMatchObject({ ok: true, body: { uploadUrl: "https://u" } });
  });
});
