/**
 * Issue 12 in the runtime: custom query options (any key of the query object that is not a system option), the
 * quoted `$search` phrase (OData 4.01 URL conventions §5.1.7), a function node's get() with query options, and calls
 * without parentheses (`bareFunctions`, Graph's default).
 */
import { describe, expect, it } from "vitest";
import {
  buildUrl,
  createContext,
  Path,
  rootNode,
  serializeQuery,
  type ClientOptions,
  type QueryOptions,
  type WireTable,
} from "../../templates/runtime/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

const BASE = "https://graph.test/v1.0";
const GRAPH: WireTable = { rule: "same", namespace: "microsoft.graph" };

function setup(options: ClientOptions = {}, defaults: { bareFunctions?: boolean } = {}) {
  const f = fakeFetch(json({ value: [] }), json({ value: [] }), json({ value: [] }));
  const ctx = createContext({ fetch: f.fetch, ...options }, { baseUrl: BASE, sendAnchorMailbox: false, ...defaults });
  return { client: rootNode<any>(ctx, GRAPH), calls: f.calls, ctx };
}

describe("custom query options", () => {
  it("any other key goes after the system options, without $, before params; a Date as its ISO text", () => {
    const q = {
      params: { raw: "1" },
      endDateTime: new Date(Date.UTC(2026, 11, 8)),
      startDateTime: "2026-12-01T00:00:00Z",
      select: ["subject"],
      skipped: undefined,
    } as QueryOptions;
    expect(serializeQuery(q)).toEqual([
      ["$select", "subject"],
      ["endDateTime", "2026-12-08T00:00:00.000Z"],
      ["startDateTime", "2026-12-01T00:00:00Z"],
      ["raw", "1"],
    ]);
  });

  it("are percent-encoded in the URL like any query value", () => {
    const ctx = createContext({}, { baseUrl: BASE, sendAnchorMailbox: false });
    const url = buildUrl(ctx, Path.root().nav("me").nav("calendarView"), { startDateTime: "2026-12-01T00:00:00+01:00", note: "a&b=c#d" } as QueryOptions);
    expect(url).toBe(`${BASE}/me/calendarView?startDateTime=2026-12-01T00:00:00%2B01:00&note=a%26b=c%23d`);
  });

  it.each(["$top2", "$custom", "a=b", "a&b", "a#b"])("refuses the name %j (a system option's $, or = & #)", (name) => {
    expect(() => serializeQuery({ [name]: "x" } as QueryOptions)).toThrow(new TypeError(`Invalid query option: ${name}`));
  });

  it("params stay the raw escape hatch: their names are not checked", () => {
    expect(serializeQuery({ params: { $search: "raw" } })).toEqual([["$search", "raw"]]);
  });
});

describe("$search: one quoted phrase", () => {
  it.each([
    ["pizza", '"pizza"'],
    ["subject:pizza", '"subject:pizza"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ['"already quoted"', '"already quoted"'],
    ["blue OR green", '"blue OR green"'],
  ])("%j → %j", (search, sent) => {
    expect(serializeQuery({ search })).toEqual([["$search", sent]]);
  });

  it("an empty search is left out", () => {
    expect(serializeQuery({ search: "" })).toEqual([]);
  });

  it("goes quoted and percent-encoded on the wire", async () => {
    const { client, calls } = setup();
    await client.me.messages.list({ search: 'a "b"' });
    expect(calls[0]!.url).toBe(`${BASE}/me/messages?$search=${encodeURIComponent('"a \\"b\\""')}`);
  });
});

describe("functions: query options on results, parentheses", () => {
  it("a function node's get() takes query options, then request options", async () => {
    const { client, calls } = setup();
    await client.sites.byId("root").getByPath({ path: "/teams/a" }).get({ select: ["displayName"] }, { headers: { "X-T": "1" } });
    expect(calls[0]!.url).toBe(`${BASE}/sites('root')/getByPath(path='%2Fteams%2Fa')?$select=displayName`);
    expect(calls[0]!.headers["x-t"]).toBe("1");
  });

  it("parentheses by default; without them when bareFunctions (the option or the generated default), only when no parameter is given", async () => {
    const plain = setup();
    await plain.client.me.contacts.delta().list({ select: ["displayName"] });
    expect(plain.calls[0]!.url).toBe(`${BASE}/me/contacts/delta()?$select=displayName`);

    const graph = setup({}, { bareFunctions: true });
    await graph.client.me.contacts.delta().list({ select: ["displayName"] });
    await graph.client.me.drive.root.delta({ token: "t" }).list();
    await graph.client.me.drive.root.delta({ token: undefined }).list();
    expect(graph.calls.map((c) => c.url)).toEqual([
      `${BASE}/me/contacts/delta?$select=displayName`,
      `${BASE}/me/drive/root/delta(token='t')`,
      `${BASE}/me/drive/root/delta`,
    ]);

    const overridden = setup({ bareFunctions: false }, { bareFunctions: true });
    await overridden.client.me.contacts.delta().list();
    expect(overridden.calls[0]!.url).toBe(`${BASE}/me/contacts/delta()`);
  });
});
