import { describe, expect, it } from "vitest";
import { createContext, ODataError, Path, type ClientOptions } from "../../templates/runtime/index.js";
import { SyncNotSupportedError, syncRound, type SyncChange } from "../../templates/runtime/sync.js";
import { fakeFetch, json } from "./fake-fetch.js";

const BASE = "https://outlook.office.com/api/v2.0";
const ctxOf = (o: ClientOptions) => createContext(o, { baseUrl: BASE, sendAnchorMailbox: true });
const inbox = Path.root().nav("Me").nav("MailFolders").key("Inbox", "Edm.String").nav("Messages");
const TRACKING = { "Preference-Applied": "odata.track-changes" };

interface Message {
  Id: string;
  Subject?: string;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("syncRound", () => {
  it("follows three pages to the delta link, with track-changes on every request", async () => {
    const f = fakeFetch(
      json(
        {
          value: [{ Id: "1", Subject: "a" }],
          "@odata.nextLink": `${BASE}/Me/MailFolders('Inbox')/Messages/?%24skiptoken=s1`,
        },
        200,
        TRACKING,
      ),
      json({ value: [{ Id: "2" }], "@odata.nextLink": "Messages?$skiptoken=s%2B2" }),
      json({
        value: [
          {
            "@odata.context": `${BASE}/$metadata#Me/MailFolders('Inbox')/Messages/$deletedEntity`,
            Id: "3",
            reason: "deleted",
          },
        ],
        "@odata.deltaLink": `${BASE}/Me/MailFolders('Inbox')/Messages/?%24deltatoken=tok%2Bx%3D%3D`,
      }),
    );
    const round = syncRound<Message>(ctxOf({ fetch: f.fetch, getAccessToken: () => "t" }), inbox, {
      maxPageSize: 2,
      query: { select: ["Subject"] },
    });
    expect(round.deltaToken).toBeUndefined();
    const changes = await collect(round);
    expect(changes).toEqual<SyncChange<Message>[]>([
      { kind: "upsert", item: { Id: "1", Subject: "a" } },
      { kind: "upsert", item: { Id: "2" } },
      {
        kind: "removed",
        id: "3",
        reason: "deleted",
        raw: {
          "@odata.context": `${BASE}/$metadata#Me/MailFolders('Inbox')/Messages/$deletedEntity`,
          Id: "3",
          reason: "deleted",
        },
      },
    ]);
    expect(round.deltaToken).toBe("tok+x==");
    expect(round.deltaLink).toBe(`${BASE}/Me/MailFolders('Inbox')/Messages/?%24deltatoken=tok%2Bx%3D%3D`);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/MailFolders('Inbox')/Messages?$select=Subject`,
      `${BASE}/Me/MailFolders('Inbox')/Messages/?%24skiptoken=s1`,
      `${BASE}/Me/MailFolders('Inbox')/Messages/Messages?$skiptoken=s%2B2`,
    ]);
    for (const c of f.calls) {
      expect(c.method).toBe("GET");
      expect(c.headers["prefer"]).toBe("odata.maxpagesize=2, odata.track-changes");
      expect(c.headers["authorization"]).toBe("Bearer t");
      expect(c.headers["x-anchormailbox"]).toBeUndefined();
    }
  });

  it("reads OData 4.01 @removed entries and 4.0 $deletedEntity entries", async () => {
    const f = fakeFetch(
      json(
        {
          value: [
            { "@removed": { reason: "changed" }, id: "a" },
            { "@odata.removed": { reason: "deleted" }, Id: "b" },
            { "@removed": {}, "@odata.id": "Messages('c')" },
            { "@odata.context": "#Messages/$deletedEntity", id: "Messages('d')" },
            { "@odata.context": "#Messages/$entity", Id: "e", reason: "not a removal" },
            { "@odata.context": "#Messages/$deletedLink", source: "x", relationship: "y", target: "z" },
          ],
          "@odata.deltaLink": "?$deltatoken=next",
        },
        200,
        { "Preference-Applied": "odata.maxpagesize=5, odata.track-changes" },
      ),
    );
    const changes = await collect(syncRound<Message>(ctxOf({ fetch: f.fetch }), inbox));
    expect(changes.map((c) => (c.kind === "removed" ? [c.kind, c.id, c.reason] : [c.kind, c.item.Id]))).toEqual([
      ["removed", "a", "changed"],
      ["removed", "b", "deleted"],
      ["removed", "Messages('c')", undefined],
      ["removed", "Messages('d')", undefined],
      ["upsert", "e"],
    ]);
    expect(changes[2]).not.toHaveProperty("reason");
  });

  it("resumes from a saved token, keeping the query and the caller's headers and preferences", async () => {
    const f = fakeFetch(json({ value: [], "@odata.deltaLink": "/x?a=1&$DeltaToken=t2#frag" }, 200, TRACKING));
    const controller = new AbortController();
    const round = syncRound<Message>(
      ctxOf({ fetch: f.fetch, anchorMailbox: "me@contoso.com" }),
      Path.root().nav("Me").nav("CalendarView"),
      {
        deltaToken: "t 1/+",
        query: { params: { startDateTime: "2024-01-01T00:00:00Z" } },
        headers: { "X-Extra": "1", prefer: 'outlook.timezone="UTC"' },
        prefer: ["odata.continue-on-error"],
        signal: controller.signal,
      },
    );
    expect(await collect(round)).toEqual([]);
    expect(round.deltaToken).toBe("t2");
    expect(f.calls).toEqual([
      {
        url: `${BASE}/Me/CalendarView?startDateTime=2024-01-01T00:00:00Z&$deltatoken=t%201/%2B`,
        method: "GET",
        headers: {
          accept: "application/json",
          "x-anchormailbox": "me@contoso.com",
          "x-extra": "1",
          prefer: 'odata.track-changes, odata.continue-on-error, outlook.timezone="UTC"',
        },
        body: undefined,
        signal: controller.signal,
      },
    ]);
  });

  it("a second iteration runs the round again from the starting token", async () => {
    const page = () => json({ value: [{ Id: "1" }], "@odata.deltaLink": "?$deltatoken=n" }, 200, TRACKING);
    const f = fakeFetch(page(), page());
    const round = syncRound<Message>(ctxOf({ fetch: f.fetch }), inbox, { deltaToken: "s" });
    expect(await collect(round)).toHaveLength(1);
    expect(await collect(round)).toHaveLength(1);
    expect(f.calls.map((c) => c.url)).toEqual([
      `${BASE}/Me/MailFolders('Inbox')/Messages?$deltatoken=s`,
      `${BASE}/Me/MailFolders('Inbox')/Messages?$deltatoken=s`,
    ]);
  });

  it("throws SyncNotSupportedError without Preference-Applied, before yielding anything", async () => {
    const f = fakeFetch(json({ value: [{ Id: "1" }], "@odata.deltaLink": "?$deltatoken=x" }));
    const seen: unknown[] = [];
    const run = async () => {
      for await (const c of syncRound<Message>(ctxOf({ fetch: f.fetch }), inbox)) seen.push(c);
    };
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncNotSupportedError);
    expect((err as SyncNotSupportedError).url).toBe(`${BASE}/Me/MailFolders('Inbox')/Messages`);
    expect((err as Error).message).toMatch(/Preference-Applied: odata.track-changes/);
    expect(seen).toEqual([]);
  });

  it("also for an unrelated Preference-Applied, and only the first response is checked", async () => {
    const f = fakeFetch(json({ value: [] }, 200, { "Preference-Applied": "odata.maxpagesize=2" }));
    const err = await collect(syncRound(ctxOf({ fetch: f.fetch }), inbox)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncNotSupportedError);
    expect((err as SyncNotSupportedError).preferenceApplied).toBe("odata.maxpagesize=2");

    const g = fakeFetch(
      json({ value: [], "@odata.nextLink": "?$skiptoken=2" }, 200, TRACKING),
      json({ value: [], "@odata.deltaLink": "?$deltatoken=3" }),
    );
    const round = syncRound(ctxOf({ fetch: g.fetch }), inbox);
    await collect(round);
    expect(round.deltaToken).toBe("3");
  });

  it("overrides a client-wide page size and checks the response that succeeded after a retry", async () => {
    const f = fakeFetch(
      json({ error: { code: "Busy", message: "later" } }, 503, { "Retry-After": "0" }),
      json({ value: [{ Id: "1" }], "@odata.deltaLink": "?$deltatoken=d" }, 200, TRACKING),
    );
    const ctx = ctxOf({
      fetch: f.fetch,
      prefer: { maxPageSize: 50, timeZone: "UTC" },
      retry: { sleep: async () => {} },
    });
    const round = syncRound<Message>(ctx, inbox, { maxPageSize: 5 });
    expect(await collect(round)).toHaveLength(1);
    expect(round.deltaToken).toBe("d");
    expect(f.calls.map((c) => c.headers["prefer"])).toEqual([
      'outlook.timezone="UTC", odata.maxpagesize=5, odata.track-changes',
      'outlook.timezone="UTC", odata.maxpagesize=5, odata.track-changes',
    ]);
  });

  it("lets service errors through as ODataError", async () => {
    const f = fakeFetch(json({ error: { code: "ErrorInvalidUrlQuery", message: "no" } }, 400));
    const err = await collect(syncRound(ctxOf({ fetch: f.fetch }), inbox)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ODataError);
    expect((err as ODataError).code).toBe("ErrorInvalidUrlQuery");
  });

  it("throws when the last page has no delta link", async () => {
    const f = fakeFetch(json({ value: [{ Id: "1" }] }, 200, TRACKING));
    const round = syncRound(ctxOf({ fetch: f.fetch }), inbox);
    await expect(collect(round)).rejects.toThrow(/without @odata.deltaLink/);
    expect(round.deltaToken).toBeUndefined();
  });

  it("rejects an invalid maxPageSize and stops on abort", async () => {
    expect(() => syncRound(ctxOf({}), inbox, { maxPageSize: 0 })).toThrow(TypeError);
    const controller = new AbortController();
    const f = fakeFetch(json({ value: [{ Id: "1" }], "@odata.nextLink": "?$skiptoken=2" }, 200, TRACKING));
    const seen: unknown[] = [];
    const run = async () => {
      for await (const c of syncRound(ctxOf({ fetch: f.fetch }), inbox, { signal: controller.signal })) {
        seen.push(c);
        controller.abort(new Error("stop"));
      }
    };
    await expect(run()).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
    expect(f.calls).toHaveLength(1);
  });
});
