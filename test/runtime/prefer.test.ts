import { describe, expect, it } from "vitest";
import {
  createContext,
  getEntity,
  listPages,
  Path,
  type ClientOptions,
  type RequestOptions,
} from "../../templates/runtime/index.js";
import { preferenceApplied } from "../../templates/runtime/http.js";
import type { PreferOptions } from "../../templates/runtime/types.js";
import { fakeFetch, json } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const me = Path.root().nav("Me");

/** The Prefer header sent for one GET (undefined if none). */
async function preferSent(request?: RequestOptions, client: Partial<ClientOptions> = {}): Promise<string | undefined> {
  const f = fakeFetch(json({}));
  await getEntity(
    createContext({ fetch: f.fetch, ...client }, { baseUrl: BASE, sendAnchorMailbox: false }),
    me,
    undefined,
    request,
  );
  expect(f.calls).toHaveLength(1);
  return f.calls[0]?.headers["prefer"];
}

describe("typed Prefer options", () => {
  it("maps each option to its preference", async () => {
    expect(await preferSent({ timeZone: "Pacific Standard Time" })).toBe('outlook.timezone="Pacific Standard Time"');
    expect(await preferSent({ bodyContentType: "text" })).toBe('outlook.body-content-type="text"');
    expect(await preferSent({ bodyContentType: "html" })).toBe('outlook.body-content-type="html"');
    expect(await preferSent({ allowUnsafeHtml: true })).toBe("outlook.allow-unsafe-html");
    expect(await preferSent({ allowUnsafeHtml: false })).toBeUndefined();
    expect(await preferSent({ maxPageSize: 50 })).toBe("odata.maxpagesize=50");
    expect(await preferSent({})).toBeUndefined();
    expect(await preferSent({ prefer: [] })).toBeUndefined();
  });

  it("sends typed preferences first, in a fixed order, then the raw ones", async () => {
    expect(
      await preferSent({
        prefer: ["odata.track-changes", "return=minimal"],
        maxPageSize: 10,
        allowUnsafeHtml: true,
        bodyContentType: "text",
        timeZone: "UTC",
      }),
    ).toBe(
      'outlook.timezone="UTC", outlook.body-content-type="text", outlook.allow-unsafe-html, odata.maxpagesize=10, odata.track-changes, return=minimal',
    );
  });

  it("takes client-wide defaults, each overridden by the request", async () => {
    const prefer: PreferOptions = {
      timeZone: "Pacific Standard Time",
      bodyContentType: "html",
      allowUnsafeHtml: true,
      maxPageSize: 25,
    };
    expect(await preferSent(undefined, { prefer })).toBe(
      'outlook.timezone="Pacific Standard Time", outlook.body-content-type="html", outlook.allow-unsafe-html, odata.maxpagesize=25',
    );
    expect(
      await preferSent({ timeZone: "UTC", allowUnsafeHtml: false, prefer: ["odata.track-changes"] }, { prefer }),
    ).toBe('outlook.timezone="UTC", outlook.body-content-type="html", odata.maxpagesize=25, odata.track-changes');
    // undefined in the request keeps the client value
    expect(await preferSent({ bodyContentType: undefined }, { prefer: { bodyContentType: "text" } })).toBe(
      'outlook.body-content-type="text"',
    );
  });

  it("sends the preferences on every page of a listing", async () => {
    const f = fakeFetch(json({ value: [], "@odata.nextLink": `${BASE}/Me/Messages?$skip=10` }), json({ value: [] }));
    const ctx = createContext(
      { fetch: f.fetch, prefer: { maxPageSize: 10 } },
      { baseUrl: BASE, sendAnchorMailbox: false },
    );
    for await (const _ of listPages(ctx, me.nav("Messages"), undefined, { timeZone: "UTC" })) void _;
    expect(f.calls.map((c) => c.headers["prefer"])).toEqual([
      'outlook.timezone="UTC", odata.maxpagesize=10',
      'outlook.timezone="UTC", odata.maxpagesize=10',
    ]);
  });

  it("rejects invalid values with a TypeError before sending", async () => {
    const invalid: PreferOptions[] = [
      { timeZone: 'Pacific" , odata.maxpagesize=1000' },
      { timeZone: "UTC\r\nX-Injected: 1" },
      { timeZone: "UTC\u0000" },
      { timeZone: "UTC\u007f" },
      { timeZone: "" },
      { maxPageSize: 0 },
      { maxPageSize: -5 },
      { maxPageSize: 2.5 },
      { maxPageSize: Number.NaN },
      { maxPageSize: Number.POSITIVE_INFINITY },
      { bodyContentType: "rtf" as "text" },
    ];
    for (const options of invalid) {
      for (const [request, client] of [
        [options, {}],
        [undefined, { prefer: options }],
      ] as const) {
        const f = fakeFetch(json({}));
        const ctx = createContext({ fetch: f.fetch, ...client }, { baseUrl: BASE, sendAnchorMailbox: false });
        await expect(getEntity(ctx, me, undefined, request)).rejects.toBeInstanceOf(TypeError);
        expect(f.calls).toHaveLength(0);
      }
    }
  });

  it("allows a request to replace an invalid client default", async () => {
    expect(await preferSent({ maxPageSize: 5 }, { prefer: { maxPageSize: 0 } })).toBe("odata.maxpagesize=5");
  });
});

describe("preferenceApplied", () => {
  const applied = (value?: string) =>
    preferenceApplied(new Response(null, { headers: value === undefined ? {} : { "Preference-Applied": value } }));

  it("is empty without the header", () => {
    expect(applied()).toEqual([]);
    expect(applied("")).toEqual([]);
    expect(applied(" , ")).toEqual([]);
  });

  it("splits the list and trims each preference", () => {
    expect(applied("odata.track-changes")).toEqual(["odata.track-changes"]);
    expect(applied('outlook.body-content-type="text" ,  odata.maxpagesize=10,odata.track-changes')).toEqual([
      'outlook.body-content-type="text"',
      "odata.maxpagesize=10",
      "odata.track-changes",
    ]);
  });

  it("keeps commas and escaped quotes inside quoted values", () => {
    expect(applied('outlook.timezone="Tokyo, Osaka", return=minimal')).toEqual([
      'outlook.timezone="Tokyo, Osaka"',
      "return=minimal",
    ]);
    expect(applied('x="a\\", b", y')).toEqual(['x="a\\", b"', "y"]);
  });

  it("reads every Preference-Applied header of a response", () => {
    const headers = new Headers();
    headers.append("Preference-Applied", "odata.track-changes");
    headers.append("Preference-Applied", 'outlook.body-content-type="html"');
    expect(preferenceApplied(new Response(null, { headers }))).toEqual([
      "odata.track-changes",
      'outlook.body-content-type="html"',
    ]);
  });
});
