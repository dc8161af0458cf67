/**
 * The Outlook REST simulator, driven with plain fetch over real HTTP: auth, addressing, CRUD,
 * query options, paging, actions, extended properties and extensions, photos, throttling, errors.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator, type SimulatorOptions } from "./server.js";
import type { Version } from "./model.js";

const ALICE = "alice@contoso.com";
const BOB = "bob@contoso.com";
const ALICE_ID = "9d1b2f5e-4c3a-4e0b-8f6d-1a2b3c4d5e6f@72f988bf-86f1-41af-91ab-2d7cd011db47";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
});

afterEach(async () => {
  await sim.stop();
});

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

interface CallOptions {
  readonly version?: Version;
  readonly body?: unknown;
  readonly raw?: Buffer;
  readonly headers?: Record<string, string>;
  readonly token?: string | null;
  readonly target?: Simulator;
}

/** One request; `path` is below the version root, or an absolute URL. */
async function call(method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const target = o.target ?? sim;
  const url = /^https?:/.test(path) ? path : `${target.baseUrl(o.version ?? "v2.0")}${path}`;
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token !== null) headers.Authorization = `Bearer ${o.token ?? "test-token"}`;
  let body: BodyInit | undefined;
  if (o.raw !== undefined) body = new Uint8Array(o.raw);
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const get = (path: string, o?: CallOptions): Promise<Reply> => call("GET", path, o);
const post = (path: string, body?: unknown, o?: CallOptions): Promise<Reply> =>
  call("POST", path, { ...o, body: body ?? {} });
const patch = (path: string, body: unknown, o?: CallOptions): Promise<Reply> => call("PATCH", path, { ...o, body });
const del = (path: string, o?: CallOptions): Promise<Reply> => call("DELETE", path, o);

/** `('key')` with quotes doubled and percent-encoded, as a client would send it. */
const k = (key: string): string => `('${encodeURIComponent(key.replace(/'/g, "''"))}')`;

const to = (address: string): unknown => [{ EmailAddress: { Address: address } }];

function expectError(r: Reply, status: number, code: string): void {
  expect(r.status, r.text).toBe(status);
  expect(r.json?.error?.code, r.text).toBe(code);
  expect(typeof r.json?.error?.message).toBe("string");
  expect(r.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
}

async function withSimulator(options: SimulatorOptions, body: (s: Simulator) => Promise<void>): Promise<void> {
  const s = await startSimulator(options);
  try {
    await body(s);
  } finally {
    await s.stop();
  }
}

describe("server", () => {
  it("listens on 127.0.0.1, serves the three versions, $metadata and the service document", async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.baseUrl("beta")).toBe(`${sim.url}/api/beta`);
    for (const v of ["v1.0", "v2.0", "beta"] as const) {
      const m = await get("/$metadata", { version: v });
      expect(m.status).toBe(200);
      expect(m.headers.get("content-type")).toContain("xml");
      expect(m.text).toContain("Microsoft.OutlookServices");
    }
    const doc = await get("");
    expect(doc.json.value.map((e: { name: string }) => e.name).sort()).toEqual(["Groups", "Me", "Users"]);
    expectError(await get(`${sim.url}/api/v3.0/Me`), 404, "ResourceNotFound");
  });

  it("closes idle keep-alive connections on stop", async () => {
    const s = await startSimulator();
    let elapsed = Number.NaN;
    try {
      expect((await get("/Me", { target: s })).status).toBe(200); // leaves an idle keep-alive socket
    } finally {
      const started = Date.now();
      await s.stop();
      await s.stop(); // idempotent
      elapsed = Date.now() - started;
    }
    expect(elapsed).toBeLessThan(1000);
  });
});

describe("auth and request log", () => {
  it("answers 401 InvalidAuthenticationToken without a valid bearer token", async () => {
    expectError(await get("/Me", { token: null }), 401, "InvalidAuthenticationToken");
    const wrong = await get("/Me", { token: "nope" });
    expectError(wrong, 401, "InvalidAuthenticationToken");
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    expect((await get("/Me")).status).toBe(200);
  });

  it("accepts the configured tokens and maps a token to its user", async () => {
    await withSimulator({ tokens: ["a", "b"], tokenUsers: { b: BOB } }, async (s) => {
      expect((await get("/Me", { target: s, token: "a" })).json.EmailAddress).toBe(ALICE);
      expect((await get("/Me", { target: s, token: "b" })).json.EmailAddress).toBe(BOB);
      expect((await get("/Me", { target: s })).status).toBe(401);
    });
  });

  it("records method, url, lower-case headers, body and x-AnchorMailbox", async () => {
    sim.clearRequests();
    await post(
      "/Me/Messages",
      { Subject: "log" },
      { headers: { "x-AnchorMailbox": ALICE, "client-request-id": "c-1" } },
    );
    const seen = sim.requests[0];
    expect(seen?.method).toBe("POST");
    expect(seen?.url).toBe("/api/v2.0/Me/Messages");
    expect(seen?.headers["x-anchormailbox"]).toBe(ALICE);
    expect(seen?.anchorMailbox).toBe(ALICE);
    expect(JSON.parse(seen?.body ?? "{}")).toEqual({ Subject: "log" });
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });
});

describe("addressing", () => {
  it("reaches a user as Me, Users('upn'), Users('id@tenant') and Users/upn; v2.0 names users by AAD id", async () => {
    const forms = [
      "/Me",
      `/Users${k(ALICE)}`,
      `/Users${k(ALICE_ID)}`,
      `/Users/${ALICE}`,
      `/users('${ALICE.toUpperCase()}')`,
    ];
    for (const f of forms) {
      const r = await get(f);
      expect(r.status, f).toBe(200);
      expect(r.json.Id).toBe(ALICE_ID);
      expect(r.json["@odata.id"]).toBe(`${sim.baseUrl("v2.0")}/Users('${ALICE_ID}')`);
    }
    const bob = await get(`/Users${k(BOB)}`);
    expect(bob.json.DisplayName).toBe("Bob Brown");
    const list = await get("/Users");
    expect(list.json.value).toHaveLength(2);
  });

  it("v1.0 addresses users by SMTP address only and answers in that form", async () => {
    const r = await get(`/Users${k(ALICE)}`, { version: "v1.0" });
    expect(r.json["@odata.id"]).toBe(`${sim.baseUrl("v1.0")}/Users('${ALICE}')`);
    expect(r.json.EmailAddress).toBeUndefined();
    expectError(await get(`/Users${k(ALICE_ID)}`, { version: "v1.0" }), 404, "ErrorNonExistentMailbox");
    expectError(await get(`/Users${k("nobody@contoso.com")}`), 404, "ErrorNonExistentMailbox");
  });

  it("takes keys as ('id') and /id, decoding doubled quotes and percent-escapes", async () => {
    const mb = sim.store.mailbox(ALICE);
    const odd = "AAMk'x/y(z)=+&-_";
    mb.addMessage("Inbox", { Id: odd, Subject: "odd" });
    expect((await get(`/Me/Messages${k(odd)}`)).json.Subject).toBe("odd");
    expect((await get(`/Me/Messages/${encodeURIComponent(odd)}`)).json.Subject).toBe("odd");
    expect((await get(`/Me/Messages(Id=${k(odd).slice(1, -1)})`)).json.Subject).toBe("odd");
    const generated = await post("/Me/Messages", { Subject: "gen" });
    const id: string = generated.json.Id;
    expect(id).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect((await get(`/Me/Messages/${encodeURIComponent(id)}`)).json.Subject).toBe("gen");
    // Values are case-sensitive.
    expectError(await get(`/Me/Messages${k(id.toLowerCase())}`), 404, "ErrorItemNotFound");
    expectError(await get(`/Me/Messages${k("it''s")}`), 404, "ErrorItemNotFound");
  });

  it("matches segment names case-insensitively and resolves well-known folder names", async () => {
    sim.store.mailbox(ALICE).addMessage("Inbox", { Subject: "hi" });
    for (const p of [
      "/Me/MailFolders('Inbox')/Messages",
      "/me/mailfolders('inbox')/messages",
      "/ME/MAILFOLDERS/INBOX/MESSAGES",
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expect(r.json.value.map((m: { Subject: string }) => m.Subject)).toEqual(["hi"]);
    }
    for (const wk of ["Inbox", "Drafts", "SentItems", "DeletedItems"]) {
      expect((await get(`/Me/MailFolders('${wk}')`)).status).toBe(200);
    }
    const v1 = await get("/Me/Folders('Inbox')", { version: "v1.0" });
    expect(v1.json.DisplayName).toBe("Inbox");
    expectError(await get("/Me/Folders"), 400, "RequestBroker--ParseUri");
    expect((await get("/Me/RootFolder/ChildFolders", { version: "v1.0" })).json.value).toHaveLength(4);
  });

  it("supports derived-type casts and the $count segment", async () => {
    const m = await post("/Me/Messages", {
      Subject: "with files",
      Attachments: [
        {
          "@odata.type": "#Microsoft.OutlookServices.FileAttachment",
          Name: "a.txt",
          ContentBytes: Buffer.from("hello").toString("base64"),
        },
        {
          "@odata.type": "#Microsoft.OutlookServices.ItemAttachment",
          Name: "inner",
          Item: { "@odata.type": "#Microsoft.OutlookServices.Message", Subject: "inner" },
        },
      ],
    });
    const base = `/Me/Messages${k(m.json.Id)}/Attachments`;
    const all = await get(base);
    expect(all.json.value.map((a: Record<string, string>) => a["@odata.type"]).sort()).toEqual([
      "#Microsoft.OutlookServices.FileAttachment",
      "#Microsoft.OutlookServices.ItemAttachment",
    ]);
    const files = await get(`${base}/Microsoft.OutlookServices.FileAttachment`);
    expect(files.json.value).toHaveLength(1);
    expect(files.json.value[0].Size).toBeGreaterThan(0);
    const fileId: string = files.json.value[0].Id;
    const cast = await get(`${base}${k(fileId)}/microsoft.outlookservices.fileattachment`);
    expect(cast.json.Name).toBe("a.txt");
    expectError(await get(`${base}${k(fileId)}/Microsoft.OutlookServices.ItemAttachment`), 404, "ErrorItemNotFound");
    const count = await get(`${base}/$count`);
    expect(count.headers.get("content-type")).toContain("text/plain");
    expect(count.text).toBe("2");
    expect((await get("/Me/Messages/$count?$filter=Subject eq 'with files'")).text).toBe("1");
  });
});

describe("errors", () => {
  it("answers with the documented envelope and a request-id", async () => {
    expectError(await get(`/Me/Messages${k("missing")}`), 404, "ErrorItemNotFound");
    expectError(await get("/Me/Nonsense"), 400, "RequestBroker--ParseUri");
    expectError(await post("/Me/Messages", { Subject: "x", NoSuchProperty: 1 }), 400, "RequestBodyRead");
    expectError(await post("/Me/Messages", { Subject: 42 }), 400, "RequestBodyRead");
    expectError(
      await call("POST", "/Me/Messages", {
        raw: Buffer.from("{oops"),
        headers: { "Content-Type": "application/json" },
      }),
      400,
      "RequestBodyRead",
    );
    expectError(await call("PUT", "/Me/Messages('x')"), 404, "ErrorItemNotFound");
    const ok = await get("/Me");
    expect(ok.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get("odata-version")).toBe("4.0");
  });

  it("answers 404 MailboxNotEnabledForRESTAPI for a mailbox not enabled for REST", async () => {
    await withSimulator(
      {
        users: [
          { upn: "carol@contoso.com", id: "c@t", displayName: "Carol" },
          { upn: "dave@outlook.com", id: "d@t", displayName: "Dave", restEnabled: false },
        ],
      },
      async (s) => {
        expect((await get("/Me", { target: s })).json.DisplayName).toBe("Carol");
        expectError(
          await get("/Users('dave@outlook.com')/Messages", { target: s }),
          404,
          "MailboxNotEnabledForRESTAPI",
        );
        s.store.setRestEnabled("carol@contoso.com", false);
        expectError(await get("/Me/Messages", { target: s }), 404, "MailboxNotEnabledForRESTAPI");
      },
    );
  });
});

describe("CRUD", () => {
  it("creates, reads, updates and deletes a message", async () => {
    const created = await post("/Me/Messages", {
      Subject: "Draft",
      Body: { ContentType: "HTML", Content: "<p>Hello <b>there</b></p>" },
    });
    expect(created.status).toBe(201);
    const m = created.json;
    expect(m["@odata.context"]).toBe(`${sim.baseUrl("v2.0")}/$metadata#Me/Messages/$entity`);
    expect(m["@odata.id"]).toBe(`${sim.baseUrl("v2.0")}/Users('${ALICE_ID}')/Messages${k(m.Id)}`);
    expect(m["@odata.etag"]).toBe(`W/"${m.ChangeKey}"`);
    expect(created.headers.get("location")).toBe(m["@odata.id"]);
    expect(m.CreatedDateTime).toMatch(/Z$/);
    expect(m.LastModifiedDateTime).toBe(m.CreatedDateTime);
    expect(m.IsDraft).toBe(true);
    expect(m.BodyPreview).toBe("Hello there");
    const drafts = sim.store.mailbox(ALICE).wellKnown.get("drafts");
    expect(m.ParentFolderId).toBe(drafts?.id);

    const updated = await patch(`/Me/Messages${k(m.Id)}`, { subject: "Renamed", Importance: "High" });
    expect(updated.status).toBe(200);
    expect(updated.json.Subject).toBe("Renamed");
    expect(updated.json.Importance).toBe("High");
    expect(updated.json.ChangeKey).not.toBe(m.ChangeKey);
    expect((await get(`/Me/Messages${k(m.Id)}`)).json.Subject).toBe("Renamed");

    expect((await del(`/Me/Messages${k(m.Id)}`)).status).toBe(204);
    expectError(await get(`/Me/Messages${k(m.Id)}`), 404, "ErrorItemNotFound");
    // Deleted messages go to Deleted Items, which /Me/Messages leaves out.
    const deleted = await get("/Me/MailFolders('DeletedItems')/Messages");
    expect(deleted.json.value.map((x: { Subject: string }) => x.Subject)).toEqual(["Renamed"]);
    expect((await get("/Me/Messages")).json.value).toHaveLength(0);
    expect((await del(`/Me/MailFolders('DeletedItems')/Messages${k(deleted.json.value[0].Id)}`)).status).toBe(204);
    expect((await get("/Me/MailFolders('DeletedItems')/Messages")).json.value).toHaveLength(0);
  });

  it("uses the v1.0 property names in v1.0", async () => {
    const m = await post("/Me/Folders('Inbox')/Messages", { Subject: "v1" }, { version: "v1.0" });
    expect(m.status).toBe(201);
    expect(m.json.DateTimeCreated).toBeDefined();
    expect(m.json.DateTimeLastModified).toBeDefined();
    expect(m.json.CreatedDateTime).toBeUndefined();
    expect(m.json.DateTimeReceived).toBeDefined();
    expect(m.json["@odata.id"]).toContain(`Users('${ALICE}')`);
    // v1.0 and v2.0 keep separate mailboxes.
    expect((await get("/Me/Messages")).json.value).toHaveLength(0);
  });

  it("manages folders, counts and the other mailbox collections", async () => {
    const mb = sim.store.mailbox(ALICE);
    mb.addMessage("Inbox", { Subject: "unread" });
    mb.addMessage("Inbox", { Subject: "read", IsRead: true });
    const inbox = await get("/Me/MailFolders('Inbox')");
    expect(inbox.json).toMatchObject({
      DisplayName: "Inbox",
      TotalItemCount: 2,
      UnreadItemCount: 1,
      ChildFolderCount: 0,
    });
    const child = await post("/Me/MailFolders('Inbox')/ChildFolders", { DisplayName: "Projects" });
    expect(child.status).toBe(201);
    expect(child.json.ParentFolderId).toBe(inbox.json.Id);
    expect((await get("/Me/MailFolders('Inbox')")).json.ChildFolderCount).toBe(1);
    // A nested folder is reachable from /Me/MailFolders by id.
    expect((await get(`/Me/MailFolders${k(child.json.Id)}`)).json.DisplayName).toBe("Projects");
    expectError(
      await post("/Me/MailFolders('Inbox')/ChildFolders", { DisplayName: "projects" }),
      409,
      "ErrorFolderExists",
    );
    expectError(await del("/Me/MailFolders('Inbox')"), 400, "ErrorDeleteDistinguishedFolder");
    expect((await del(`/Me/MailFolders${k(child.json.Id)}`)).status).toBe(204);

    const cal = await get("/Me/Calendar");
    expect(cal.json.Name).toBe("Calendar");
    expect((await get("/Me/Calendars")).json.value).toHaveLength(1);
    const group = (await get("/Me/CalendarGroups")).json.value[0];
    const newCal = await post(`/Me/CalendarGroups${k(group.Id)}/Calendars`, { Name: "Team" });
    expect(newCal.status).toBe(201);
    expect((await get(`/Me/CalendarGroups${k(group.Id)}/Calendars`)).json.value).toHaveLength(2);

    const contact = await post("/Me/Contacts", {
      GivenName: "Pavel",
      Surname: "Bansky",
      EmailAddresses: [{ Address: "pavel@contoso.com" }],
    });
    expect(contact.json.DisplayName).toBe("Pavel Bansky");
    const folder = await post("/Me/ContactFolders", { DisplayName: "Friends" });
    await post(`/Me/ContactFolders${k(folder.json.Id)}/Contacts`, { GivenName: "Ann" });
    expect((await get("/Me/Contacts")).json.value).toHaveLength(1);
    expect((await get(`/Me/ContactFolders${k(folder.json.Id)}/Contacts`)).json.value[0].GivenName).toBe("Ann");

    const overrides = await post("/Me/InferenceClassification/Overrides", {
      ClassifyAs: "Focused",
      SenderEmailAddress: { Name: "Boss", Address: "boss@contoso.com" },
    });
    expect(overrides.status).toBe(201);
  });

  it("honours the Capabilities annotations with 405", async () => {
    const m = await post("/Me/Messages", {
      Attachments: [{ "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "f", ContentBytes: "AA==" }],
    });
    const att = (await get(`/Me/Messages${k(m.json.Id)}/Attachments`)).json.value[0];
    expectError(
      await patch(`/Me/Messages${k(m.json.Id)}/Attachments${k(att.Id)}`, { Name: "g" }),
      405,
      "ErrorInvalidRequest",
    );
    expect((await del(`/Me/Messages${k(m.json.Id)}/Attachments${k(att.Id)}`)).status).toBe(204);
    expectError(await patch("/Me/Calendar", { Name: "x" }), 405, "ErrorInvalidRequest");
    expectError(
      await post("/Me/CalendarView?startDateTime=2016-01-01T00:00:00Z&endDateTime=2016-02-01T00:00:00Z", {}),
      405,
      "ErrorInvalidRequest",
    );
    expectError(await del("/Me/Photo"), 405, "ErrorInvalidRequest");
    expectError(await post("/Users", { DisplayName: "x" }), 405, "ErrorInvalidRequest");
    expectError(await del("/Me"), 405, "ErrorInvalidRequest");
  });

  it("checks If-Match against the etag", async () => {
    const m = (await post("/Me/Messages", { Subject: "a" })).json;
    expectError(
      await patch(`/Me/Messages${k(m.Id)}`, { Subject: "b" }, { headers: { "If-Match": 'W/"stale"' } }),
      412,
      "ErrorIrresolvableConflict",
    );
    expect(
      (await patch(`/Me/Messages${k(m.Id)}`, { Subject: "b" }, { headers: { "If-Match": m["@odata.etag"] } })).status,
    ).toBe(200);
  });

  it("creates events and keeps task dates consistent (beta)", async () => {
    const e = await post("/Me/Events", {
      Subject: "Review",
      Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "Pacific Standard Time" },
      End: { DateTime: "2016-07-01T10:00:00", TimeZone: "Pacific Standard Time" },
    });
    expect(e.status).toBe(201);
    expect(e.json).toMatchObject({
      Type: "SingleInstance",
      IsOrganizer: true,
      OriginalStartTimeZone: "Pacific Standard Time",
    });
    expect((await get("/Me/Calendar/Events")).json.value[0].Id).toBe(e.json.Id);
    expect((await get(`/Me/Events${k(e.json.Id)}/Calendar`)).json.Name).toBe("Calendar");
    expectError(
      await post("/Me/Events", {
        Subject: "bad",
        Start: { DateTime: "2016-07-01T10:00:00", TimeZone: "UTC" },
        End: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
      }),
      400,
      "ErrorInvalidRequest",
    );

    const t = await post(
      "/Me/Tasks",
      { Subject: "File report", StartDateTime: { DateTime: "2016-07-05T15:30:00", TimeZone: "UTC" } },
      { version: "beta" },
    );
    expect(t.status).toBe(201);
    expect(t.json.StartDateTime).toEqual({ DateTime: "2016-07-05T00:00:00.0000000", TimeZone: "UTC" });
    expect(t.json.DueDateTime).toEqual(t.json.StartDateTime);
    const cleared = await patch(`/Me/Tasks${k(t.json.Id)}`, { DueDateTime: null }, { version: "beta" });
    expect(cleared.json.StartDateTime).toBeNull();
    expect((await get("/Me/TaskFolders", { version: "beta" })).json.value[0].Name).toBe("Tasks");
  });
});

describe("query options", () => {
  beforeEach(() => {
    const mb = sim.store.mailbox(ALICE);
    const from = (name: string, address: string): unknown => ({ EmailAddress: { Name: name, Address: address } });
    mb.addMessage("Inbox", {
      Subject: "Lunch plans",
      Importance: "High",
      ReceivedDateTime: "2016-07-01T10:00:00Z",
      SentDateTime: "2016-07-01T10:00:00Z",
      From: from("Bob", BOB),
      Categories: ["Red"],
      Body: { ContentType: "Text", Content: "pizza at noon" },
    });
    mb.addMessage("Inbox", {
      Subject: "Budget review",
      Importance: "Normal",
      ReceivedDateTime: "2016-07-02T10:00:00Z",
      SentDateTime: "2016-07-02T10:00:00Z",
      From: from("Carol", "carol@fabrikam.com"),
      IsRead: true,
    });
    mb.addMessage("Inbox", {
      Subject: "Re: Lunch plans",
      Importance: "Low",
      ReceivedDateTime: "2016-07-03T10:00:00Z",
      SentDateTime: "2016-07-03T10:00:00Z",
      From: from("Bob", BOB),
      Categories: ["Blue", "Red"],
    });
    mb.addMessage("SentItems", {
      Subject: "Team offsite",
      Importance: "Normal",
      ReceivedDateTime: "2016-07-04T10:00:00Z",
      SentDateTime: "2016-07-04T10:00:00Z",
      From: from("Alice", ALICE),
      ToRecipients: to(BOB),
    });
  });

  const subjects = (r: Reply): string[] => r.json.value.map((m: { Subject: string }) => m.Subject);

  it("$select returns the chosen properties plus Id and @odata.etag", async () => {
    const r = await get("/Me/Messages?$select=subject,From");
    expect(r.json["@odata.context"]).toBe(`${sim.baseUrl("v2.0")}/$metadata#Me/Messages(Subject,From)`);
    for (const m of r.json.value) {
      expect(Object.keys(m).sort()).toEqual(["@odata.etag", "@odata.id", "From", "Id", "Subject"]);
    }
    expectError(await get("/Me/Messages?$select=Nope"), 400, "ErrorInvalidProperty");
  });

  it("$filter: comparisons, logic, literals, paths, functions and lambdas", async () => {
    const f = async (filter: string): Promise<string[]> => {
      const r = await get(`/Me/Messages?$filter=${encodeURIComponent(filter)}`);
      expect(r.status, `${filter}: ${r.text}`).toBe(200);
      return subjects(r).sort();
    };
    expect(await f("Subject eq 'Lunch plans'")).toEqual(["Lunch plans"]);
    expect(await f("Subject ne 'Lunch plans'")).toHaveLength(3);
    expect(await f("ReceivedDateTime gt 2016-07-02T10:00:00Z")).toEqual(["Re: Lunch plans", "Team offsite"]);
    expect(await f("ReceivedDateTime ge 2016-07-02T10:00:00Z and ReceivedDateTime lt 2016-07-04T00:00:00Z")).toEqual([
      "Budget review",
      "Re: Lunch plans",
    ]);
    expect(await f("ReceivedDateTime le 2016-07-01T10:00:00Z")).toEqual(["Lunch plans"]);
    expect(await f("IsRead eq true")).toEqual(["Budget review"]);
    expect(await f("not (IsRead eq true) and Importance eq 'High'")).toEqual(["Lunch plans"]);
    expect(await f("Importance eq Microsoft.OutlookServices.Importance'Low' or Subject eq 'Team offsite'")).toEqual([
      "Re: Lunch plans",
      "Team offsite",
    ]);
    expect(await f("From/EmailAddress/Address eq 'bob@contoso.com'")).toEqual(["Lunch plans", "Re: Lunch plans"]);
    expect(await f("InternetMessageId ne null")).toHaveLength(4);
    expect(await f("SentDateTime eq null")).toEqual([]);
    expect(await f("contains(Subject,'Lunch') and not startswith(Subject,'Re:')")).toEqual(["Lunch plans"]);
    expect(await f("endswith(Subject, 'review')")).toEqual(["Budget review"]);
    expect(await f("Categories/any(c: c eq 'Red')")).toEqual(["Lunch plans", "Re: Lunch plans"]);
    expect(await f("Categories/all(c: c eq 'Red') and Categories/any()")).toEqual(["Lunch plans"]);
    expect(await f("ToRecipients/Any(r: r/EmailAddress/Address eq 'alice@contoso.com')")).toHaveLength(3);
    expectError(
      await get(`/Me/Messages?$filter=${encodeURIComponent("tolower(Subject) eq 'x'")}`),
      400,
      "ErrorInvalidUrlQueryFilter",
    );
    expectError(
      await get(`/Me/Messages?$filter=${encodeURIComponent("Importance add 1 eq 2")}`),
      400,
      "ErrorInvalidUrlQueryFilter",
    );
    expectError(
      await get(`/Me/Messages?$filter=${encodeURIComponent("Subject eq 'x")}`),
      400,
      "ErrorInvalidUrlQueryFilter",
    );
    expectError(await get(`/Me/Messages?$filter=${encodeURIComponent("Nope eq 1")}`), 400, "ErrorInvalidProperty");
    expectError(
      await get(`/Me/Messages?$filter=${encodeURIComponent("ChangeKey eq 'x'")}`),
      400,
      "ErrorInvalidProperty",
    );
  });

  it("$orderby (several keys, asc and desc), $top, $skip and $count", async () => {
    expect(subjects(await get("/Me/Messages?$orderby=ReceivedDateTime desc"))).toEqual([
      "Team offsite",
      "Re: Lunch plans",
      "Budget review",
      "Lunch plans",
    ]);
    expect(subjects(await get("/Me/Messages?$orderby=From/EmailAddress/Name asc,ReceivedDateTime desc"))).toEqual([
      "Team offsite",
      "Re: Lunch plans",
      "Lunch plans",
      "Budget review",
    ]);
    const page = await get("/Me/Messages?$orderby=ReceivedDateTime&$top=2&$skip=1&$count=true");
    expect(subjects(page)).toEqual(["Budget review", "Re: Lunch plans"]);
    expect(page.json["@odata.count"]).toBe(4);
    expect(page.json["@odata.nextLink"]).toBeUndefined();
    expect((await get("/Me/MailFolders('Inbox')/Messages?$COUNT=true&$top=0")).json["@odata.count"]).toBe(3);
    expectError(await get("/Me/Messages?$top=-1"), 400, "ErrorInvalidUrlQuery");
    expectError(await get("/Me/Messages?$top=1&$TOP=2"), 400, "ErrorInvalidUrlQuery");
    expectError(await get("/Me/Messages?$apply=x"), 400, "ErrorInvalidUrlQuery");
  });

  it("$expand with nested $select, $filter and $top; Expandable=false refused", async () => {
    const m = await post("/Me/Messages", {
      Subject: "files",
      Attachments: [
        { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "a.txt", ContentBytes: "AAEC" },
        { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "b.txt", ContentBytes: "AAEC" },
      ],
    });
    const r = await get(`/Me/Messages${k(m.json.Id)}?$expand=attachments($select=Name;$top=1)`);
    expect(r.json.HasAttachments).toBe(true);
    expect(r.json.Attachments).toHaveLength(1);
    expect(Object.keys(r.json.Attachments[0]).sort()).toEqual([
      "@odata.etag",
      "@odata.id",
      "@odata.type",
      "Id",
      "Name",
    ]);
    const filtered = await get(
      `/Me/Messages?$filter=HasAttachments eq true&$expand=Attachments($filter=Name eq 'b.txt')`,
    );
    expect(filtered.json.value).toHaveLength(1);
    expect(filtered.json.value[0].Attachments.map((a: { Name: string }) => a.Name)).toEqual(["b.txt"]);
    const item = await get(
      `/Me/Messages${k(m.json.Id)}/Attachments?$expand=Microsoft.OutlookServices.ItemAttachment/Item`,
    );
    expect(item.status, item.text).toBe(200);
    expect((await get("/Me/Messages")).json.value[0].Attachments).toBeUndefined();
    expectError(await get("/Me?$expand=Messages"), 400, "ErrorInvalidUrlQuery");
    expectError(await get("/Me/Messages?$expand=Nope"), 400, "ErrorInvalidProperty");
  });

  it("$search over subject, body and sender; not with $filter or $orderby", async () => {
    const s = async (q: string): Promise<string[]> =>
      subjects(await get(`/Me/Messages?$search=${encodeURIComponent(q)}`));
    expect(await s('"subject:budget"')).toEqual(["Budget review"]);
    expect(await s('"pizza"')).toEqual(["Lunch plans"]);
    expect(await s("lunch")).toEqual(["Re: Lunch plans", "Lunch plans"]); // newest sent first
    expect(await s('"from:carol"')).toEqual(["Budget review"]);
    expect(await s('"lunch OR offsite"')).toEqual(["Team offsite", "Re: Lunch plans", "Lunch plans"]);
    expect(
      subjects(await get(`/Me/MailFolders('Inbox')/Messages?$search=${encodeURIComponent('"plans"')}`)),
    ).toHaveLength(2);
    expect((await get(`/Me/Messages/$count?$search=lunch`)).text).toBe("2");
    expectError(await get("/Me/Messages?$search=lunch&$filter=IsRead eq true"), 400, "ErrorInvalidUrlQuery");
    expectError(await get("/Me/Messages?$search=lunch&$orderby=Subject"), 400, "ErrorInvalidUrlQuery");
    expectError(await get("/Me/MailFolders?$search=inbox"), 400, "ErrorInvalidUrlQuery");
  });
});

describe("paging", () => {
  beforeEach(() => {
    const mb = sim.store.mailbox(ALICE);
    for (let i = 1; i <= 25; i++) mb.addMessage("Inbox", { Subject: `m${String(i).padStart(2, "0")}` });
  });

  async function follow(
    first: string,
    o?: CallOptions,
  ): Promise<{ pages: number[]; subjects: string[]; links: string[] }> {
    const pages: number[] = [];
    const all: string[] = [];
    const links: string[] = [];
    let url: string | undefined = `${sim.baseUrl("v2.0")}${first}`;
    while (url) {
      const r = await get(url, o);
      expect(r.status, r.text).toBe(200);
      pages.push(r.json.value.length);
      all.push(...r.json.value.map((m: { Subject: string }) => m.Subject));
      url = r.json["@odata.nextLink"];
      if (url) links.push(url);
    }
    return { pages, subjects: all, links };
  }

  it("pages 10 at a time with absolute next links carrying $skip", async () => {
    const r = await follow("/Me/MailFolders('Inbox')/Messages?$select=Subject");
    expect(r.pages).toEqual([10, 10, 5]);
    expect(r.subjects).toEqual(Array.from({ length: 25 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`));
    expect(r.links[0]).toBe(`${sim.baseUrl("v2.0")}/Me/MailFolders('Inbox')/Messages?$select=Subject&$skip=10`);
  });

  it("honours Prefer: odata.maxpagesize, $top (up to 50 a page) and the pageSize option", async () => {
    const pref = await get("/Me/Messages", { headers: { Prefer: "odata.maxpagesize=8" } });
    expect(pref.json.value).toHaveLength(8);
    expect(pref.headers.get("preference-applied")).toBe("odata.maxpagesize=8");
    expect((await follow("/Me/Messages", { headers: { Prefer: "odata.maxpagesize=8" } })).pages).toEqual([8, 8, 8, 1]);
    expect((await follow("/Me/Messages?$top=20")).pages).toEqual([20]);
    expect(
      (await follow("/Me/Messages?$top=12&$skip=5", { headers: { Prefer: "odata.maxpagesize=5" } })).pages,
    ).toEqual([5, 5, 2]);
    const mb = sim.store.mailbox(ALICE);
    for (let i = 0; i < 40; i++) mb.addMessage("Inbox", { Subject: `x${i}` });
    expect((await follow("/Me/Messages?$top=60")).pages).toEqual([50, 10]);
    await withSimulator({ pageSize: 7 }, async (s) => {
      for (let i = 0; i < 15; i++) s.store.mailbox(ALICE).addMessage("Inbox", {});
      const first = await get(`${s.baseUrl("v2.0")}/Me/Messages`, { target: s });
      expect(first.json.value).toHaveLength(7);
      expect(first.json["@odata.nextLink"]).toContain("$skip=7");
    });
  });
});

describe("actions", () => {
  it("SendMail saves to Sent Items and delivers to simulated recipients", async () => {
    const r = await post("/Me/SendMail", {
      Message: {
        Subject: "Hi Bob",
        Body: { ContentType: "Text", Content: "See attached" },
        ToRecipients: to(BOB),
        Attachments: [
          { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "n.txt", ContentBytes: "AAEC" },
        ],
      },
    });
    expect(r.status).toBe(202);
    expect(r.text).toBe("");
    const sent = await get("/Me/MailFolders('SentItems')/Messages?$expand=Attachments");
    expect(sent.json.value).toHaveLength(1);
    expect(sent.json.value[0]).toMatchObject({ Subject: "Hi Bob", IsDraft: false, HasAttachments: true });
    expect(sent.json.value[0].From.EmailAddress.Address).toBe(ALICE);
    const bob = await get(`/Users${k(BOB)}/MailFolders('Inbox')/Messages`);
    expect(bob.json.value[0]).toMatchObject({ Subject: "Hi Bob", IsRead: false });

    expect(
      (
        await post("/Me/microsoft.outlookservices.sendmail", {
          Message: { Subject: "unsaved", ToRecipients: to("x@example.com") },
          SaveToSentItems: false,
        })
      ).status,
    ).toBe(202);
    expect((await get("/Me/MailFolders('SentItems')/Messages")).json.value).toHaveLength(1);
    expectError(await post("/Me/SendMail", { Message: { Subject: "nobody" } }), 400, "ErrorInvalidRecipients");
    expectError(await post("/Me/SendMail", {}), 400, "ErrorInvalidParameter");
    expectError(
      await post("/Me/SendMail", { Message: { Subject: "x", ToRecipients: to(BOB) }, Bogus: 1 }),
      400,
      "RequestBodyRead",
    );
    expectError(await get("/Me/SendMail"), 405, "ErrorInvalidRequest");
  });

  it("Send moves a draft to Sent Items", async () => {
    const d = await post("/Me/Messages", { Subject: "draft", ToRecipients: to(BOB) });
    expect((await post(`/Me/Messages${k(d.json.Id)}/Send`)).status).toBe(202);
    expect((await get("/Me/MailFolders('Drafts')/Messages")).json.value).toHaveLength(0);
    const sent = (await get("/Me/MailFolders('SentItems')/Messages")).json.value;
    expect(sent.map((m: { Subject: string }) => m.Subject)).toEqual(["draft"]);
    expect(sent[0].IsDraft).toBe(false);
    expect((await get(`/Users${k(BOB)}/Messages`)).json.value).toHaveLength(1);
    expectError(await post(`/Me/Messages${k(sent[0].Id)}/Send`), 400, "ErrorInvalidOperation");
  });

  it("Reply, ReplyAll and Forward send; CreateReply, CreateReplyAll and CreateForward make drafts", async () => {
    const original = sim.store.mailbox(ALICE).addMessage("Inbox", {
      Subject: "Plans",
      From: { EmailAddress: { Name: "Bob", Address: BOB } },
      ToRecipients: [{ EmailAddress: { Address: ALICE } }, { EmailAddress: { Address: "carol@fabrikam.com" } }],
      CcRecipients: [{ EmailAddress: { Address: "dan@fabrikam.com" } }],
    });
    const id = k(original.id);
    expect((await post(`/Me/Messages${id}/Reply`, { Comment: "Sounds good" })).status).toBe(202);
    expect((await post(`/Me/Messages${id}/Microsoft.OutlookServices.ReplyAll`, { Comment: "All" })).status).toBe(202);
    expect((await post(`/Me/Messages${id}/forward`, { Comment: "FYI", ToRecipients: to(BOB) })).status).toBe(202);
    expectError(await post(`/Me/Messages${id}/Forward`, { Comment: "nobody" }), 400, "ErrorInvalidRecipients");
    const sent = (await get("/Me/MailFolders('SentItems')/Messages")).json.value;
    expect(sent.map((m: { Subject: string }) => m.Subject)).toEqual(["RE: Plans", "RE: Plans", "FW: Plans"]);
    expect(sent[0].ToRecipients.map((r: { EmailAddress: { Address: string } }) => r.EmailAddress.Address)).toEqual([
      BOB,
    ]);
    expect(sent[1].ToRecipients.map((r: { EmailAddress: { Address: string } }) => r.EmailAddress.Address)).toEqual([
      BOB,
      "carol@fabrikam.com",
    ]);
    expect(sent[1].CcRecipients.map((r: { EmailAddress: { Address: string } }) => r.EmailAddress.Address)).toEqual([
      "dan@fabrikam.com",
    ]);
    expect(sent[0].Body.Content).toContain("Sounds good");
    expect((await get(`/Users${k(BOB)}/MailFolders('Inbox')/Messages`)).json.value).toHaveLength(3);

    const reply = await post(`/Me/Messages${id}/CreateReply`);
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ Subject: "RE: Plans", IsDraft: true });
    expect((await post(`/Me/Messages${id}/CreateReplyAll`)).json.ToRecipients).toHaveLength(2);
    const fwd = await post(`/Me/Messages${id}/CreateForward`);
    expect(fwd.json.Subject).toBe("FW: Plans");
    expect((await get("/Me/MailFolders('Drafts')/Messages")).json.value).toHaveLength(3);
    // v2.0 CreateReply takes no parameters; beta takes Comment and Message.
    expectError(await post(`/Me/Messages${id}/CreateReply`, { Comment: "x" }), 400, "RequestBodyRead");
    const betaOriginal = sim.store.mailbox(ALICE, "beta").addMessage("Inbox", { Subject: "Beta" });
    const betaReply = await post(
      `/Me/Messages${k(betaOriginal.id)}/CreateReply`,
      { Comment: "c", Message: { Subject: "Custom" } },
      { version: "beta" },
    );
    expect(betaReply.json.Subject).toBe("Custom");
  });

  it("Move and Copy messages and folders by id or well-known name", async () => {
    const m = sim.store.mailbox(ALICE).addMessage("Inbox", { Subject: "move me" });
    const archive = await post("/Me/MailFolders", { DisplayName: "Archive" });
    const moved = await post(`/Me/Messages${k(m.id)}/Move`, { DestinationId: archive.json.Id });
    expect(moved.status).toBe(201);
    expect(moved.json.ParentFolderId).toBe(archive.json.Id);
    expect(moved.json.Id).not.toBe(m.id);
    expectError(await get(`/Me/Messages${k(m.id)}`), 404, "ErrorItemNotFound");
    const copied = await post(`/Me/Messages${k(moved.json.Id)}/Copy`, { DestinationId: "inbox" });
    expect(copied.status).toBe(201);
    expect((await get("/Me/MailFolders('Inbox')/Messages")).json.value[0].Id).toBe(copied.json.Id);
    expectError(
      await post(`/Me/Messages${k(moved.json.Id)}/Move`, { DestinationId: "nowhere" }),
      404,
      "ErrorItemNotFound",
    );

    const folderMove = await post(`/Me/MailFolders${k(archive.json.Id)}/Move`, { DestinationId: "Inbox" });
    expect(folderMove.status).toBe(201);
    expect(folderMove.json.Id).toBe(archive.json.Id);
    expect((await get("/Me/MailFolders('Inbox')/ChildFolders")).json.value[0].DisplayName).toBe("Archive");
    const folderCopy = await post(`/Me/MailFolders${k(archive.json.Id)}/Copy`, { DestinationId: "DeletedItems" });
    expect(folderCopy.json.TotalItemCount).toBe(1);
    expectError(
      await post("/Me/MailFolders('Inbox')/Move", { DestinationId: "Drafts" }),
      400,
      "ErrorMoveDistinguishedFolder",
    );
    const v1 = await post("/Me/Folders", { DisplayName: "Old" }, { version: "v1.0" });
    expect(
      (await post(`/Me/Folders${k(v1.json.Id)}/Move`, { DestinationId: "Inbox" }, { version: "v1.0" })).status,
    ).toBe(201);
  });

  it("Accept, Decline and TentativelyAccept update the response and tell the organizer", async () => {
    const e = sim.store.mailbox(ALICE).addEvent({
      Subject: "Sync",
      IsOrganizer: false,
      Organizer: { EmailAddress: { Name: "Bob", Address: BOB } },
      Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
      End: { DateTime: "2016-07-01T10:00:00", TimeZone: "UTC" },
    });
    for (const [action, response] of [
      ["Accept", "Accepted"],
      ["TentativelyAccept", "TentativelyAccepted"],
      ["decline", "Declined"],
    ] as const) {
      expect((await post(`/Me/Events${k(e.id)}/${action}`, { Comment: "ok", SendResponse: true })).status).toBe(202);
      expect((await get(`/Me/Events${k(e.id)}`)).json.ResponseStatus.Response).toBe(response);
    }
    const bobInbox = (await get(`/Users${k(BOB)}/MailFolders('Inbox')/Messages`)).json.value;
    expect(bobInbox.map((m: { MeetingMessageType: string }) => m.MeetingMessageType)).toEqual([
      "MeetingAccepted",
      "MeetingTenativelyAccepted",
      "MeetingDeclined",
    ]);
    expect(bobInbox[0]["@odata.type"]).toBe("#Microsoft.OutlookServices.EventMessage");
    // The organizer's own event: the status changes, nobody is told.
    const own = await post("/Me/Events", {
      Subject: "mine",
      Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
      End: { DateTime: "2016-07-01T09:30:00", TimeZone: "UTC" },
    });
    expect((await post(`/Me/Events${k(own.json.Id)}/Accept`, {})).status).toBe(202);
    expect((await get("/Me/MailFolders('Inbox')/Messages")).json.value).toHaveLength(0);
    expectError(await post(`/Me/Events${k(own.json.Id)}/Accept`, { Comment: 1 }), 400, "RequestBodyRead");
  });

  it("reminders: ReminderView, SnoozeReminder and DismissReminder", async () => {
    const e = (
      await post("/Me/Events", {
        Subject: "Standup",
        ReminderMinutesBeforeStart: 10,
        Start: { DateTime: "2016-07-01T09:00:00", TimeZone: "UTC" },
        End: { DateTime: "2016-07-01T09:15:00", TimeZone: "UTC" },
      })
    ).json;
    const view = "/Me/ReminderView(StartDateTime='2016-07-01T00:00:00Z',EndDateTime='2016-07-02T00:00:00Z')";
    const r = await get(view);
    expect(r.json["@odata.context"]).toBe(
      `${sim.baseUrl("v2.0")}/$metadata#Collection(Microsoft.OutlookServices.Reminder)`,
    );
    expect(r.json.value).toEqual([
      expect.objectContaining({
        EventId: e.Id,
        EventSubject: "Standup",
        ReminderFireTime: { DateTime: "2016-07-01T08:50:00.0000000", TimeZone: "UTC" },
      }),
    ]);
    expect(
      (
        await post(`/Me/Events${k(e.Id)}/SnoozeReminder`, {
          NewReminderTime: { DateTime: "2016-07-01T08:55:00", TimeZone: "UTC" },
        })
      ).status,
    ).toBe(202);
    expect(
      (await get(view.replace("ReminderView", "microsoft.outlookservices.reminderview"))).json.value[0].ReminderFireTime
        .DateTime,
    ).toBe("2016-07-01T08:55:00.0000000");
    expect((await post(`/Me/Events${k(e.Id)}/DismissReminder`)).status).toBe(202);
    expect((await get(view)).json.value).toEqual([]);
    expectError(await get("/Me/ReminderView(StartDateTime='2016-07-01T00:00:00Z')"), 400, "ErrorInvalidParameter");
    expectError(await get(view, { version: "v1.0" }), 400, "RequestBroker--ParseUri");
  });

  it("CalendarView expands series; occurrences are addressable; Calendar/CalendarView and Instances", async () => {
    const series = await post("/Me/Events", {
      Subject: "Daily",
      Start: { DateTime: "2016-07-04T09:00:00", TimeZone: "Pacific Standard Time" },
      End: { DateTime: "2016-07-04T09:30:00", TimeZone: "Pacific Standard Time" },
      Recurrence: {
        Pattern: { Type: "Daily", Interval: 1 },
        Range: { Type: "Numbered", StartDate: "2016-07-04", NumberOfOccurrences: 5 },
      },
    });
    expect(series.json.Type).toBe("SeriesMaster");
    await post("/Me/Events", {
      Subject: "Single",
      Start: { DateTime: "2016-07-06T12:00:00", TimeZone: "UTC" },
      End: { DateTime: "2016-07-06T13:00:00", TimeZone: "UTC" },
    });
    expectError(await get("/Me/CalendarView?startDateTime=2016-07-01T00:00:00Z"), 400, "ErrorInvalidParameter");
    const window = "startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z";
    const view = await get(`/Me/CalendarView?${window}`);
    expect(view.json.value.map((e: { Subject: string; Type: string }) => `${e.Subject}:${e.Type}`)).toEqual([
      "Daily:Occurrence",
      "Daily:Occurrence",
      "Single:SingleInstance",
      "Daily:Occurrence",
      "Daily:Occurrence",
      "Daily:Occurrence",
    ]);
    const occ = view.json.value[1];
    expect(occ.SeriesMasterId).toBe(series.json.Id);
    expect(occ.Start).toEqual({ DateTime: "2016-07-05T09:00:00.0000000", TimeZone: "Pacific Standard Time" });
    expect((await get(`/Me/Events${k(occ.Id)}`)).json.Subject).toBe("Daily");
    const exception = await patch(`/Me/Events${k(occ.Id)}`, { Subject: "Moved standup" });
    expect(exception.json.Type).toBe("Exception");
    expect((await del(`/Me/Events${k(view.json.value[0].Id)}`)).status).toBe(204);
    const instances = await get(`/Me/Events${k(series.json.Id)}/Instances?${window}`);
    expect(instances.json.value.map((e: { Subject: string }) => e.Subject)).toEqual([
      "Moved standup",
      "Daily",
      "Daily",
      "Daily",
    ]);
    const calView = await get(`/Me/Calendars${k((await get("/Me/Calendar")).json.Id)}/CalendarView?${window}`, {
      headers: { Prefer: "odata.maxpagesize=2" },
    });
    expect(calView.json.value).toHaveLength(2);
    expect(calView.json["@odata.nextLink"]).toContain("startDateTime=2016-07-01T00:00:00Z");
    const pacific = await get(`/Me/CalendarView?${window}&$top=1`, {
      headers: { Prefer: 'outlook.timezone="Eastern Standard Time"' },
    });
    expect(pacific.json.value[0].Start).toEqual({
      DateTime: "2016-07-05T12:00:00.0000000",
      TimeZone: "Eastern Standard Time",
    });
    expect(pacific.headers.get("preference-applied")).toBe('outlook.timezone="Eastern Standard Time"');
  });

  it("Task Complete (beta)", async () => {
    const t = await post("/Me/Tasks", { Subject: "Do it" }, { version: "beta" });
    const done = await post(`/Me/Tasks${k(t.json.Id)}/Complete`, undefined, { version: "beta" });
    expect(done.status).toBe(200);
    expect(done.json.value[0]).toMatchObject({ Id: t.json.Id, Status: "Completed" });
    expect(done.json.value[0].CompletedDateTime.TimeZone).toBe("UTC");
    expectError(await post(`/Me/Events('x')/Complete`, undefined, { version: "beta" }), 404, "ErrorItemNotFound");
  });
});

describe("extended properties and extensions", () => {
  const PID = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color";

  it("stores extended properties by PATCH and POST, returns them only when expanded, filters on them", async () => {
    const m = (
      await post("/Me/Messages", {
        Subject: "tagged",
        SingleValueExtendedProperties: [{ PropertyId: PID, Value: "Green" }],
      })
    ).json;
    expect(m.SingleValueExtendedProperties).toBeUndefined();
    const plain = await get(`/Me/Messages${k(m.Id)}`);
    expect(plain.json.SingleValueExtendedProperties).toBeUndefined();
    // Same property, GUID in upper case: merged, not added.
    const upper = PID.replace(/\{.*\}/, (g) => g.toUpperCase());
    await patch(`/Me/Messages${k(m.Id)}`, {
      SingleValueExtendedProperties: [{ PropertyId: upper, Value: "Blue" }],
      MultiValueExtendedProperties: [
        { PropertyId: "StringArray {66f5a359-4659-4830-9070-00047ec6ac6e} Name Tags", Value: ["a", "b"] },
      ],
    });
    const expanded = await get(
      `/Me/Messages${k(m.Id)}?$expand=${encodeURIComponent(`SingleValueExtendedProperties($filter=PropertyId eq '${PID}'),MultiValueExtendedProperties($filter=PropertyId eq 'StringArray {66F5A359-4659-4830-9070-00047EC6AC6E} Name Tags')`)}`,
    );
    expect(expanded.json.SingleValueExtendedProperties).toEqual([{ PropertyId: PID, Value: "Blue" }]);
    expect(expanded.json.MultiValueExtendedProperties[0].Value).toEqual(["a", "b"]);
    await post("/Me/Messages", { Subject: "other" });
    const found = await get(
      `/Me/Messages?$filter=${encodeURIComponent(`SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${upper}' and ep/Value eq 'Blue')`)}`,
    );
    expect(found.json.value.map((x: { Subject: string }) => x.Subject)).toEqual(["tagged"]);
    const multi = await get(
      `/Me/Messages?$filter=${encodeURIComponent("MultiValueExtendedProperties/Any(ep: ep/Value/Any(v: v eq 'b'))")}`,
    );
    expect(multi.json.value).toHaveLength(1);
    expectError(await get(`/Me/Messages${k(m.Id)}?$expand=SingleValueExtendedProperties`), 400, "ErrorInvalidUrlQuery");
    expectError(
      await patch(`/Me/Messages${k(m.Id)}`, { SingleValueExtendedProperties: [{ PropertyId: "junk", Value: "x" }] }),
      400,
      "ErrorInvalidProperty",
    );
    // Folders carry them too.
    expect(
      (await patch("/Me/MailFolders('Inbox')", { SingleValueExtendedProperties: [{ PropertyId: PID, Value: "Red" }] }))
        .status,
    ).toBe(200);
  });

  it("creates, reads (by name or id), updates, expands, filters and deletes data extensions", async () => {
    const m = (await post("/Me/Messages", { Subject: "ext" })).json;
    const base = `/Me/Messages${k(m.Id)}/Extensions`;
    const created = await post(base, {
      "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension",
      ExtensionName: "Com.Contoso.Referral",
      companyName: "Wingtip",
      expiration: "2016-12-30",
    });
    expect(created.status).toBe(201);
    const id = "Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral";
    expect(created.json).toMatchObject({
      "@odata.type": "#Microsoft.OutlookServices.OpenTypeExtension",
      Id: id,
      ExtensionName: "Com.Contoso.Referral",
      companyName: "Wingtip",
    });
    expect((await get(`${base}${k("Com.Contoso.Referral")}`)).json.companyName).toBe("Wingtip");
    expect((await get(`${base}/${id}`)).json.expiration).toBe("2016-12-30");
    expect((await patch(`${base}${k(id)}`, { companyName: "Contoso", dealValue: 10 })).json).toMatchObject({
      companyName: "Contoso",
      dealValue: 10,
      expiration: "2016-12-30",
    });
    expectError(
      await post(base, {
        "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension",
        ExtensionName: "Com.Contoso.Referral",
      }),
      409,
      "ErrorItemAlreadyExists",
    );
    expectError(
      await post(base, {
        "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension",
        ExtensionName: "Com.Microsoft.Thing",
      }),
      400,
      "ErrorInvalidRequest",
    );
    expectError(await post(base, { ExtensionName: "Com.Contoso.NoType" }), 400, "RequestBodyRead");

    await post("/Me/Messages", { Subject: "plain" });
    const inline = await post("/Me/Events", {
      Subject: "inline",
      Extensions: [
        {
          "@odata.type": "#Microsoft.OutlookServices.OpenTypeExtension",
          ExtensionName: "Com.Contoso.Event",
          room: "B1",
        },
      ],
    });
    expect((await get(`/Me/Events${k(inline.json.Id)}/Extensions('Com.Contoso.Event')`)).json.room).toBe("B1");

    const query = `$filter=${encodeURIComponent(`Extensions/any(e: e/Id eq '${id}')`)}&$expand=${encodeURIComponent(`Extensions($filter=Id eq '${id}')`)}`;
    const found = await get(`/Me/Messages?${query}`);
    expect(found.json.value).toHaveLength(1);
    expect(found.json.value[0].Extensions[0]).toMatchObject({ Id: id, companyName: "Contoso" });
    expect((await del(`${base}${k("Com.Contoso.Referral")}`)).status).toBe(204);
    expect((await get(base)).json.value).toEqual([]);
    expectError(await get(`/Me/Messages${k(m.Id)}/Extensions`, { version: "v1.0" }), 404, "ErrorItemNotFound");
    expectError(await get(`/Me/Messages/Extensions`, { version: "v1.0" }), 404, "ErrorItemNotFound");
  });
});

describe("photos", () => {
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAAE0lEQVR42u3BMQEAAADCoPVPbQ0PoAAAfgN5AAE=",
    "base64",
  );

  it("serves a 1x1 GIF placeholder, stores uploads and reports their size", async () => {
    const meta = await get("/Me/Photo");
    expect(meta.json).toMatchObject({ "@odata.mediaContentType": "image/gif", Width: 1, Height: 1 });
    const gif = await fetch(`${sim.baseUrl("v2.0")}/Me/Photo/$value`, {
      headers: { Authorization: "Bearer test-token" },
    });
    expect(gif.headers.get("content-type")).toBe("image/gif");
    expect(
      Buffer.from(await gif.arrayBuffer())
        .subarray(0, 3)
        .toString(),
    ).toBe("GIF");

    const put = await call("PUT", "/Me/Photo/$value", { raw: PNG, headers: { "Content-Type": "image/png" } });
    expect(put.status).toBe(200);
    const after = await get("/Me/Photo");
    expect(after.json).toMatchObject({ "@odata.mediaContentType": "image/png", Width: 96, Height: 96, Id: "96X96" });
    const bytes = await fetch(`${sim.baseUrl("v2.0")}/Users('${ALICE}')/Photo/$value`, {
      headers: { Authorization: "Bearer test-token" },
    });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);

    expect(
      (await call("PATCH", `/Users${k(BOB)}/Photo/$value`, { raw: PNG, headers: { "Content-Type": "image/png" } }))
        .status,
    ).toBe(200);
    expect((await get(`/Users${k(BOB)}/Photo`)).json.Width).toBe(96);

    const contact = await post("/Me/Contacts", { GivenName: "Pic" });
    expect((await get(`/Me/Contacts${k(contact.json.Id)}/Photo`)).json.Width).toBe(1);
    await call("PUT", `/Me/Contacts${k(contact.json.Id)}/Photo/$value`, {
      raw: PNG,
      headers: { "Content-Type": "image/png" },
    });
    expect((await get(`/Me/Contacts${k(contact.json.Id)}/Photo`)).json["@odata.mediaContentType"]).toBe("image/png");
  });

  it("lists the standard sizes in beta", async () => {
    await call("PUT", "/Me/Photo/$value", { version: "beta", raw: PNG, headers: { "Content-Type": "image/png" } });
    const photos = await get("/Me/Photos", { version: "beta" });
    expect(photos.json.value.map((p: { Id: string }) => p.Id)).toEqual(["48X48", "64X64", "96X96"]);
    const small = await fetch(`${sim.baseUrl("beta")}/Me/Photos('48x48')/$value`, {
      headers: { Authorization: "Bearer test-token" },
    });
    expect(small.status).toBe(200);
    expect(small.headers.get("content-type")).toBe("image/png");
    expectError(await get("/Me/Photos('120x120')", { version: "beta" }), 404, "ErrorItemNotFound");
    expectError(await get("/Me/Photos"), 400, "RequestBroker--ParseUri");
  });
});

describe("throttling", () => {
  it("answers the next n requests with 429, Retry-After and Rate-Limit-Reason", async () => {
    sim.throttle(2, 3);
    for (let i = 0; i < 2; i++) {
      const r = await get("/Me");
      expectError(r, 429, "ApplicationThrottled");
      expect(r.headers.get("retry-after")).toBe("3");
      expect(r.headers.get("rate-limit-reason")).toBeTruthy();
      expect(r.headers.get("rate-limit-limit")).toBe("10000");
    }
    expect((await get("/Me")).status).toBe(200);
  });

  it("throttles only matching requests; beta sends no Rate-Limit-Limit", async () => {
    sim.throttle(1, 0, (r) => r.method === "POST");
    expect((await get("/Me", { version: "beta" })).status).toBe(200);
    const r = await post("/Me/Messages", { Subject: "x" }, { version: "beta" });
    expectError(r, 429, "ApplicationThrottled");
    expect(r.headers.get("retry-after")).toBe("0");
    expect(r.headers.get("rate-limit-limit")).toBeNull();
    expect((await post("/Me/Messages", { Subject: "x" }, { version: "beta" })).status).toBe(201);
    expect(sim.requests.filter((x) => x.method === "POST")).toHaveLength(2);
  });
});

describe("preferences and beta-only data", () => {
  it("converts bodies for Prefer: outlook.body-content-type and serves MailboxSettings", async () => {
    const m = await post("/Me/Messages", { Body: { ContentType: "HTML", Content: "<p>Hi &amp; bye</p>" } });
    const asText = await get(`/Me/Messages${k(m.json.Id)}`, {
      headers: { Prefer: 'outlook.body-content-type="text"' },
    });
    expect(asText.json.Body).toEqual({ ContentType: "Text", Content: "Hi & bye" });
    expect(asText.headers.get("preference-applied")).toBe('outlook.body-content-type="text"');
    const settings = await get("/Me/MailboxSettings", { version: "beta" });
    expect(settings.json.AutomaticRepliesSetting.Status).toBe("Disabled");
    const changed = await patch(
      "/Me/MailboxSettings",
      { AutomaticRepliesSetting: { Status: "AlwaysEnabled", ExternalAudience: "All", InternalReplyMessage: "Away" } },
      { version: "beta" },
    );
    expect(changed.json.AutomaticRepliesSetting.Status).toBe("AlwaysEnabled");
    expect(changed.json.TimeZone).toBe("UTC");
    expect(
      (await get("/Me/MailboxSettings/AutomaticRepliesSetting/InternalReplyMessage/$value", { version: "beta" })).text,
    ).toBe("Away");
  });
});
