// CRUD, streams, counts and per-request options of the generated v2.0 client, against a recording fetch.
import { describe, expect, it } from "vitest";
import { createClient } from "../../generated/v2.0/index.js";

const ROOT = "https://outlook.office.com/api/v2.0";

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

function recording(...responses: Response[]) {
  const seen: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    seen.push({ method: init?.method ?? "GET", url: String(input), headers, body: init?.body, signal: init?.signal ?? undefined });
    const r = responses.shift();
    if (!r) throw new Error(`unexpected ${String(input)}`);
    return r;
  }) as typeof globalThis.fetch;
  return { seen, client: createClient({ fetch, getAccessToken: () => "t" }) };
}

describe("v2.0 CRUD", () => {
  it("updates with PATCH and If-Match, and deletes", async () => {
    const { seen, client } = recording(new Response(null, { status: 204 }), new Response(null, { status: 204 }));
    const message = client.me.messages.byId("m1");
    expect(await message.update({ IsRead: true }, { ifMatch: 'W/"CQAAABYAAAB"' })).toBeUndefined();
    await message.delete();
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers["if-match"]])).toEqual([
      ["PATCH", `${ROOT}/Me/Messages('m1')`, '{"IsRead":true}', 'W/"CQAAABYAAAB"'],
      ["DELETE", `${ROOT}/Me/Messages('m1')`, undefined, undefined],
    ]);
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
  });

  it("creates a draft in a folder and returns the created entity", async () => {
    const { seen, client } = recording(new Response(JSON.stringify({ Id: "new", Subject: "Hi" }), { status: 201 }));
    const created = await client.me.mailFolders.byId("Drafts").messages.create({ Subject: "Hi" });
    expect(created.Id).toBe("new");
    expect(seen[0]).toMatchObject({ method: "POST", url: `${ROOT}/Me/MailFolders('Drafts')/Messages`, body: '{"Subject":"Hi"}' });
  });

  it("counts with /$count", async () => {
    const { seen, client } = recording(new Response("42", { status: 200, headers: { "Content-Type": "text/plain" } }));
    expect(await client.me.messages.count()).toBe(42);
    expect(seen[0]?.url).toBe(`${ROOT}/Me/Messages/$count`);
  });

  it("reads and writes the photo's media stream", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const { seen, client } = recording(new Response(bytes, { status: 200, headers: { "Content-Type": "image/jpeg" } }), new Response(null, { status: 200 }));
    const photo = await client.me.photo.getContent();
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(bytes);
    await client.users.byId("sadie@contoso.com").photo.setContent(bytes, "image/jpeg");
    expect(seen.map((s) => [s.method, s.url, s.headers["content-type"]])).toEqual([
      ["GET", `${ROOT}/Me/Photo/$value`, undefined],
      ["PUT", `${ROOT}/Users('sadie@contoso.com')/Photo/$value`, "image/jpeg"],
    ]);
    expect(seen[1]?.body).toBe(bytes);
  });

  it("passes per-request headers, Prefer and the AbortSignal", async () => {
    const { seen, client } = recording(new Response(JSON.stringify({ value: [] }), { status: 200 }));
    const controller = new AbortController();
    await client.me.calendarView.list(
      { params: { startDateTime: "2026-01-01T00:00:00Z", endDateTime: "2026-01-08T00:00:00Z" } },
      { headers: { "client-request-id": "abc" }, prefer: ['outlook.timezone="Pacific Standard Time"'], signal: controller.signal },
    );
    expect(seen[0]?.headers).toMatchObject({ "client-request-id": "abc", prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(seen[0]?.signal).toBe(controller.signal);
    expect(seen[0]?.url).toBe(`${ROOT}/Me/CalendarView?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-01-08T00:00:00Z`);
  });

  it("rejects before sending when the signal is already aborted", async () => {
    const fetch = ((_: RequestInfo | URL, init?: RequestInit) =>
      init?.signal?.aborted ? Promise.reject(init.signal.reason) : Promise.resolve(new Response("{}"))) as typeof globalThis.fetch;
    const client = createClient({ fetch });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(client.me.get(undefined, { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("offers no delete on a singleton", () => {
    const client = createClient({ fetch: (() => Promise.reject(new Error("no"))) as typeof globalThis.fetch });
    // @ts-expect-error Me is a singleton: it can be read and updated, never deleted.
    void client.me.delete;
    expect(typeof client.me.update).toBe("function");
  });
});
