/**
 * Data extensions (open-type extensions) and MAPI extended properties end to end, v2.0 and beta: the generated
 * clients' typed helpers (defineExtension, defineExtendedProperty, the standalone extension()/extendedProperty()) over
 * real HTTP against the simulator (fact sheet §3.5, §3.6). Results and the requests the simulator saw are checked.
 */
import { describe, expect, it } from "vitest";
import type { ClientOptions, ODataCollection, QueryOptions, RequestOptions } from "../../generated/runtime/index.js";
import type { Simulator } from "../simulator/server.js";
import { ALICE, beta, clientOptions, drain, NS, rejectionOf, type Seen, useSimulator, v2 } from "./harness.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Q = QueryOptions<any> | undefined;
type O = RequestOptions | undefined;
interface ItemApi {
  /** Every item these tests address carries extended properties (what extendedProperty() asks of a node). */
  readonly singleValueExtendedProperties: unknown;
  get(q?: Q, o?: O): Promise<Json>;
  update(body: Json, o?: O): Promise<Json>;
  delete(o?: O): Promise<void>;
}
interface ExtensibleItemApi extends ItemApi {
  readonly extensions: { list(q?: Q): Promise<ODataCollection<Json>> };
}
interface CollectionApi<I> {
  list(q?: Q, o?: O): Promise<ODataCollection<Json>>;
  create(body: Json, o?: O): Promise<Json>;
  byId(id: string): I;
}
interface ClientApi {
  readonly me: {
    readonly messages: CollectionApi<ExtensibleItemApi>;
    readonly events: CollectionApi<ExtensibleItemApi>;
    readonly contacts: CollectionApi<ExtensibleItemApi>;
    readonly mailFolders: CollectionApi<ItemApi>;
    readonly contactFolders: CollectionApi<ItemApi>;
    readonly calendars: CollectionApi<ItemApi>;
  };
}
interface VersionApi {
  readonly version: "v2.0" | "beta";
  createClient(options: ClientOptions): ClientApi;
  readonly defineExtendedProperty: typeof v2.defineExtendedProperty;
  readonly defineExtension: typeof v2.defineExtension;
  readonly expandExtendedProperties: typeof v2.expandExtendedProperties;
  readonly extendedPropertyValues: typeof v2.extendedPropertyValues;
  readonly extendedProperty: typeof v2.extendedProperty;
  readonly extension: typeof v2.extension;
}

const VERSIONS: readonly VersionApi[] = [
  { ...v2, version: "v2.0" },
  { ...beta, version: "beta" },
];

const GUID = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";
const EXT_NAME = "Com.Contoso.Referral";
const EXT_TYPE = `${NS}.OpenTypeExtension`;
const EXT_ID = `${EXT_TYPE}.${EXT_NAME}`;

interface Referral {
  companyName: string;
  dealValue?: number;
  expirationDate?: string;
  topPicks?: string[];
}
const payload: Referral = {
  companyName: "Wingtip Toys",
  dealValue: 500050,
  expirationDate: "2015-12-03T10:00:00.000Z",
  topPicks: ["Employees only", "Add spouse or guest"],
};

/** Bodies and paths of the requests, for compact assertions. */
const brief = (list: readonly Seen[]): [string, string, Readonly<Record<string, string>>, unknown][] =>
  list.map((s) => [s.method, s.path, s.query, s.body]);

function expectAuthAndAnchor(list: readonly Seen[]): void {
  for (const s of list) expect([s.auth, s.anchor], `${s.method} ${s.path}`).toEqual(["Bearer test-token", ALICE]);
}

describe.each(VERSIONS)("$version", (api) => {
  const sim = useSimulator();
  const client = (): ClientApi => api.createClient(clientOptions(sim(), api.version));
  const referral = api.defineExtension<Referral>(EXT_NAME);

  // Typed extended properties; the last three use the Id and proptag forms of PropertyId.
  const big = api.defineExtendedProperty({ type: "Long", guid: GUID, name: "Big" });
  const when = api.defineExtendedProperty({ type: "SystemTime", guid: GUID, name: "When" });
  const blob = api.defineExtendedProperty({ type: "Binary", guid: GUID, id: 0x8101 });
  const tags = api.defineExtendedProperty({ type: "StringArray", guid: GUID, name: "Tags" });
  const flag = api.defineExtendedProperty({ type: "Boolean", tag: 0x6a01 });
  const longs = api.defineExtendedProperty({ type: "LongArray", guid: `{${GUID.toLowerCase()}}`, id: 0x8102 });
  const values = {
    big: 2n ** 53n + 1n, // 9007199254740993: not representable as a number
    when: new Date(Date.UTC(2016, 6, 1, 10, 11, 12, 345)),
    blob: new Uint8Array([0, 1, 2, 253, 254, 255]),
    tags: ["alpha", "beta, gamma", "ünïcode 'quoted'"],
    flag: true,
    longs: [-(2n ** 63n), 2n ** 63n - 1n, 0n],
  };
  const wire = {
    big: "9007199254740993",
    when: "2016-07-01T10:11:12.345Z",
    blob: "AAEC/f7/",
    tags: values.tags,
    flag: "true",
    longs: ["-9223372036854775808", "9223372036854775807", "0"],
  };
  const ids = {
    big: `Long {${GUID}} Name Big`,
    when: `SystemTime {${GUID}} Name When`,
    blob: `Binary {${GUID}} Id 0x8101`,
    tags: `StringArray {${GUID}} Name Tags`,
    flag: "Boolean 0x6A01",
    longs: `LongArray {${GUID}} Id 0x8102`,
  };

  /** What the simulator stored on a node, by navigation: [PropertyId, Value][]. */
  function stored(node: { navs: Map<string, { data: Record<string, unknown> }[]> }, nav: string): [unknown, unknown][] {
    return (node.navs.get(nav) ?? []).map((p) => [p.data.PropertyId, p.data.Value]);
  }
  const mailbox = (): ReturnType<Simulator["store"]["mailbox"]> => sim().store.mailbox(ALICE, api.version);

  describe("data extensions", () => {
    it("creates one on an existing message, gets it by name and by full id, updates and deletes it", async () => {
      const m = mailbox().addMessage("Inbox", { Subject: "referral" });
      const ext = api.extension(client().me.messages.byId(m.id), referral);
      const created = await ext.create(payload);
      expect(created).toMatchObject({ "@odata.type": `#${EXT_TYPE}`, Id: EXT_ID, ExtensionName: EXT_NAME, ...payload });
      expect(await ext.get()).toMatchObject({ Id: EXT_ID, ...payload });
      expect((await ext.get({ by: "id" })).companyName).toBe("Wingtip Toys");
      await ext.update({ dealValue: 600000, topPicks: [] });
      expect(await ext.get({ by: "name" })).toMatchObject({ companyName: "Wingtip Toys", dealValue: 600000, topPicks: [] });
      await ext.update({ companyName: "Contoso" }, { by: "id" });
      expect((await client().me.messages.byId(m.id).extensions.list()).value.map((e) => [e.Id, e.companyName])).toEqual([
        [EXT_ID, "Contoso"],
      ]);
      await ext.delete();
      expect(await rejectionOf(ext.get())).toMatchObject({ name: "ODataError", status: 404, code: "ErrorItemNotFound" });
      const requests = drain(sim());
      const one = `/Me/Messages('${m.id}')/Extensions`;
      expect(brief(requests)).toEqual([
        ["POST", one, {}, { "@odata.type": EXT_TYPE, ExtensionName: EXT_NAME, ...payload }],
        ["GET", `${one}('${EXT_NAME}')`, {}, undefined],
        ["GET", `${one}('${EXT_ID}')`, {}, undefined],
        ["PATCH", `${one}('${EXT_NAME}')`, {}, { "@odata.type": EXT_TYPE, ExtensionName: EXT_NAME, dealValue: 600000, topPicks: [] }],
        ["GET", `${one}('${EXT_NAME}')`, {}, undefined],
        ["PATCH", `${one}('${EXT_ID}')`, {}, { "@odata.type": EXT_TYPE, ExtensionName: EXT_NAME, companyName: "Contoso" }],
        ["GET", one, {}, undefined],
        ["DELETE", `${one}('${EXT_NAME}')`, {}, undefined],
        ["GET", `${one}('${EXT_NAME}')`, {}, undefined],
      ]);
      expectAuthAndAnchor(requests);
    });

    it.each(["messages", "events", "contacts"] as const)(
      "creates one inline with new %s, expands it on get and list, and filters the items that carry it",
      async (collection) => {
        const base =
          collection === "messages"
            ? { Subject: "with" }
            : collection === "events"
              ? {
                  Subject: "with",
                  Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
                  End: { DateTime: "2016-07-01T10:00:00", TimeZone: "UTC" },
                }
              : { GivenName: "with" };
        const items = client().me[collection];
        const carrying = await items.create({ ...base, ...referral.inline(payload) });
        const plain = await items.create({ ...base, ...(collection === "contacts" ? { GivenName: "without" } : { Subject: "without" }) });
        expect(referral.read(carrying)).toBeUndefined(); // not returned unless expanded
        const expanded = await items.byId(carrying.Id).get({ expand: referral.expand() });
        expect(referral.read(expanded)).toMatchObject(payload);
        expect(referral.read(await items.byId(plain.Id).get({ expand: referral.expand() }))).toBeUndefined();
        const all = await items.list({ expand: referral.expand() });
        expect(all.value.map((x) => [x.Id, referral.read(x)?.dealValue])).toEqual([
          [carrying.Id, 500050],
          [plain.Id, undefined],
        ]);
        const found = await items.list({ filter: referral.filter(), expand: referral.expand() });
        expect(found.value.map((x) => [x.Id, referral.read(x)?.companyName])).toEqual([[carrying.Id, "Wingtip Toys"]]);
        const requests = drain(sim());
        const segment = { messages: "Messages", events: "Events", contacts: "Contacts" }[collection];
        expect(requests[0]?.body).toEqual({ ...base, Extensions: [{ "@odata.type": EXT_TYPE, ExtensionName: EXT_NAME, ...payload }] });
        expect(requests.slice(2).map((r) => [r.path, r.query])).toEqual([
          [`/Me/${segment}('${carrying.Id}')`, { $expand: `Extensions($filter=Id eq '${EXT_ID}')` }],
          [`/Me/${segment}('${plain.Id}')`, { $expand: `Extensions($filter=Id eq '${EXT_ID}')` }],
          [`/Me/${segment}`, { $expand: `Extensions($filter=Id eq '${EXT_ID}')` }],
          [`/Me/${segment}`, { $expand: `Extensions($filter=Id eq '${EXT_ID}')`, $filter: `Extensions/any(e: e/Id eq '${EXT_ID}')` }],
        ]);
        expectAuthAndAnchor(requests);
      },
    );
  });

  describe("extended properties", () => {
    it("sets them in a create body and reads them back typed (Long beyond 2^53, SystemTime with ms, Binary, arrays)", async () => {
      const m = await client().me.messages.create({
        Subject: "typed",
        ...api.extendedPropertyValues(
          big.set(values.big),
          when.set(values.when),
          blob.set(values.blob),
          tags.set(values.tags),
          flag.set(values.flag),
          longs.set(values.longs),
        ),
      });
      expect(m.SingleValueExtendedProperties).toBeUndefined(); // never returned unless expanded
      const node = mailbox().find(m.Id);
      expect(node && stored(node, "SingleValueExtendedProperties")).toEqual([
        [ids.big, wire.big],
        [ids.when, wire.when],
        [ids.blob, wire.blob],
        [ids.flag, wire.flag],
      ]);
      expect(node && stored(node, "MultiValueExtendedProperties")).toEqual([
        [ids.tags, wire.tags],
        [ids.longs, wire.longs],
      ]);
      const entity = await client()
        .me.messages.byId(m.Id)
        .get({ expand: api.expandExtendedProperties(big, when, blob, tags, flag, longs) });
      const back = {
        big: big.read(entity),
        when: when.read(entity),
        blob: blob.read(entity),
        tags: tags.read(entity),
        flag: flag.read(entity),
        longs: longs.read(entity),
      };
      expect(back).toEqual(values);
      expect(typeof back.big).toBe("bigint");
      expect(back.when?.getUTCMilliseconds()).toBe(345);
      expect(back.blob).toBeInstanceOf(Uint8Array);
      const requests = drain(sim());
      expect(requests[0]?.body).toEqual({
        Subject: "typed",
        SingleValueExtendedProperties: [
          { PropertyId: ids.big, Value: wire.big },
          { PropertyId: ids.when, Value: wire.when },
          { PropertyId: ids.blob, Value: wire.blob },
          { PropertyId: ids.flag, Value: wire.flag },
        ],
        MultiValueExtendedProperties: [
          { PropertyId: ids.tags, Value: wire.tags },
          { PropertyId: ids.longs, Value: wire.longs },
        ],
      });
      expect(requests[1]?.query).toEqual({
        $expand:
          `SingleValueExtendedProperties($filter=PropertyId eq '${ids.big}' or PropertyId eq '${ids.when}' or PropertyId eq '${ids.blob}' or PropertyId eq '${ids.flag}'),` +
          `MultiValueExtendedProperties($filter=PropertyId eq '${ids.tags}' or PropertyId eq '${ids.longs}')`,
      });
      expectAuthAndAnchor(requests);
    });

    it("sets them in update bodies and through the accessor; expands on list; filters by property and value", async () => {
      const a = mailbox().addMessage("Inbox", { Subject: "a" });
      const b = mailbox().addMessage("Inbox", { Subject: "b" });
      const messages = client().me.messages;
      await messages.byId(a.id).update(api.extendedPropertyValues(big.set(values.big), tags.set(values.tags)));
      await api.extendedProperty(messages.byId(b.id), big).set(42n);
      await api.extendedProperty(messages.byId(b.id), when).set(values.when);
      expect(await api.extendedProperty(messages.byId(a.id), big).get()).toBe(values.big);
      expect(await api.extendedProperty(messages.byId(b.id), big).get()).toBe(42n);
      expect(await api.extendedProperty(messages.byId(b.id), tags).get()).toBeUndefined();
      expect((await api.extendedProperty(messages.byId(b.id), when).get())?.toISOString()).toBe(wire.when);

      const listed = await messages.list({ expand: big.expand(), orderby: ["Subject"] });
      expect(listed.value.map((x) => [x.Subject, big.read(x)])).toEqual([
        ["a", values.big],
        ["b", 42n],
      ]);
      const subjects = async (filter: string): Promise<string[]> =>
        (await messages.list({ filter })).value.map((x: { Subject: string }) => x.Subject).sort();
      expect(await subjects(big.filter())).toEqual(["a", "b"]);
      expect(await subjects(big.filter(values.big))).toEqual(["a"]);
      expect(await subjects(when.filter(values.when))).toEqual(["b"]);
      expect(await subjects(tags.filter(["beta, gamma"]))).toEqual(["a"]);
      expect(await subjects(tags.filter(["ünïcode 'quoted'", "alpha"]))).toEqual(["a"]);

      // Setting null removes a property.
      await messages.byId(b.id).update({ SingleValueExtendedProperties: [{ PropertyId: ids.when, Value: null }] });
      expect(await api.extendedProperty(messages.byId(b.id), when).get()).toBeUndefined();

      const requests = drain(sim());
      expect(requests.filter((r) => r.method === "PATCH").map((r) => [r.path, r.body])).toEqual([
        [
          `/Me/Messages('${a.id}')`,
          {
            SingleValueExtendedProperties: [{ PropertyId: ids.big, Value: wire.big }],
            MultiValueExtendedProperties: [{ PropertyId: ids.tags, Value: wire.tags }],
          },
        ],
        [`/Me/Messages('${b.id}')`, { SingleValueExtendedProperties: [{ PropertyId: ids.big, Value: "42" }] }],
        [`/Me/Messages('${b.id}')`, { SingleValueExtendedProperties: [{ PropertyId: ids.when, Value: wire.when }] }],
        [`/Me/Messages('${b.id}')`, { SingleValueExtendedProperties: [{ PropertyId: ids.when, Value: null }] }],
      ]);
      const filters = requests.filter((r) => r.query.$filter !== undefined).map((r) => r.query.$filter);
      expect(filters).toEqual([
        `SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.big}')`,
        `SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.big}' and ep/Value eq '${wire.big}')`,
        `SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.when}' and ep/Value eq '${wire.when}')`,
        `MultiValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.tags}' and ep/Value/Any(v: v eq 'beta, gamma'))`,
        `MultiValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.tags}' and ep/Value/Any(v: v eq 'ünïcode ''quoted''') and ep/Value/Any(v: v eq 'alpha'))`,
      ]);
      expectAuthAndAnchor(requests);
    });

    it.each(["events", "contacts", "mailFolders", "contactFolders", "calendars"] as const)(
      "works on %s: set inline, read through the accessor, update",
      async (collection) => {
        const base = {
          events: {
            Subject: "e",
            Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
            End: { DateTime: "2016-07-01T10:00:00", TimeZone: "UTC" },
          },
          contacts: { GivenName: "c" },
          mailFolders: { DisplayName: "Tagged" },
          contactFolders: { DisplayName: "Tagged" },
          calendars: { Name: "Tagged" },
        }[collection];
        const items = client().me[collection];
        const created = await items.create({ ...base, ...api.extendedPropertyValues(big.set(values.big), blob.set(values.blob)) });
        const item = items.byId(created.Id);
        expect(await api.extendedProperty(item, big).get()).toBe(values.big);
        expect(await api.extendedProperty(item, blob).get()).toEqual(values.blob);
        await api.extendedProperty(item, blob).set(new Uint8Array([]));
        expect(await api.extendedProperty(item, blob).get()).toEqual(new Uint8Array([]));
        const requests = drain(sim());
        expect(requests.map((r) => r.method)).toEqual(["POST", "GET", "GET", "PATCH", "GET"]);
        expect(requests[3]?.body).toEqual({ SingleValueExtendedProperties: [{ PropertyId: ids.blob, Value: "" }] });
        expectAuthAndAnchor(requests);
      },
    );
  });
});

describe("beta tasks carry extended properties too", () => {
  const sim = useSimulator();
  it("sets and reads one on a task", async () => {
    const client = beta.createClient(clientOptions(sim(), "beta"));
    const due = beta.defineExtendedProperty({ type: "SystemTime", guid: GUID, name: "FollowUp" });
    const t = await client.me.tasks.create({ Subject: "call back", ...due.set(new Date("2016-07-05T15:30:00.250Z")) });
    expect((await beta.extendedProperty(client.me.tasks.byId(t.Id ?? ""), due).get())?.getTime()).toBe(Date.parse("2016-07-05T15:30:00.250Z"));
    expect(drain(sim()).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /Me/Tasks", `GET /Me/Tasks('${t.Id}')`]);
  });
});
