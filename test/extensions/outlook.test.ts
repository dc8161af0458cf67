/**
 * MAPI extended properties and open-type data extensions of the generated Outlook clients (v2.0 and beta),
 * against a recording fetch: method, exact URL and exact JSON body of every operation, as the fact sheet
 * (../shared/docs/outlook-rest-api.md §3.5, §3.6) prints them. v1.0 has neither.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as beta from "../../generated/beta/index.js";
import type {
  DefinedExtendedProperty,
  DefinedExtension,
  ExtendedPropertyAccessor,
  ExtensionAccessor,
  MapiType,
  QueryOptions,
} from "../../generated/runtime/index.js";
import * as v1 from "../../generated/v1.0/index.js";
import * as v2 from "../../generated/v2.0/index.js";
import { GENERATED } from "../helpers/paths.js";
import { json, recorder, serviceLike, type Sent } from "./recorder.js";

const GUID = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";
const EXT_TYPE = "Microsoft.OutlookServices.OpenTypeExtension";
const EXT_NAME = "Com.Contoso.Referral";
const EXT_ID = `${EXT_TYPE}.${EXT_NAME}`;

// ---- The slice of each version's API these tests drive (v2.0 and beta are checked against it) ------------------

type XpShape = typeof v2.extendedPropertyShape;
type ExtShape = typeof v2.extensionShape;
interface ItemApi {
  /** What extendedProperty() asks of a node: the item's type has extended properties. */
  readonly singleValueExtendedProperties: unknown;
  get(query?: QueryOptions<any>): Promise<object>;
  update(body: object): Promise<unknown>;
}
/** An item that carries data extensions too: what extension() asks of a node. */
interface ExtensibleItemApi extends ItemApi {
  readonly extensions: unknown;
}
interface CollectionApi<I> {
  list(query?: QueryOptions<any>): Promise<{ readonly value: readonly object[] }>;
  create(body: object): Promise<object>;
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
  readonly groups: {
    byId(id: string): {
      readonly threads: {
        byId(id: string): {
          readonly posts: {
            byId(id: string): Pick<ExtensibleItemApi, "get" | "extensions" | "singleValueExtendedProperties">;
          };
        };
      };
    };
  };
}
interface VersionApi {
  readonly label: string;
  readonly root: string;
  createClient(options: { readonly fetch: typeof fetch }): ClientApi;
  readonly defineExtendedProperty: typeof v2.defineExtendedProperty;
  readonly defineExtension: typeof v2.defineExtension;
  readonly expandExtendedProperties: typeof v2.expandExtendedProperties;
  readonly extendedPropertyValues: typeof v2.extendedPropertyValues;
  readonly ExtendedPropertyError: typeof v2.ExtendedPropertyError;
  // Method syntax: each version's functions take its own node types, which these slices only sketch.
  extendedProperty<T extends MapiType>(node: Pick<ItemApi, "singleValueExtendedProperties">, property: DefinedExtendedProperty<T, XpShape>): ExtendedPropertyAccessor<T>;
  extension<P extends object>(node: Pick<ExtensibleItemApi, "extensions">, extension: DefinedExtension<P, ExtShape>): ExtensionAccessor<P>;
}

const VERSIONS: readonly VersionApi[] = [
  { ...v2, label: "v2.0", root: "https://outlook.office.com/api/v2.0" },
  { ...beta, label: "beta", root: "https://outlook.office.com/api/beta" },
];

type Collection = "messages" | "events" | "contacts" | "mailFolders" | "contactFolders" | "calendars";
interface Target {
  readonly name: string;
  readonly collection: Collection;
  readonly segment: string;
  /** A minimal create body of the type. */
  readonly base: Readonly<Record<string, string>>;
}
/** Every type with SingleValue/MultiValueExtendedProperties reachable from /Me (Post is tested below). */
const XP_TARGETS: readonly Target[] = [
  { name: "Message", collection: "messages", segment: "Messages", base: { Subject: "Referral" } },
  { name: "Event", collection: "events", segment: "Events", base: { Subject: "Lunch" } },
  { name: "Contact", collection: "contacts", segment: "Contacts", base: { GivenName: "Dana" } },
  { name: "MailFolder", collection: "mailFolders", segment: "MailFolders", base: { DisplayName: "Referrals" } },
  { name: "ContactFolder", collection: "contactFolders", segment: "ContactFolders", base: { DisplayName: "Partners" } },
  { name: "Calendar", collection: "calendars", segment: "Calendars", base: { Name: "Deals" } },
];
/** The types with an Extensions navigation reachable from /Me. */
const EXT_TARGETS = XP_TARGETS.filter((t) => ["messages", "events", "contacts"].includes(t.collection)) as readonly (Target & {
  readonly collection: "messages" | "events" | "contacts";
})[];

const brief = (s: Sent): [string, string, string | undefined] => [s.method, s.decoded, s.body];

describe.each(VERSIONS)("$label", (api) => {
  const { root } = api;
  // All three PropertyId forms, single and multi-value.
  const referral = api.defineExtendedProperty({ type: "String", guid: GUID, name: "Referral" });
  const flagCount = api.defineExtendedProperty({ type: "Integer", guid: `{${GUID.toLowerCase()}}`, id: 0x8012 });
  const subject = api.defineExtendedProperty({ type: "String", tag: 0x37 });
  const tags = api.defineExtendedProperty({ type: "StringArray", guid: GUID, name: "Tags" });
  const scores = api.defineExtendedProperty({ type: "IntegerArray", guid: GUID, id: 0x8013 });
  const ids = {
    referral: `String {${GUID}} Name Referral`,
    flagCount: `Integer {${GUID}} Id 0x8012`,
    subject: "String 0x0037",
    tags: `StringArray {${GUID}} Name Tags`,
    scores: `IntegerArray {${GUID}} Id 0x8013`,
  };
  const all = [
    [referral, ids.referral, "SingleValueExtendedProperties"],
    [flagCount, ids.flagCount, "SingleValueExtendedProperties"],
    [subject, ids.subject, "SingleValueExtendedProperties"],
    [tags, ids.tags, "MultiValueExtendedProperties"],
    [scores, ids.scores, "MultiValueExtendedProperties"],
  ] as const;

  /** What a server sends back: GUIDs in lower case and ids in whatever form it likes. */
  const stored = {
    SingleValueExtendedProperties: [
      { PropertyId: `String {${GUID.toLowerCase()}} Name Referral`, Value: "Wingtip Toys" },
      { PropertyId: `Integer {${GUID.toLowerCase()}} Id 0x8012`, Value: "42" },
      { PropertyId: "String 0x37", Value: "Quarterly numbers" },
    ],
    MultiValueExtendedProperties: [
      { PropertyId: `StringArray {${GUID.toLowerCase()}} Name Tags`, Value: ["gold", "renewal"] },
      { PropertyId: `IntegerArray {${GUID}} Id 0x8013`, Value: ["7", "-3"] },
    ],
  };

  describe("extended properties", () => {
    it("formats the three PropertyId forms as the documentation does", () => {
      expect([referral.id, flagCount.id, subject.id, tags.id, scores.id]).toEqual(Object.values(ids));
      expect(stored.SingleValueExtendedProperties[0]?.PropertyId).toBe(`String {${GUID.toLowerCase()}} Name Referral`);
    });

    it("sends the documented $expand, percent-encoded", async () => {
      const r = recorder(serviceLike({ Id: "m1" }));
      await api.createClient(r).me.messages.byId("m1").get({ expand: referral.expand() });
      expect(r.only().url).toBe(
        `${root}/Me/Messages('m1')?$expand=SingleValueExtendedProperties($filter=PropertyId%20eq%20'String%20%7B${GUID}%7D%20Name%20Referral')`,
      );
    });

    describe.each(XP_TARGETS)("on $name", (t) => {
      const collection = (r: { fetch: typeof fetch }): CollectionApi<ItemApi> => api.createClient(r).me[t.collection];
      const item = `${root}/Me/${t.segment}('x1')`;

      it("expands each property on get (all id forms, single and multi-value) and reads it back", async () => {
        const r = recorder(serviceLike({ Id: "x1", ...stored }));
        const read: unknown[] = [];
        for (const [p] of all) read.push(p.read(await collection(r).byId("x1").get({ expand: p.expand() })));
        expect(r.sent.map(brief)).toEqual(
          all.map(([, id, nav]) => ["GET", `${item}?$expand=${nav}($filter=PropertyId eq '${id}')`, undefined]),
        );
        expect(read).toEqual(["Wingtip Toys", 42, "Quarterly numbers", ["gold", "renewal"], [7, -3]]);
      });

      it("expands on list and reads each item", async () => {
        const r = recorder(serviceLike({ value: [{ Id: "a", ...stored }, { Id: "b" }] }));
        const page = await collection(r).list({ expand: referral.expand(), top: 2 });
        expect(r.only().decoded).toBe(
          `${root}/Me/${t.segment}?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${ids.referral}')&$top=2`,
        );
        expect(page.value.map((e) => referral.read(e))).toEqual(["Wingtip Toys", undefined]);
      });

      it("expands several at once, single and multi-value in their own navigations, filters joined with or", async () => {
        const r = recorder(serviceLike({ Id: "x1", ...stored }));
        const entity = await collection(r)
          .byId("x1")
          .get({ expand: api.expandExtendedProperties(referral, tags, flagCount, scores, subject) });
        expect(r.only().decoded).toBe(
          `${item}?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${ids.referral}' or PropertyId eq '${ids.flagCount}' or PropertyId eq '${ids.subject}'),` +
            `MultiValueExtendedProperties($filter=PropertyId eq '${ids.tags}' or PropertyId eq '${ids.scores}')`,
        );
        expect([referral.read(entity), flagCount.read(entity), tags.read(entity), scores.read(entity)]).toEqual([
          "Wingtip Toys",
          42,
          ["gold", "renewal"],
          [7, -3],
        ]);
      });

      it("filters a collection by a property and its value", async () => {
        const r = recorder(serviceLike({ value: [] }));
        const list = collection(r);
        await list.list({ filter: referral.filter("Wingtip Toys") });
        await list.list({ filter: flagCount.filter(42) });
        await list.list({ filter: subject.filter() });
        await list.list({ filter: tags.filter(["gold"]) });
        expect(r.sent.map((s) => s.decoded)).toEqual([
          `${root}/Me/${t.segment}?$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.referral}' and ep/Value eq 'Wingtip Toys')`,
          `${root}/Me/${t.segment}?$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.flagCount}' and ep/Value eq '42')`,
          `${root}/Me/${t.segment}?$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.subject}')`,
          `${root}/Me/${t.segment}?$filter=MultiValueExtendedProperties/Any(ep: ep/PropertyId eq '${ids.tags}' and ep/Value/Any(v: v eq 'gold'))`,
        ]);
      });

      it("sets properties in a create body", async () => {
        const r = recorder();
        await collection(r).create({ ...t.base, ...referral.set("Wingtip Toys") });
        await collection(r).create({ ...t.base, ...api.extendedPropertyValues(flagCount.set(1), subject.set("x"), tags.set(["a", "b"])) });
        expect(r.sent.map(brief)).toEqual([
          [
            "POST",
            `${root}/Me/${t.segment}`,
            JSON.stringify({ ...t.base, SingleValueExtendedProperties: [{ PropertyId: ids.referral, Value: "Wingtip Toys" }] }),
          ],
          [
            "POST",
            `${root}/Me/${t.segment}`,
            JSON.stringify({
              ...t.base,
              SingleValueExtendedProperties: [
                { PropertyId: ids.flagCount, Value: "1" },
                { PropertyId: ids.subject, Value: "x" },
              ],
              MultiValueExtendedProperties: [{ PropertyId: ids.tags, Value: ["a", "b"] }],
            }),
          ],
        ]);
      });

      it("sets properties in an update body", async () => {
        const r = recorder();
        await collection(r).byId("x1").update({ ...flagCount.set(42) });
        await collection(r).byId("x1").update(api.extendedPropertyValues(flagCount.set(1), referral.set("x"), scores.set([1, 2])));
        expect(r.sent.map(brief)).toEqual([
          ["PATCH", item, `{"SingleValueExtendedProperties":[{"PropertyId":"${ids.flagCount}","Value":"42"}]}`],
          [
            "PATCH",
            item,
            `{"SingleValueExtendedProperties":[{"PropertyId":"${ids.flagCount}","Value":"1"},{"PropertyId":"${ids.referral}","Value":"x"}],` +
              `"MultiValueExtendedProperties":[{"PropertyId":"${ids.scores}","Value":["1","2"]}]}`,
          ],
        ]);
      });

      it("reads and sets through the extendedProperty accessor", async () => {
        const r = recorder(serviceLike({ Id: "x1", ...stored }));
        const node = collection(r).byId("x1");
        expect(await api.extendedProperty(node, flagCount).get()).toBe(42);
        expect(await api.extendedProperty(node, scores).get()).toEqual([7, -3]);
        await api.extendedProperty(node, flagCount).set(43);
        await api.extendedProperty(node, tags).set(["silver"]);
        expect(r.sent.map(brief)).toEqual([
          ["GET", `${item}?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${ids.flagCount}')`, undefined],
          ["GET", `${item}?$expand=MultiValueExtendedProperties($filter=PropertyId eq '${ids.scores}')`, undefined],
          ["PATCH", item, `{"SingleValueExtendedProperties":[{"PropertyId":"${ids.flagCount}","Value":"43"}]}`],
          ["PATCH", item, `{"MultiValueExtendedProperties":[{"PropertyId":"${ids.tags}","Value":["silver"]}]}`],
        ]);
      });

      it("gives undefined for an item that does not carry the property", async () => {
        const r = recorder(serviceLike({ Id: "x1", SingleValueExtendedProperties: [] }));
        expect(await api.extendedProperty(collection(r).byId("x1"), referral).get()).toBeUndefined();
        expect(referral.read({ Id: "x1" })).toBeUndefined();
        expect(referral.read(undefined)).toBeUndefined();
      });
    });

    it("works on group posts", async () => {
      const r = recorder(serviceLike({ Id: "p1", ...stored }));
      const post = api.createClient(r).groups.byId("g1").threads.byId("t1").posts.byId("p1");
      expect(await api.extendedProperty(post, referral).get()).toBe("Wingtip Toys");
      expect(r.only().decoded).toBe(
        `${root}/Groups('g1')/Threads('t1')/Posts('p1')?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${ids.referral}')`,
      );
    });

    it("rejects bad values before sending", () => {
      expect(() => flagCount.set(2 ** 31)).toThrow(api.ExtendedPropertyError);
      expect(() => flagCount.set(1.5)).toThrow(api.ExtendedPropertyError);
      expect(() => scores.filter([1, 0.5])).toThrow(api.ExtendedPropertyError);
      expect(() => flagCount.read({ SingleValueExtendedProperties: [{ PropertyId: ids.flagCount, Value: "many" }] })).toThrow(
        api.ExtendedPropertyError,
      );
    });
  });

  describe("data extensions", () => {
    interface Referral {
      companyName: string;
      dealValue?: number;
      expirationDate?: string;
      topPicks?: string[];
    }
    const referralExt = api.defineExtension<Referral>(EXT_NAME);
    const payload: Referral = {
      companyName: "Wingtip Toys",
      dealValue: 500050,
      expirationDate: "2015-12-03T10:00:00.000Z",
      topPicks: ["Employees only", "Add spouse or guest"],
    };
    const created = `{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","companyName":"Wingtip Toys","dealValue":500050,"expirationDate":"2015-12-03T10:00:00.000Z","topPicks":["Employees only","Add spouse or guest"]}`;
    const returned = { "@odata.type": `#${EXT_TYPE}`, Id: EXT_ID, ExtensionName: EXT_NAME, ...payload };

    it("names the extension and its full id", () => {
      expect([referralExt.name, referralExt.id]).toEqual([EXT_NAME, EXT_ID]);
    });

    describe.each(EXT_TARGETS)("on $name", (t) => {
      const collection = (r: { fetch: typeof fetch }): CollectionApi<ExtensibleItemApi> => api.createClient(r).me[t.collection];
      const item = `${root}/Me/${t.segment}('x1')`;

      it("creates it on an existing item", async () => {
        const r = recorder((s) => json({ ...(JSON.parse(s.body ?? "{}") as object), Id: EXT_ID }, 201));
        const result = await api.extension(collection(r).byId("x1"), referralExt).create(payload);
        expect(brief(r.only())).toEqual(["POST", `${item}/Extensions`, created]);
        expect(result.companyName).toBe("Wingtip Toys");
      });

      it("creates it inline with a new item", async () => {
        const r = recorder();
        await collection(r).create({ ...t.base, ...referralExt.inline(payload) });
        expect(brief(r.only())).toEqual(["POST", `${root}/Me/${t.segment}`, `${JSON.stringify(t.base).slice(0, -1)},"Extensions":[${created}]}`]);
      });

      it("gets it by bare name and by full id", async () => {
        const r = recorder(serviceLike(returned));
        const ext = api.extension(collection(r).byId("x1"), referralExt);
        expect(await ext.get()).toEqual(returned);
        await ext.get({ by: "name" });
        await ext.get({ by: "id" });
        expect(r.sent.map(brief)).toEqual([
          ["GET", `${item}/Extensions('${EXT_NAME}')`, undefined],
          ["GET", `${item}/Extensions('${EXT_NAME}')`, undefined],
          ["GET", `${item}/Extensions('${EXT_ID}')`, undefined],
        ]);
      });

      it("updates it with PATCH and deletes it", async () => {
        const r = recorder();
        const ext = api.extension(collection(r).byId("x1"), referralExt);
        await ext.update({ dealValue: 600000 });
        await ext.update({ topPicks: [] }, { by: "id" });
        await ext.delete();
        await ext.delete({ by: "id" });
        expect(r.sent.map(brief)).toEqual([
          ["PATCH", `${item}/Extensions('${EXT_NAME}')`, `{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","dealValue":600000}`],
          ["PATCH", `${item}/Extensions('${EXT_ID}')`, `{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","topPicks":[]}`],
          ["DELETE", `${item}/Extensions('${EXT_NAME}')`, undefined],
          ["DELETE", `${item}/Extensions('${EXT_ID}')`, undefined],
        ]);
      });

      it("expands it on get and list, finds items that carry it, and reads its payload", async () => {
        const r = recorder(serviceLike({ Id: "x1", Extensions: [returned] }));
        const entity = await collection(r).byId("x1").get({ expand: referralExt.expand() });
        expect(r.only().decoded).toBe(`${item}?$expand=Extensions($filter=Id eq '${EXT_ID}')`);
        const list = recorder(serviceLike({ value: [{ Id: "a", Extensions: [returned] }, { Id: "b", Extensions: [] }] }));
        const page = await collection(list).list({ filter: referralExt.filter(), expand: referralExt.expand() });
        expect(referralExt.read(entity)).toEqual({ "@odata.type": `#${EXT_TYPE}`, ...payload });
        expect(page.value.map((e) => referralExt.read(e)?.companyName)).toEqual(["Wingtip Toys", undefined]);
        expect(list.only().decoded).toBe(
          `${root}/Me/${t.segment}?$expand=Extensions($filter=Id eq '${EXT_ID}')&$filter=Extensions/any(e: e/Id eq '${EXT_ID}')`,
        );
      });

      it("sends the documented $expand on get", async () => {
        const r = recorder(serviceLike({ Id: "x1" }));
        await collection(r).byId("x1").get({ expand: referralExt.expand() });
        expect(r.only().decoded).toBe(`${item}?$expand=Extensions($filter=Id eq '${EXT_ID}')`);
        expect(r.only().url).toBe(`${item}?$expand=Extensions($filter=Id%20eq%20'${EXT_ID}')`);
      });

      it("expands extensions and extended properties together", async () => {
        const r = recorder(serviceLike({ Id: "x1" }));
        await collection(r).byId("x1").get({ expand: { ...referralExt.expand(), ...referral.expand() } });
        expect(r.only().decoded).toBe(
          `${item}?$expand=Extensions($filter=Id eq '${EXT_ID}'),SingleValueExtendedProperties($filter=PropertyId eq '${ids.referral}')`,
        );
      });
    });

    it("reads the payload without Id and ExtensionName, matching by id or by name", () => {
      expect(referralExt.read({ Extensions: [{ Id: EXT_ID, ExtensionName: EXT_NAME, companyName: "A" }] })).toEqual({ companyName: "A" });
      expect(referralExt.read({ Extensions: [{ ExtensionName: EXT_NAME, companyName: "B" }] })).toEqual({ companyName: "B" });
      expect(referralExt.read({ Extensions: [{ Id: `${EXT_TYPE}.Com.Contoso.Other`, ExtensionName: "Com.Contoso.Other" }] })).toBeUndefined();
      expect(referralExt.read({})).toBeUndefined();
    });

    it("keeps the type and the name ahead of a payload that tries to override them", () => {
      const hostile = api.defineExtension<Record<string, unknown>>(EXT_NAME);
      expect(JSON.stringify(hostile.body({ ExtensionName: "Evil.Name", "@odata.type": "x", other: 1 }))).toBe(
        `{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","other":1}`,
      );
    });

    it("works on group posts", async () => {
      const r = recorder((s) => (s.method === "POST" ? json(returned, 201) : json(returned)));
      const ext = api.extension(api.createClient(r).groups.byId("g1").threads.byId("t1").posts.byId("p1"), referralExt);
      await ext.create(payload);
      await ext.get();
      expect(r.sent.map(brief)).toEqual([
        ["POST", `${root}/Groups('g1')/Threads('t1')/Posts('p1')/Extensions`, created],
        ["GET", `${root}/Groups('g1')/Threads('t1')/Posts('p1')/Extensions('${EXT_NAME}')`, undefined],
      ]);
    });
  });

  describe("validation", () => {
    const bad: [string, () => unknown][] = [
      ["a short GUID", () => api.defineExtendedProperty({ type: "String", guid: "8ECCC264-6880-4EBE-992F", name: "X" })],
      ["an unbalanced brace", () => api.defineExtendedProperty({ type: "String", guid: `{${GUID}`, name: "X" })],
      ["a non-hex GUID", () => api.defineExtendedProperty({ type: "String", guid: GUID.replace("8", "G"), name: "X" })],
      // @ts-expect-error -- not a MAPI type
      ["an unknown type", () => api.defineExtendedProperty({ type: "Strin", guid: GUID, name: "X" })],
      // @ts-expect-error -- the type is case-sensitive
      ["a lower-case type", () => api.defineExtendedProperty({ type: "string", guid: GUID, name: "X" })],
      ["an id above 0xFFFF", () => api.defineExtendedProperty({ type: "Integer", guid: GUID, id: 0x10000 })],
      ["a negative id", () => api.defineExtendedProperty({ type: "Integer", guid: GUID, id: -1 })],
      ["a fractional id", () => api.defineExtendedProperty({ type: "Integer", guid: GUID, id: 1.5 })],
      ["a zero tag", () => api.defineExtendedProperty({ type: "String", tag: 0 })],
      ["an empty name", () => api.defineExtendedProperty({ type: "String", guid: GUID, name: "" })],
      ["a padded name", () => api.defineExtendedProperty({ type: "String", guid: GUID, name: " Referral" })],
      ["a name with a control character", () => api.defineExtendedProperty({ type: "String", guid: GUID, name: "a\u0000b" })],
    ];
    it.each(bad)("defineExtendedProperty rejects %s", (_what, define) => {
      expect(define).toThrow(api.ExtendedPropertyError);
    });

    it.each(["Contoso", "com.microsoft.x", "Microsoft.Foo", "com.onmicrosoft.x", "Com.Microsoft.Teams", "", "Com..Contoso", "1Com.Contoso", "Com.Contoso Referral"])(
      "defineExtension rejects %j",
      (name) => {
        expect(() => api.defineExtension(name)).toThrow(api.ExtendedPropertyError);
      },
    );

    it("says why", () => {
      expect(() => api.defineExtension("Contoso")).toThrow(/reverse-DNS/);
      expect(() => api.defineExtension("com.microsoft.x")).toThrow(/Microsoft domain/);
      expect(() => api.defineExtendedProperty({ type: "String", guid: "nope", name: "X" })).toThrow(/Invalid GUID "nope"/);
    });

    it.each(["Com.Contoso.Referral", "Org.Example.Data_1", "Net.Micro-Soft.X"])("defineExtension accepts %j", (name) => {
      expect(api.defineExtension(name).name).toBe(name);
    });
  });
});

// ---- Typing, with the real generated types ------------------------------------------------------------------------

describe("typing (v2.0)", () => {
  const referral = v2.defineExtendedProperty({ type: "String", guid: GUID, name: "Referral" });
  const flagCount = v2.defineExtendedProperty({ type: "Integer", guid: GUID, id: 0x8012 });
  const ext = v2.defineExtension<{ companyName: string; dealValue?: number }>(EXT_NAME);

  it("types values and payloads", async () => {
    const r = recorder(serviceLike({ Id: "m1", SingleValueExtendedProperties: [{ PropertyId: flagCount.id, Value: "5" }] }));
    const client = v2.createClient(r);
    const message = await client.me.messages.byId("m1").get({ expand: v2.expandExtendedProperties(referral, flagCount) });
    const n: number | undefined = flagCount.read(message);
    const s: string | undefined = referral.read(message);
    const count: number | undefined = await v2.extendedProperty(client.me.messages.byId("m1"), flagCount).get();
    const payload: { companyName: string; dealValue?: number } | undefined = ext.read(message);
    expect([n, s, count, payload]).toEqual([5, undefined, 5, undefined]);
    await client.me.messages.create({ Subject: "x", ...ext.inline({ companyName: "A" }), ...referral.set("y") });
    await client.me.events.byId("e1").update({ ...v2.extendedPropertyValues(flagCount.set(1), referral.set("x")) });
    await client.me.calendars.byId("c1").update({ ...flagCount.set(2) });
    expect(r.sent.map((x) => x.method)).toEqual(["GET", "GET", "POST", "PATCH", "PATCH"]);
  });

  it("rejects misuse at compile time", () => {
    const r = recorder(serviceLike({ value: [] }));
    const client = v2.createClient(r);
    // A conversation has an expandable navigation (Threads) but no extended properties and no extensions. (Types
    // with no expandable navigation at all, such as CalendarGroup or User, accept any expand map: ExpandMap<{}> is {}.)
    // @ts-expect-error -- no SingleValueExtendedProperties on Conversation
    void client.groups.byId("g1").conversations.list({ expand: referral.expand() });
    // @ts-expect-error -- no Extensions on Conversation
    void client.groups.byId("g1").conversations.list({ expand: ext.expand() });
    // @ts-expect-error -- an Integer property takes a number
    expect(() => flagCount.set("x")).toThrow(v2.ExtendedPropertyError);
    // @ts-expect-error -- a String property takes a string
    expect(() => referral.set(1)).toThrow(v2.ExtendedPropertyError);
    // @ts-expect-error -- the payload has no field "wrong"
    void v2.extension(client.me.messages.byId("m1"), ext).create({ wrong: 1 });
    // @ts-expect-error -- companyName is required by T
    void v2.extension(client.me.messages.byId("m1"), ext).create({ dealValue: 1 });
    // @ts-expect-error -- update takes a Partial<T>, still without unknown fields
    void v2.extension(client.me.messages.byId("m1"), ext).update({ wrong: 1 });
    // @ts-expect-error -- calendars and folders carry no extensions
    void v2.extension(client.me.calendars.byId("c1"), ext);
    // @ts-expect-error -- nor do mail folders
    void v2.extension(client.me.mailFolders.byId("Inbox"), ext);
    // @ts-expect-error -- a calendar group carries no extended properties
    void v2.extendedProperty(client.me.calendarGroups.byId("g1"), flagCount);
    expect(true).toBe(true);
  });

  it("works the same with beta's own types (tasks too)", async () => {
    const r = recorder(serviceLike({ Id: "t1", SingleValueExtendedProperties: [{ PropertyId: flagCount.id, Value: "9" }] }));
    const client = beta.createClient(r);
    const betaCount = beta.defineExtendedProperty({ type: "Integer", guid: GUID, id: 0x8012 });
    const betaExt = beta.defineExtension<{ companyName: string }>(EXT_NAME);
    expect(await beta.extendedProperty(client.me.tasks.byId("t1"), betaCount).get()).toBe(9);
    await client.me.tasks.byId("t1").update({ ...betaCount.set(3) });
    await client.me.messages.create({ Subject: "x", ...betaExt.inline({ companyName: "A" }) });
    await beta.extension(client.me.contacts.byId("c1"), betaExt).update({ companyName: "B" });
    expect(r.sent.map(brief)).toEqual([
      ["GET", `https://outlook.office.com/api/beta/Me/Tasks('t1')?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${flagCount.id}')`, undefined],
      ["PATCH", "https://outlook.office.com/api/beta/Me/Tasks('t1')", `{"SingleValueExtendedProperties":[{"PropertyId":"${flagCount.id}","Value":"3"}]}`],
      ["POST", "https://outlook.office.com/api/beta/Me/Messages", `{"Subject":"x","Extensions":[{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","companyName":"A"}]}`],
      ["PATCH", `https://outlook.office.com/api/beta/Me/Contacts('c1')/Extensions('${EXT_NAME}')`, `{"@odata.type":"${EXT_TYPE}","ExtensionName":"${EXT_NAME}","companyName":"B"}`],
    ]);
    // @ts-expect-error -- a beta task carries no data extensions
    void beta.extension(client.me.tasks.byId("t1"), betaExt);
    // @ts-expect-error -- and a beta task folder no extended properties (the beta snapshot has none on TaskFolder)
    void beta.extendedProperty(client.me.taskFolders.byId("f1"), betaCount);
  });
});

// ---- v1.0 has neither ---------------------------------------------------------------------------------------------

describe("v1.0", () => {
  it("has no extensions module and exports no helpers", () => {
    expect(existsSync(join(GENERATED, "v1.0", "extensions.ts"))).toBe(false);
    const index = readFileSync(join(GENERATED, "v1.0", "index.ts"), "utf8");
    for (const name of ["defineExtendedProperty", "defineExtension", "expandExtendedProperties", "extendedPropertyValues", "./extensions.js"]) {
      expect(index).not.toContain(name);
    }
    expect(Object.keys(v1)).not.toContain("defineExtendedProperty");
    expect(Object.keys(v1)).not.toContain("defineExtension");
  });

  it("exports no extendedProperty or extension function, and its nodes take neither", () => {
    expect(readFileSync(join(GENERATED, "v1.0", "index.ts"), "utf8")).not.toMatch(/\bextendedProperty\b|\bextension\b/);
    expect(readFileSync(join(GENERATED, "v1.0", "nodes.ts"), "utf8")).not.toMatch(/ExtendedProperties|\bextensions\b/);
    expect(Object.keys(v1)).not.toContain("extendedProperty");
    expect(Object.keys(v1)).not.toContain("extension");
    const node = v1.createClient().me.messages.byId("m1");
    // @ts-expect-error -- not in v1.0: no accessor on the node
    void node.extendedProperty;
    // @ts-expect-error -- not in v1.0: no accessor on the node
    void node.extension;
    const property = v2.defineExtendedProperty({ type: "String", guid: GUID, name: "Referral" });
    // @ts-expect-error -- a v1.0 message carries no extended properties
    void v2.extendedProperty(node, property);
    // @ts-expect-error -- nor data extensions
    void v2.extension(node, v2.defineExtension(EXT_NAME));
  });

  it("has the two helpers in v2.0 and beta, not in v1.0", () => {
    expect(existsSync(join(GENERATED, "v2.0", "extensions.ts"))).toBe(true);
    expect(existsSync(join(GENERATED, "beta", "extensions.ts"))).toBe(true);
    expect(typeof v2.defineExtendedProperty).toBe("function");
    expect(typeof beta.defineExtension).toBe("function");
  });
});
