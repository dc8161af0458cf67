/**
 * Issue 12, property paths: a structural property is a name segment like a navigation; `$value` and `$count` are
 * `$`-named segments no rule renames.
 */
import { describe, expect, it } from "vitest";
import { createContext, rootNode, type WireTable } from "../../templates/runtime/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

const G = "https://graph.test/v1.0";
type AnyNode = any;

function setup(table: WireTable, ...responses: Response[]) {
  const f = fakeFetch(...responses);
  const ctx = createContext({ fetch: f.fetch }, { baseUrl: G, sendAnchorMailbox: false, keyStyle: "segment" });
  return { client: rootNode<AnyNode>(ctx, table), calls: f.calls };
}

const SAME: WireTable = { rule: "same" };

describe("property paths", () => {
  it("GET and PATCH of a complex property, and of a nested one", async () => {
    const { client, calls } = setup(SAME, json({ timeZone: "UTC" }), new Response(null, { status: 204 }), json({ status: "disabled" }));
    expect(await client.me.mailboxSettings.get({ select: ["timeZone"] })).toEqual({ timeZone: "UTC" });
    expect(await client.me.mailboxSettings.update({ timeZone: "W. Europe Standard Time" })).toBeUndefined();
    expect(await client.me.mailboxSettings.automaticRepliesSetting.get()).toEqual({ status: "disabled" });
    expect(calls.map((c) => [c.method, decodeURIComponent(c.url), c.body])).toEqual([
      ["GET", `${G}/me/mailboxSettings?$select=timeZone`, undefined],
      ["PATCH", `${G}/me/mailboxSettings`, '{"timeZone":"W. Europe Standard Time"}'],
      ["GET", `${G}/me/mailboxSettings/automaticRepliesSetting`, undefined],
    ]);
  });

  it("a primitive property: get() gives { value }, $value the raw Response, never parsed", async () => {
    const { client, calls } = setup(SAME, json({ value: "Adele" }), new Response('{"a":1}', { status: 200 }));
    expect(await client.users.byId("u").displayName.get()).toEqual({ value: "Adele" });
    const r = await client.users.byId("u").displayName.$value.get();
    expect(await r.text()).toBe('{"a":1}');
    expect(calls.map((c) => c.url)).toEqual([`${G}/users/u/displayName`, `${G}/users/u/displayName/$value`]);
    expect(calls[1]!.headers["accept"]).toBeUndefined();
  });

  it("a collection-valued property with $filter, $orderby, $top, $skip and $count", async () => {
    const { client, calls } = setup(SAME, json({ value: ["+1 555"] }));
    const page = await client.me.businessPhones.list({ filter: "startswith($it,'+1')", orderby: ["$it desc"], top: 2, skip: 1, count: true });
    expect(page.value).toEqual(["+1 555"]);
    expect(decodeURIComponent(calls[0]!.url)).toBe(`${G}/me/businessPhones?$filter=startswith($it,'+1')&$orderby=$it desc&$top=2&$skip=1&$count=true`);
  });

  it("$count as a node gives a number, as count() does, on collections and collection properties", async () => {
    const text = (s: string) => new Response(s, { status: 200, headers: { "content-type": "text/plain" } });
    const { client, calls } = setup(SAME, text("42"), text(" 7\n"), text("3"));
    expect(await client.me.messages.$count.get()).toBe(42);
    expect(await client.me.businessPhones.$count.get()).toBe(7);
    expect(await client.me.messages.count()).toBe(3);
    expect(calls.map((c) => [c.url, c.headers["accept"]])).toEqual([
      [`${G}/me/messages/$count`, "text/plain"],
      [`${G}/me/businessPhones/$count`, "text/plain"],
      [`${G}/me/messages/$count`, "text/plain"],
    ]);
  });

  it("$count takes $filter and $search (URL conventions §4.8), and the request options second", async () => {
    const text = (s: string) => new Response(s, { status: 200, headers: { "content-type": "text/plain" } });
    const { client, calls } = setup(SAME, text("5"));
    const n = await client.me.messages.$count.get({ filter: "isRead eq false", search: "pizza" }, { headers: { ConsistencyLevel: "eventual" } });
    expect(n).toBe(5);
    expect(decodeURIComponent(calls[0]!.url)).toBe(`${G}/me/messages/$count?$filter=isRead eq false&$search="pizza"`);
    expect(calls[0]!.headers["consistencylevel"]).toBe("eventual");
  });

  it("a $count that is no number is an error, not NaN", async () => {
    const { client } = setup(SAME, new Response('{"value":1}', { status: 200 }));
    await expect(client.me.messages.$count.get()).rejects.toThrow(/Invalid \$count/);
  });

  it("no rule renames $value and $count (Outlook's upper-casing rule)", async () => {
    const upper: WireTable = { rule: "upper" };
    const { client, calls } = setup(upper, new Response("x"), new Response("5"));
    await client.me.displayName.$value.get();
    await client.me.messages.$count.get();
    expect(calls.map((c) => c.url)).toEqual([`${G}/Me/DisplayName/$value`, `${G}/Me/Messages/$count`]);
  });
});
