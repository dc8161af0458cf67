import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildUrl,
  createBatch,
  createContext,
  createExtendedProperty,
  createExtension,
  extendedProperty,
  extension,
  NODE_VERBS,
  nodeState,
  Path,
  namespacedRootNode,
  rootNode,
  streamNotifications,
  sync,
  type ActionNode,
  type BareActionNode,
  type ClientOptions,
  type CollectionNode,
  type EntityNode,
  type OptionalActionNode,
  type Syncable,
  type WireTable,
} from "../../templates/runtime/index.js";
import { fakeFetch, json, type RecordedCall } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const SECRET = "tok-sEcReT-123";

/** An Outlook-like table: names upper-cased, functions with typed parameters, Users anchors. */
const OUTLOOK: WireTable = {
  rule: "upper",
  names: { eventMessage: "EventMessage_", odd: "a'b/c?d#é" },
  functions: {
    ReminderView: { StartDateTime: "Edm.DateTimeOffset", EndDateTime: "Edm.DateTimeOffset" },
    Typed: { Day: "Edm.Date", Kind: "Microsoft.OutlookServices.Importance", Ids: "Collection(Edm.String)" },
  },
  keys: {
    Counters: "Edm.Int64",
    Things: { Year: "Edm.Int32", Day: "Edm.Date" },
    Guided: "Edm.Guid",
  },
  namespace: "Microsoft.OutlookServices",
  anchors: ["Users"],
};

/** A Graph-like table: names as they are. */
const GRAPH: WireTable = { rule: "same", namespace: "microsoft.graph" };

// Each test's client: any node type will do here, the runtime does not look at types.
type AnyNode = any;

function setup(options: ClientOptions = {}, table: WireTable = OUTLOOK, ...responses: Response[]) {
  const f = fakeFetch(...(responses.length ? responses : [json({})]));
  const ctx = createContext(
    { fetch: f.fetch, getAccessToken: () => SECRET, anchorMailbox: "me@contoso.com", ...options },
    { baseUrl: BASE, sendAnchorMailbox: true },
  );
  return { client: rootNode<AnyNode>(ctx, table), calls: f.calls, ctx };
}

const only = (calls: RecordedCall[]): RecordedCall => {
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

describe("verbs: URL, method, body and headers", () => {
  it("get with query options", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ Id: "1" }));
    expect(await client.me.messages.byId("m1").get({ select: ["Subject"] })).toEqual({ Id: "1" });
    const c = only(calls);
    expect([c.method, c.url]).toEqual(["GET", `${BASE}/Me/Messages('m1')?$select=Subject`]);
    expect(c.headers["authorization"]).toBe(`Bearer ${SECRET}`);
    expect(c.headers["x-anchormailbox"]).toBe("me@contoso.com");
    expect(c.headers["accept"]).toBe("application/json");
    expect(c.body).toBeUndefined();
  });

  it("list with $select and $top, as the inbox app does", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: [] }));
    await client.me.mailFolders.byId("Inbox").messages.list({ select: ["Subject", "From"], top: 10 });
    expect(only(calls).url).toBe(`${BASE}/Me/MailFolders('Inbox')/Messages?$select=Subject,From&$top=10`);
  });

  it("update (PATCH), replace (PUT), create (POST) send JSON; delete sends nothing", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({}), json({}), new Response(null, { status: 204 }));
    const m = client.me.messages.byId("m1");
    await m.update({ Subject: "x" }, { ifMatch: 'W/"1"' });
    await m.replace({ Subject: "y" });
    await client.me.messages.create({ Subject: "z" });
    await m.delete();
    expect(calls.map((c) => [c.method, c.url, c.body, c.headers["content-type"]])).toEqual([
      ["PATCH", `${BASE}/Me/Messages('m1')`, '{"Subject":"x"}', "application/json"],
      ["PUT", `${BASE}/Me/Messages('m1')`, '{"Subject":"y"}', "application/json"],
      ["POST", `${BASE}/Me/Messages`, '{"Subject":"z"}', "application/json"],
      ["DELETE", `${BASE}/Me/Messages('m1')`, undefined, undefined],
    ]);
    expect(calls[0]!.headers["if-match"]).toBe('W/"1"');
  });

  it("pages and items follow nextLink; count reads $count", async () => {
    const page2 = `${BASE}/Me/Contacts?$skip=1`;
    const { client, calls } = setup(
      {},
      OUTLOOK,
      json({ value: [{ Id: "a" }], "@odata.nextLink": page2 }),
      json({ value: [{ Id: "b" }] }),
      json({ value: [{ Id: "c" }] }),
      new Response("42", { headers: { "content-type": "text/plain" } }),
    );
    const pages: unknown[] = [];
    for await (const p of client.me.contacts.pages({ top: 1 })) pages.push(p);
    const items: unknown[] = [];
    for await (const i of client.me.contacts.items()) items.push(i);
    expect(await client.me.contacts.count()).toBe(42);
    expect(pages).toHaveLength(2);
    expect(items).toEqual([{ Id: "c" }]);
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/Contacts?$top=1`,
      page2,
      `${BASE}/Me/Contacts`,
      `${BASE}/Me/Contacts/$count`,
    ]);
    expect(calls[3]!.headers["accept"]).toBe("text/plain");
  });

  it("getContent and setContent address $value", async () => {
    const { client, calls } = setup({}, OUTLOOK, new Response("img"), new Response(null, { status: 204 }));
    expect(await (await client.me.photo.getContent()).text()).toBe("img");
    await client.me.photo.setContent(new Uint8Array([1, 2]), "image/jpeg");
    expect(calls.map((c) => [c.method, c.url, c.headers["content-type"]])).toEqual([
      ["GET", `${BASE}/Me/Photo/$value`, undefined],
      ["PUT", `${BASE}/Me/Photo/$value`, "image/jpeg"],
    ]);
  });

  it("every verb builds the same request as the runtime's functions over a Path (the old builders' way)", async () => {
    const { client, calls, ctx } = setup({ keyStyle: "segment" }, OUTLOOK, json({ value: [] }));
    await client.users
      .byId("a@b.c")
      .mailFolders.byId("Inbox")
      .messages.list({ orderby: ["Subject desc"], top: 5 });
    const path = Path.root().nav("Users").anchoredByKey().key("a@b.c", "Edm.String").nav("MailFolders");
    const url = buildUrl(ctx, path.key("Inbox", "Edm.String").nav("Messages"), { orderby: ["Subject desc"], top: 5 });
    expect(only(calls).url).toBe(url);
    expect(url).toBe(`${BASE}/Users/a@b.c/MailFolders/Inbox/Messages?$orderby=Subject%20desc&$top=5`);
  });
});

describe("keys", () => {
  it("string keys are quoted and escaped inside their segment", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}));
    await client.me.messages.byId("a'b/../c?d#e").get();
    expect(only(calls).url).toBe(`${BASE}/Me/Messages('a''b%2F..%2Fc%3Fd%23e')`);
  });

  it("numbers are inferred; typed keys come from the table, compound keys too", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({}), json({}), json({}));
    await client.orders.byId(7).get();
    await client.counters.byId(12345678901234567890n).get();
    await client.things.byId({ Year: 2024, Day: "2024-02-29" }).get();
    await client.guided.byId("01234567-89ab-cdef-0123-456789abcdef").get();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Orders(7)`,
      `${BASE}/Counters(12345678901234567890)`,
      `${BASE}/Things(Year=2024,Day=2024-02-29)`,
      `${BASE}/Guided(01234567-89ab-cdef-0123-456789abcdef)`,
    ]);
  });

  it("a typed key rejects a value of the wrong kind before sending", async () => {
    const { client, calls } = setup();
    await expect(client.guided.byId("not-a-guid").get()).rejects.toThrow(/Invalid Edm.Guid literal/);
    expect(calls).toHaveLength(0);
  });

  it("a key after a cast takes the key type of the collection before it", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}));
    await client.counters.cast("NS.Derived").byId(5).get();
    expect(only(calls).url).toBe(`${BASE}/Counters/NS.Derived(5)`);
  });
});

describe("casts", () => {
  it("append the qualified name, on entities and collections", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: [] }), json({}));
    await client.me.messages.byId("m").attachments.cast("Microsoft.OutlookServices.FileAttachment").list();
    await client.me.messages.byId("m").cast("Microsoft.OutlookServices.EventMessage").get();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/Messages('m')/Attachments/Microsoft.OutlookServices.FileAttachment`,
      `${BASE}/Me/Messages('m')/Microsoft.OutlookServices.EventMessage`,
    ]);
  });
});

describe("operations", () => {
  it("a function is a call segment with literals typed by the table; nothing is sent until a verb", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: [] }));
    const view = client.me.reminderView({
      StartDateTime: new Date("2024-01-01T00:00:00Z"),
      EndDateTime: "2024-01-02T00:00:00Z",
    });
    expect(calls).toHaveLength(0);
    await view.list({ top: 3 });
    expect(only(calls).url).toBe(
      `${BASE}/Me/ReminderView(StartDateTime=2024-01-01T00:00:00.000Z,EndDateTime=2024-01-02T00:00:00Z)?$top=3`,
    );
  });

  it("function parameters: enums, dates and collections (as aliases) from the table, the rest inferred", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: 1 }));
    await client.me
      .typed({ Day: "2024-02-29", Kind: "High", Ids: ["a", "b"], Name: "o'k", N: 3, Flag: true, Skip: undefined })
      .get();
    expect(only(calls).url).toBe(
      `${BASE}/Me/Typed(Day=2024-02-29,Kind=Microsoft.OutlookServices.Importance'High',Ids=@Ids,Name='o''k',N=3,Flag=true)` +
        `?@Ids=${encodeURIComponent('["a","b"]').replace(/%2C/g, ",")}`,
    );
  });

  it("a complex parameter goes as a JSON alias; null stays null", async () => {
    const { client, calls } = setup({}, GRAPH, json({ value: [] }));
    await client.me.getSchedule({ range: { start: "x" }, none: null }).list();
    expect(only(calls).url).toBe(
      `${BASE}/me/getSchedule(range=@range,none=null)?@range=${encodeURIComponent('{"start":"x"}').replace(/%3A/g, ":")}`,
    );
  });

  it("a function without parameters, and a function node's get() takes query and request options", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: 3 }));
    expect(await client.me.contacts.delta().get(undefined, { headers: { "X-Test": "1" } })).toEqual({ value: 3 });
    const c = only(calls);
    expect(c.url).toBe(`${BASE}/Me/Contacts/Delta()`);
    expect(c.headers["x-test"]).toBe("1");
  });

  it("an action is a node whose post() sends: params as the JSON body, no body when left out", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({}), json({}), json({}));
    const sent = client.me.sendMail.post({ Message: { Subject: "Hi" }, SaveToSentItems: true });
    expect(sent).toBeInstanceOf(Promise);
    await sent;
    await client.me.messages.byId("m").reply.post({});
    await client.me.messages.byId("m").reply.post({ Comment: "c" }, { headers: { "X-A": "1" } });
    await client.me.messages.byId("m").send.post(undefined, { headers: { "X-B": "2" } });
    expect(calls.map((c) => [c.method, c.url, c.body, c.headers["content-type"]])).toEqual([
      ["POST", `${BASE}/Me/SendMail`, '{"Message":{"Subject":"Hi"},"SaveToSentItems":true}', "application/json"],
      ["POST", `${BASE}/Me/Messages('m')/Reply`, "{}", "application/json"],
      ["POST", `${BASE}/Me/Messages('m')/Reply`, '{"Comment":"c"}', "application/json"],
      ["POST", `${BASE}/Me/Messages('m')/Send`, undefined, undefined],
    ]);
    expect(calls[2]!.headers["x-a"]).toBe("1");
    expect(calls[3]!.headers["x-b"]).toBe("2");
  });

  it("a node is never sent by reading it: post is the only verb that invokes an action", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}));
    const send = client.me.messages.byId("m").send;
    expect(typeof send.post).toBe("function");
    expect(calls).toHaveLength(0);
    await send.post();
    expect(only(calls)).toMatchObject({ method: "POST", url: `${BASE}/Me/Messages('m')/Send`, body: undefined });
  });

  it("qualifiedOperations: true, the table's namespace; unbound operations stay bare", async () => {
    const { client, calls } = setup({ qualifiedOperations: true }, OUTLOOK, json({}), json({}), json({}), json({}));
    await client.me.messages.byId("m").reply.post();
    await client.me.special.post();
    await client.me.contacts.delta().list();
    await client.resetAll.post();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/Messages('m')/Microsoft.OutlookServices.Reply`,
      `${BASE}/Me/Microsoft.OutlookServices.Special`,
      `${BASE}/Me/Contacts/Microsoft.OutlookServices.Delta()`,
      `${BASE}/ResetAll`,
    ]);
  });

  it("qualifiedOperations: an OperationNamespaces passed qualifies its operations with theirs, the rest with the table's", async () => {
    const { client, calls } = setup({ qualifiedOperations: { Special: "Other.Namespace" } }, OUTLOOK, json({}), json({}), json({}));
    await client.me.messages.byId("m").reply.post();
    await client.me.special.post();
    await client.resetAll.post();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/Messages('m')/Microsoft.OutlookServices.Reply`,
      `${BASE}/Me/Other.Namespace.Special`,
      `${BASE}/ResetAll`,
    ]);
  });

  it("qualifiedOperations: false or absent sends bare names, whatever the table", async () => {
    for (const options of [{}, { qualifiedOperations: false }]) {
      const { client, calls } = setup(options, OUTLOOK, json({}));
      await client.me.special.post();
      expect(only(calls).url).toBe(`${BASE}/Me/Special`);
    }
  });

  it("qualifiedOperations: a namespace exception keyed by the binding's last name wins over the bare one", async () => {
    const table: WireTable = { rule: "same", namespace: "microsoft.graph", namespaces: "operationNamespaces" };
    const namespaces = { export: "microsoft.graph.partners.billing", "reviewSets/export": "microsoft.graph.security" };
    const { client, calls } = setup({ qualifiedOperations: namespaces }, table, json({}), json({}), json({}));
    await client.cases.byId("c").reviewSets.byId("r").export.post({});
    await client.billing.export.post({});
    await client.cases.byId("c").reviewSets.byId("r").cast("microsoft.graph.security.x").export.post({});
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/cases('c')/reviewSets('r')/microsoft.graph.security.export`,
      `${BASE}/billing/microsoft.graph.partners.billing.export`,
      `${BASE}/cases('c')/reviewSets('r')/microsoft.graph.security.x/microsoft.graph.security.export`,
    ]);
  });

  it("namespacedRootNode refuses qualifiedOperations: true where the table names its exceptions' export", () => {
    const table: WireTable = { rule: "same", namespace: "microsoft.graph", namespaces: "operationNamespaces" };
    const ctx = (options: ClientOptions) => createContext(options, { baseUrl: BASE, sendAnchorMailbox: false });
    expect(() => namespacedRootNode(ctx({ qualifiedOperations: true }), table)).toThrow(
      new TypeError("qualifiedOperations: pass operationNamespaces"),
    );
    // false, absent, or the table itself are taken; so is true where the table names no exceptions.
    for (const q of [false, undefined, { export: "x" }]) expect(typeof namespacedRootNode(ctx({ qualifiedOperations: q }), table)).toBe("function");
    expect(typeof namespacedRootNode(ctx({ qualifiedOperations: true }), GRAPH)).toBe("function");
  });

  it("the root's members follow rootRule and roots; navigations follow rule and names", async () => {
    // SAP CAP's naming: entity sets Projects and Tasks, navigations projects' tasks.
    const table: WireTable = { rule: "same", rootRule: "upper", roots: { weird: "we_ird" }, names: { odd: "Odd" } };
    const { client, calls } = setup({}, table, json({ value: [] }), json({ value: [] }), json({ value: [] }));
    await client.tasks.list();
    await client.projects.byId("p").tasks.list();
    await client.weird.byId("w").odd.weird.list();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Tasks`,
      `${BASE}/Projects('p')/tasks`,
      `${BASE}/we_ird('w')/Odd/weird`,
    ]);
  });

  it("qualifiedOperations without a namespace in the table: the operation stays bare", async () => {
    const { client, calls } = setup({ qualifiedOperations: true }, { rule: "same" }, json({}), json({}));
    await client.me.send.post();
    await client.me.delta().get();
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/me/send`, `${BASE}/me/delta()`]);
  });

  it("unbound functions at the root", async () => {
    const { client, calls } = setup({ qualifiedOperations: true }, OUTLOOK, json({ value: [] }));
    await client.reminderView({ StartDateTime: "2024-01-01T00:00:00Z", EndDateTime: null }).list();
    expect(only(calls).url).toBe(`${BASE}/ReminderView(StartDateTime=2024-01-01T00:00:00Z,EndDateTime=null)`);
  });

  it("calling or posting what names no operation is a TypeError", () => {
    const { client } = setup();
    expect(() => client()).toThrow(TypeError);
    expect(() => client.me.messages.byId("x")()).toThrow(TypeError);
    expect(() => client.me.contacts.delta()()).toThrow(TypeError);
    expect(() => client.post()).toThrow(TypeError);
    expect(() => client.me.messages.byId("x").post()).toThrow(TypeError);
    expect(() => client.me.messages.cast("X.Y").post()).toThrow(TypeError);
  });
});

describe("anchors", () => {
  it("a key of an anchoring set names the mailbox; elsewhere the client's anchorMailbox", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({}), json({}), json({}), json({}));
    await client.users.byId("sadie@contoso.com").messages.list();
    await client.users.byId("8f2a1b3c-0000-4000-8000-000000000001@8f2a1b3c-0000-4000-8000-000000000002").get();
    await client.me.get();
    await client.users.cast("Microsoft.OutlookServices.User").byId("x@y.z").get();
    await client.groups.byId("g@contoso.com").get();
    expect(calls.map((c) => c.headers["x-anchormailbox"])).toEqual([
      "sadie@contoso.com",
      undefined,
      "me@contoso.com",
      "me@contoso.com",
      "me@contoso.com",
    ]);
  });
});

describe("names", () => {
  it("rule and names: upper-cased first character, exceptions from the table", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({}));
    await client.me.eventMessage.get();
    await client.me.odd.get();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/EventMessage_`,
      `${BASE}/Me/${encodeURIComponent("a'b/c?d#é").replace(/%40/g, "@")}`,
    ]);
  });

  it("hostile member names stay path segments and pollute nothing", async () => {
    const hostile: WireTable = JSON.parse(
      '{"rule":"same","names":{"__proto__":"P"},"roots":{"__proto__":"P"},"functions":{"__proto__":{"__proto__":"Edm.Int32"}},"keys":{"P":"Edm.Int32"}}',
    );
    const { client, calls } = setup({}, hostile, json({}), json({}), json({}), json({}), json({}), json({}));
    await client["__proto__"].get();
    await client["constructor"]; // reserved: no node
    await client.hasOwnProperty.get();
    await client["x'); alert(1); ('"].byId("k").get();
    await client.toString.call(undefined);
    await client.things.P.post({ __proto__: 1 } as object); // an action named by a hostile name
    await client.things.byId("k").__proto__.byId(5).get();
    await expect(client.things.byId("k").__proto__.byId("z").get()).rejects.toThrow(/Invalid Edm.Int32/);
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/P`,
      `${BASE}/hasOwnProperty`,
      `${BASE}/x')%3B%20alert(1)%3B%20('('k')`,
      `${BASE}/things/P`,
      `${BASE}/things('k')/P(5)`,
    ]);
    expect(({} as Record<string, unknown>)["P"]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("rule");
  });

  it("table entries and parameters named __proto__ are own entries like any other", async () => {
    const table: WireTable = JSON.parse('{"rule":"same","functions":{"__proto__":{"__proto__":"Edm.Int64"}}}');
    const { client, calls } = setup({}, table, json({ value: 1 }));
    await client.__proto__(JSON.parse('{"__proto__":"5"}')).get();
    expect(only(calls).url).toBe(`${BASE}/__proto__(__proto__=5)`);
  });

  it("a name the table does not list never comes from Object.prototype", async () => {
    const { client, calls } = setup({}, { rule: "same" }, json({}), json({}));
    await client.toLocaleString.get();
    await client.valueOf_.get();
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/toLocaleString`, `${BASE}/valueOf_`]);
  });

  it("any member name round-trips into exactly one encoded segment", () => {
    const { client, ctx } = setup({}, { rule: "same" });
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (name) => {
        fc.pre(!["then", "constructor", "toString", "toJSON", "valueOf"].includes(name));
        const { path } = nodeState(client[name]);
        expect(path.segments).toEqual([{ kind: "name", name }]);
        expect(buildUrl(ctx, path)).toBe(buildUrl(ctx, Path.root().nav(name)));
      }),
    );
  });
});

describe("verbs resolve when called: a verb's name read as a property is a navigation", () => {
  it("call, apply and bind on a verb run the verb (a method to TypeScript); on a navigation they stay segments", async () => {
    const { client, calls } = setup({}, GRAPH, json({ value: [] }), json({ value: [] }), json({ value: [] }), json({}));
    await client.me.messages.list.call(undefined, { top: 1 });
    await client.me.messages.list.apply(undefined, [{ top: 2 }]);
    const bound = client.me.messages.list.bind(undefined, { top: 3 });
    await bound();
    await client.me.call.get();
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/me/messages?$top=1`,
      `${BASE}/me/messages?$top=2`,
      `${BASE}/me/messages?$top=3`,
      `${BASE}/me/call`,
    ]);
  });

  it("every verb of NODE_VERBS but the five JavaScript names runs as a verb (call is Function.prototype's), no other name", () => {
    const { client } = setup({}, { rule: "same" });
    const verbs = NODE_VERBS.slice(0, -5);
    for (const verb of verbs) {
      // A verb's `call` is a function, not a child node named "call".
      expect(() => nodeState(client.me[verb].call), verb).toThrow(TypeError);
      expect(typeof client.me[verb].call, verb).toBe("function");
    }
    for (const name of ["messages", "call", "send", "post_", "toString_"])
      expect(nodeState(client.me[name].call).path.segments.at(-1), name).toEqual({ kind: "name", name: "call" });
  });

  const G = "https://graph.microsoft.com/v1.0";
  function graph(...responses: Response[]) {
    const f = fakeFetch(...(responses.length ? responses : [json({})]));
    const ctx = createContext({ fetch: f.fetch }, { baseUrl: G, sendAnchorMailbox: false });
    const table: WireTable = {
      rule: "same",
      names: { count_: "count" },
      functions: { "charts/count": { kind: "Edm.Int32" }, count: { kind: "Edm.String" } },
      namespace: "microsoft.graph",
    };
    return { client: rootNode<AnyNode>(ctx, table), calls: f.calls };
  }

  it("drive.items.byId(x).get() and drive.list.items.list()", async () => {
    const { client, calls } = graph(json({ id: "x" }), json({ value: [] }));
    expect(await client.drive.items.byId("x").get()).toEqual({ id: "x" });
    await client.drive.list.items.list({ top: 2 });
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", `${G}/drive/items('x')`],
      ["GET", `${G}/drive/list/items?$top=2`],
    ]);
  });

  it("site.pages.list(), messages.list(), and messages.items() iterating every page", async () => {
    const next = `${G}/me/messages?$skiptoken=2`;
    const { client, calls } = graph(
      json({ value: [] }),
      json({ value: [{ id: "1" }] }),
      json({ value: [{ id: "a" }], "@odata.nextLink": next }),
      json({ value: [{ id: "b" }] }),
    );
    await client.sites.byId("s").pages.list();
    await client.me.messages.list({ select: ["subject"] });
    const items: unknown[] = [];
    for await (const m of client.me.messages.items({ top: 1 })) items.push(m);
    expect(items).toEqual([{ id: "a" }, { id: "b" }]);
    expect(calls.map((c) => c.url)).toEqual([
      `${G}/sites('s')/pages`,
      `${G}/me/messages?$select=subject`,
      `${G}/me/messages?$top=1`,
      next,
    ]);
  });

  it("a verb on a navigation named like a verb: items.count(), items.items(), pages.pages(), get.get()", async () => {
    const { client, calls } = graph(
      new Response("7", { headers: { "content-type": "text/plain" } }),
      json({ value: [{ id: "i" }] }),
      json({ value: [] }),
      json({ id: "g" }),
    );
    expect(await client.drive.items.count()).toBe(7);
    for await (const i of client.drive.items.items()) expect(i).toEqual({ id: "i" });
    for await (const p of client.onenote.pages.pages()) expect(p).toEqual({ value: [] });
    expect(await client.me.get.get()).toEqual({ id: "g" });
    expect(calls.map((c) => c.url)).toEqual([
      `${G}/drive/items/$count`,
      `${G}/drive/items`,
      `${G}/onenote/pages`,
      `${G}/me/get`,
    ]);
  });

  it("workbook.functions.count.post(body): an action named like a verb", async () => {
    const { client, calls } = graph(json({ value: 3 }));
    expect(await client.me.drive.items.byId("f").workbook.functions.count.post({ values: [1, 2, 3] })).toEqual({
      value: 3,
    });
    const c = only(calls);
    expect([c.method, c.url, c.body]).toEqual([
      "POST",
      `${G}/me/drive/items('f')/workbook/functions/count`,
      '{"values":[1,2,3]}',
    ]);
  });

  it("node.get.byId(k): a navigation named get, keyed", async () => {
    const { client, calls } = graph(json({}), json({}));
    await client.me.get.byId("k").get();
    await client.me.byId.cast("microsoft.graph.x").update({ a: 1 });
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", `${G}/me/get('k')`],
      ["PATCH", `${G}/me/byId/microsoft.graph.x`],
    ]);
  });

  it("verb names as paths take the table's wire rule", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({ value: [] }), json({}));
    await client.me.items.list();
    await client.me.post.create({});
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["GET", `${BASE}/Me/Items`],
      ["POST", `${BASE}/Me/Post`],
    ]);
  });

  it("a function renamed away from a verb calls the wire name; a previous/function key types its parameters", async () => {
    const { client, calls } = graph(json({ value: 1 }), json({ value: 2 }), json({ value: 3 }));
    await client.me.charts.count_({ kind: "5" }).get();
    await client.me.charts.byId("c").cast("microsoft.graph.x").count_({ kind: "5" }).get();
    await client.me.tables.count_({ kind: "5" }).get();
    expect(calls.map((c) => c.url)).toEqual([
      `${G}/me/charts/count(kind=5)`,
      `${G}/me/charts('c')/microsoft.graph.x/count(kind=5)`,
      `${G}/me/tables/count(kind='5')`,
    ]);
  });

  it("a node read by a verb's name is never thenable, and reading members sends nothing", async () => {
    const { client, calls } = graph();
    const nodes = [client.me.list, client.me.items, client.me.get, client.drive.items.byId, client.me.post];
    for (const node of nodes) {
      expect(node.then).toBeUndefined();
      expect(await node).toBe(node);
    }
    void client.me.messages.list.items.pages.count.get.post.delete.update.create.byId.cast.getContent.setContent;
    expect(calls).toHaveLength(0);
  });
});

describe("what a node is not", () => {
  it("never thenable: awaiting a node gives the node, nothing is sent", async () => {
    const { client, calls } = setup();
    const node = client.me.messages;
    expect(await node).toBe(node);
    expect(node.then).toBeUndefined();
    const me = client.me;
    expect(await Promise.resolve(me)).toBe(me);
    expect(calls).toHaveLength(0);
  });

  it("JSON.stringify and inspect show the path, never the token, headers or base URL credentials", () => {
    const { client } = setup({
      baseUrl: "https://user:pa55word@outlook.office.com/api/v2.0",
      headers: { "X-Api-Key": "key-sEcReT" },
    });
    const node = client.users.byId("a@b.c").messages;
    expect(JSON.stringify({ node })).toBe(`{"node":{"path":"/Users('a@b.c')/Messages"}}`);
    expect(String(node)).toBe("/Users('a@b.c')/Messages");
    expect(`${client}`).toBe("/");
    for (const text of [
      inspect(node),
      inspect(node, { showHidden: true, depth: 10 }),
      inspect(client, { showHidden: true, showProxy: true, depth: 10 }),
      JSON.stringify(node),
    ]) {
      expect(text).not.toMatch(/sEcReT|pa55word|tok-|getAccessToken/);
    }
  });

  it("console.log shows a node as what it is", () => {
    const { client } = setup();
    expect(inspect(client.me.messages)).toBe("[Function: ODataNode]");
  });

  it("an invalid key does not make toJSON throw", () => {
    const { client } = setup();
    expect(JSON.stringify(client.guided.byId("nope"))).toBe('{"path":"(a path with an invalid key or parameter)"}');
  });

  it("cannot be changed", () => {
    const { client } = setup();
    const node = client.me;
    expect(() => {
      node.messages = 1;
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(node, "x", { value: 1 })).toThrow(TypeError);
    expect(() => Object.setPrototypeOf(node, null)).toThrow(TypeError);
    expect(() => Object.preventExtensions(node)).toThrow(TypeError);
    expect(typeof node.messages).toBe("function");
  });

  it("symbols read as undefined", () => {
    const { client } = setup();
    expect(client.me[Symbol.iterator]).toBeUndefined();
    expect(client.me[Symbol.asyncIterator]).toBeUndefined();
    expect(client.me[Symbol.toPrimitive]).toBeUndefined();
  });

  it("nodeState: context, path and table of a node; a TypeError for anything else", () => {
    const { client, ctx } = setup();
    const s = nodeState(client.me.messages);
    expect(s.ctx).toBe(ctx);
    expect(s.table).toBe(OUTLOOK);
    expect(s.path.segments).toEqual([
      { kind: "name", name: "Me" },
      { kind: "name", name: "Messages" },
    ]);
    for (const bad of [undefined, null, {}, () => 1, "Me", new Proxy(() => 1, { get: () => ({ ctx }) })])
      expect(() => nodeState(bad)).toThrow(TypeError);
  });

  it("only then, constructor, toString, toJSON and valueOf are no child nodes; every other verb reads as one", () => {
    const { client } = setup({}, { rule: "same" });
    const special = ["then", "constructor", "toString", "toJSON", "valueOf"];
    expect(NODE_VERBS.slice(-5)).toEqual(special);
    for (const verb of NODE_VERBS) {
      const value = client.me[verb];
      if (special.includes(verb)) expect(() => nodeState(value)).toThrow(TypeError);
      else
        expect(nodeState(value).path.segments).toEqual([
          { kind: "name", name: "me" },
          { kind: "name", name: verb },
        ]);
    }
  });
});

describe("standalone features take a node", () => {
  it("sync sends Prefer: odata.track-changes to the node's URL", async () => {
    const { client, calls } = setup(
      {},
      OUTLOOK,
      json({ value: [{ Id: "1" }], "@odata.deltaLink": `${BASE}/Me/Messages?$deltatoken=abc` }, 200, {
        "Preference-Applied": "odata.track-changes",
      }),
    );
    const round = sync<{ Id: string }>(client.me.mailFolders.byId("Inbox").messages, { deltaToken: "t0" });
    const changes: unknown[] = [];
    for await (const c of round) changes.push(c);
    expect(changes).toEqual([{ kind: "upsert", item: { Id: "1" } }]);
    expect(round.deltaToken).toBe("abc");
    const c = only(calls);
    expect(c.url).toBe(`${BASE}/Me/MailFolders('Inbox')/Messages?$deltatoken=t0`);
    expect(c.headers["prefer"]).toBe("odata.track-changes");
    expect(() => sync({} as Syncable<unknown>)).toThrow(TypeError);
  });

  it("extendedProperty and extension address the item", async () => {
    const { client, calls } = setup({}, OUTLOOK, json({}), json({ Id: "x", Color: "red" }));
    const shape = {
      single: "SingleValueExtendedProperties",
      multi: "MultiValueExtendedProperties",
      id: "PropertyId",
      value: "Value",
    };
    const referral = createExtendedProperty(shape, {
      type: "String",
      guid: "8ECCC264-6880-4EBE-992F-8888D2EEAA1D",
      name: "R",
    });
    await extendedProperty(client.me.messages.byId("m"), referral).set("v");
    const ext = createExtension<{ Color: string }, typeof extShape>(extShape, "Com.Contoso.Color");
    expect(await extension(client.me.messages.byId("m"), ext).get()).toEqual({ Id: "x", Color: "red" });
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["PATCH", `${BASE}/Me/Messages('m')`],
      ["GET", `${BASE}/Me/Messages('m')/Extensions('Com.Contoso.Color')`],
    ]);
    expect(() => extendedProperty({} as never, referral)).toThrow(TypeError);
  });

  it("streamNotifications POSTs GetNotifications under the node, qualified by the table", async () => {
    const { client, calls } = setup(
      { qualifiedOperations: true },
      OUTLOOK,
      json({ value: [{ "@odata.type": "#Microsoft.OutlookServices.KeepAliveNotification", Status: "OK" }] }),
    );
    const controller = new AbortController();
    for await (const e of streamNotifications(client.me, { subscriptionIds: ["s"], signal: controller.signal })) {
      expect(e).toEqual({ kind: "keepAlive", status: "OK" });
      controller.abort();
    }
    const c = only(calls);
    expect([c.method, c.url]).toEqual(["POST", `${BASE}/Me/Microsoft.OutlookServices.GetNotifications`]);
  });

  it("streamNotifications takes GetNotifications' namespace from an OperationNamespaces passed as qualifiedOperations", async () => {
    for (const [q, url] of [
      [{ GetNotifications: "Other.Ns" }, `${BASE}/Me/Other.Ns.GetNotifications`],
      [{ Reply: "Other.Ns" }, `${BASE}/Me/Microsoft.OutlookServices.GetNotifications`],
      [false, `${BASE}/Me/GetNotifications`],
    ] as const) {
      const keepAlive = { "@odata.type": "#Microsoft.OutlookServices.KeepAliveNotification", Status: "OK" };
      const { client, calls } = setup({ qualifiedOperations: q }, OUTLOOK, json({ value: [keepAlive] }));
      const controller = new AbortController();
      for await (const _ of streamNotifications(client.me, { subscriptionIds: ["s"], signal: controller.signal })) controller.abort();
      expect(only(calls).url).toBe(url);
    }
  });

  it("a batch made of nodes: the parts are the nodes' requests", async () => {
    const f = fakeFetch(
      json({
        responses: [
          { id: "1", status: 200, body: { value: [{ Id: "a" }] } },
          { id: "2", status: 204 },
        ],
      }),
    );
    const ctx = createContext(
      { fetch: f.fetch, getAccessToken: () => SECRET },
      { baseUrl: BASE, sendAnchorMailbox: false },
    );
    const client = rootNode<AnyNode>(ctx, OUTLOOK);
    const batch = createBatch(nodeState(client).ctx, (c) => rootNode<AnyNode>(c, OUTLOOK), { format: "json" });
    const list = batch.add((c) => c.me.messages.list({ top: 1 }));
    const sent = batch.add((c) => c.me.sendMail.post({ Message: {} }));
    await batch.send();
    expect(await list).toMatchObject({ ok: true, body: { value: [{ Id: "a" }] } });
    expect(await sent).toMatchObject({ ok: true, status: 204 });
    const body = JSON.parse(String(only(f.calls).body)) as {
      requests: { method: string; url: string; body?: unknown }[];
    };
    // Without a service profile, a JSON batch names its parts relative to the service root, after a slash.
    expect(body.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["GET", "Me/Messages?$top=1", undefined],
      ["POST", "Me/SendMail", { Message: {} }],
    ]);
  });
});

const extShape = {
  nav: "Extensions",
  id: "Id",
  extensionName: "ExtensionName",
  type: "Microsoft.OutlookServices.OpenTypeExtension",
  idPrefix: "Microsoft.OutlookServices.OpenTypeExtension.",
} as const;

describe("types", () => {
  it("EntityNode and CollectionNode type the verbs", () => {
    interface Msg {
      Subject?: string;
    }
    type MsgQuery = { select: "Subject"; expand: {} };
    type MsgNode = EntityNode<Msg, MsgQuery>;
    type Msgs = CollectionNode<Msg, MsgQuery, MsgNode>;
    const { client } = setup();
    const msgs = client.me.messages as Msgs;
    // @ts-expect-error: not a property of Msg
    void (() => msgs.list({ select: ["Body"] }));
    void (() => msgs.byId("x").get({ select: ["Subject"] }));
    expect(typeof msgs.byId).toBe("function");
  });

  it("ActionNode, OptionalActionNode and BareActionNode type post()", () => {
    const { client } = setup();
    const sendMail = client.me.sendMail as ActionNode<{ Message: object; SaveToSentItems?: boolean }>;
    const reply = client.me.reply as OptionalActionNode<{ Comment?: string }>;
    const send = client.me.send as BareActionNode;
    // @ts-expect-error: the parameters are required
    void (() => sendMail.post());
    void (() => sendMail.post({ Message: {} }));
    // @ts-expect-error: every parameter is optional, but the object is asked for (the builders sent {})
    void (() => reply.post());
    void (() => reply.post({}));
    void (() => reply.post({ Comment: "c" }, { headers: {} }));
    // @ts-expect-error: a parameterless action takes no body
    void (() => send.post({}));
    void (() => send.post(undefined, { headers: {} }));
    expect(typeof send.post).toBe("function");
  });
});
