/**
 * Issue 12, streams: Edm.Stream properties (WireTable.streams), media entities' `$value`, operations returning
 * Edm.Stream. Every stream answer is the platform's Response, never parsed; every upload goes as it is given.
 */
import { describe, expect, it } from "vitest";
import { createContext, rootNode, type WireTable } from "../../templates/runtime/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

const G = "https://graph.test/v1.0";

const TABLE: WireTable = {
  rule: "same",
  namespace: "microsoft.graph",
  streams: [
    "logo",
    "drives/items/content",
    "children/content",
    "microsoft.graph.driveItem/content",
    "getEmailActivityUserDetail()",
    "/exportReport()",
    "reports/render()",
  ],
};

type AnyNode = any;

function setup(...responses: (Response | ((url: string, init: RequestInit) => Response))[]) {
  const f = fakeFetch(...responses);
  const ctx = createContext({ fetch: f.fetch, retry: { maxAttempts: 3, sleep: async () => {} } }, { baseUrl: G, sendAnchorMailbox: false, keyStyle: "segment" });
  return { client: rootNode<AnyNode>(ctx, TABLE), calls: f.calls };
}

const JSONISH = '{"value":"not to be parsed"}';
const raw = (body: BodyInit, type = "application/json") => new Response(body, { status: 200, headers: { "content-type": type } });

describe("stream properties", () => {
  it("GET of a listed stream property gives the Response, unparsed, with raw query parameters and no Accept", async () => {
    const { client, calls } = setup(raw(JSONISH));
    const r = await client.drives.byId("d").items.byId("x").content.get({ params: { format: "pdf" } });
    expect(r).toBeInstanceOf(Response);
    expect(await r.text()).toBe(JSONISH);
    expect(calls.map((c) => [c.method, c.url])).toEqual([["GET", `${G}/drives/d/items/x/content?format=pdf`]]);
    expect(calls[0]!.headers["accept"]).toBeUndefined();
  });

  it("tells a stream apart by the one or two names before it, a cast by its qualified name, or its name alone", async () => {
    const { client, calls } = setup(raw("a"), raw("b"), raw("c"), raw("d"));
    for (const node of [
      client.me.drive.root.children.byId("x").content,
      client.organization.byId("o").branding.logo,
      client.groups.byId("g").resource.cast("microsoft.graph.driveItem").content,
      client.drives.byId("d").items.byId("x").cast("microsoft.graph.driveItem").content,
    ]) {
      expect(await node.get()).toBeInstanceOf(Response);
    }
    expect(calls.map((c) => c.url)).toEqual([
      `${G}/me/drive/root/children/x/content`,
      `${G}/organization/o/branding/logo`,
      `${G}/groups/g/resource/microsoft.graph.driveItem/content`,
      `${G}/drives/d/items/x/microsoft.graph.driveItem/content`,
    ]);
  });

  it("the same name where the table does not list it is a JSON read (connections' items have a complex content)", async () => {
    const { client, calls } = setup(json({ value: "x" }), json({ type: "text" }));
    // `items/content` alone is not listed: after `connections`, content is JSON.
    expect(await client.external.connections.byId("c").items.byId("i").content.get()).toEqual({ value: "x" });
    expect(await client.me.messages.byId("m").body.get()).toEqual({ type: "text" });
    expect(calls.map((c) => c.headers["accept"])).toEqual(["application/json", "application/json"]);
  });

  it("PUT sends bytes as they are, with the given Content-Type, and gives the Response", async () => {
    const { client, calls } = setup(raw('{"id":"x"}'));
    const bytes = new Uint8Array([1, 2, 3]);
    const r = await client.drives.byId("d").items.byId("x").content.put(bytes, { contentType: "text/plain" });
    expect(await r.json()).toEqual({ id: "x" });
    expect(calls[0]!.method).toBe("PUT");
    expect(calls[0]!.url).toBe(`${G}/drives/d/items/x/content`);
    expect(calls[0]!.body).toBe(bytes);
    expect(calls[0]!.headers["content-type"]).toBe("text/plain");
  });

  it("Content-Type defaults to a Blob's own type, else application/octet-stream", async () => {
    const { client, calls } = setup(raw(""), raw(""), raw(""));
    await client.me.photo.$value.put(new Blob(["x"], { type: "image/png" }));
    await client.me.photo.$value.put(new ArrayBuffer(2));
    await client.me.photo.$value.put(new Blob(["x"]));
    expect(calls.map((c) => c.headers["content-type"])).toEqual(["image/png", "application/octet-stream", "application/octet-stream"]);
  });

  it("a ReadableStream reaches fetch as that stream (not buffered), half duplex, and is never retried", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array([pulled]));
        if (pulled === 3) c.close();
      },
    });
    const seen: RequestInit[] = [];
    const { client, calls } = setup((_, init) => {
      seen.push(init);
      return new Response("busy", { status: 503, headers: { "retry-after": "0" } });
    });
    await expect(client.drives.byId("d").items.byId("x").content.put(stream)).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1); // a stream is read once: no second attempt
    expect(calls[0]!.body).toBe(stream);
    expect((seen[0] as { duplex?: string }).duplex).toBe("half");
    expect(pulled).toBeLessThan(3); // nothing read it whole before fetch
  });

  it("a streamed upload is not sent again on a 307 redirect", async () => {
    const stream = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const { client, calls } = setup(new Response(null, { status: 307, headers: { location: `${G}/elsewhere` } }));
    await expect(client.drives.byId("d").items.byId("x").content.put(stream)).rejects.toThrow(/streamed body/);
    expect(calls).toHaveLength(1);
  });

  it("a Blob upload stays retriable (it can be sent again)", async () => {
    const { client, calls } = setup(new Response("busy", { status: 503, headers: { "retry-after": "0" } }), raw(""));
    await client.me.photo.$value.put(new Blob(["x"], { type: "image/jpeg" }));
    expect(calls).toHaveLength(2);
  });
});

describe("media entities ($value)", () => {
  it("$value.get() gives the Response; getContent/setContent, the older form, still work", async () => {
    const { client, calls } = setup(raw("bytes", "image/jpeg"), raw("bytes2", "image/jpeg"), raw(""));
    const r = await client.me.photo.$value.get();
    expect(await r.text()).toBe("bytes");
    expect(await (await client.me.photo.getContent()).text()).toBe("bytes2");
    await client.me.photo.setContent(new Uint8Array([1]), "image/jpeg");
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", `${G}/me/photo/$value`],
      ["GET", `${G}/me/photo/$value`],
      ["PUT", `${G}/me/photo/$value`],
    ]);
  });

  it("a JSON-looking $value is not parsed", async () => {
    const { client } = setup(raw(JSONISH));
    expect(await (await client.users.byId("u").photo.$value.get()).text()).toBe(JSONISH);
  });
});

describe("operations returning Edm.Stream", () => {
  it("a listed function's get() gives the Response: a CSV comes back as text", async () => {
    const csv = "a,b\n1,2\n";
    const { client, calls } = setup(raw(csv, "application/octet-stream"));
    const r = await client.reports.getEmailActivityUserDetail({ period: "D7" }).get();
    expect(await r.text()).toBe(csv);
    expect(calls[0]!.url).toBe(`${G}/reports/getEmailActivityUserDetail(period='D7')`);
  });

  it("an unbound function is listed as /<name>(); a prefixed key applies only after its name", async () => {
    const { client, calls } = setup(raw("x,y"), raw("u,v"), json({ value: 1 }));
    expect(await (await client.exportReport({ id: "r" }).get()).text()).toBe("x,y");
    expect(await (await client.reports.render().get()).text()).toBe("u,v");
    // render() after another name is not a stream: JSON.
    expect(await client.other.render().get()).toEqual({ value: 1 });
    expect(calls.map((c) => c.url)).toEqual([`${G}/exportReport(id='r')`, `${G}/reports/render()`, `${G}/other/render()`]);
  });

  it("a listed action's post() gives the Response, with its JSON parameters", async () => {
    const table: WireTable = { rule: "same", namespace: "microsoft.graph", streams: ["items/getPdf()"] };
    const f = fakeFetch(raw("%PDF", "application/pdf"));
    const client = rootNode<AnyNode>(createContext({ fetch: f.fetch }, { baseUrl: G, sendAnchorMailbox: false, keyStyle: "segment" }), table);
    const r = await client.items.byId("i").getPdf.post({ pages: 2 });
    expect(await r.text()).toBe("%PDF");
    expect(f.calls[0]!.method).toBe("POST");
    expect(f.calls[0]!.url).toBe(`${G}/items/i/getPdf`);
    expect(f.calls[0]!.body).toBe('{"pages":2}');
  });

  it("an unlisted function's JSON is parsed as before", async () => {
    const { client } = setup(json({ value: "j" }));
    expect(await client.reports.getOther().get()).toEqual({ value: "j" });
  });
});
