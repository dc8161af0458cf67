// The generated v2.0 client, driven through test/usage/v2.0.usage.ts against a fake fetch.
import { describe, expect, it, vi } from "vitest";
import {
  createClient,
  isMailboxNotEnabledForRestApi,
  ODataError,
  type ClientOptions,
} from "../../generated/v2.0/index.js";
import * as usage from "../usage/v2.0.usage.js";
import { accepted, fakeFetch, json, jsonHeaders, segmentsAfter, type FakeFetch } from "./harness.js";

const ROOT = "https://outlook.office.com/api/v2.0";
const ME = "me@contoso.com";

function setup(options: ClientOptions = {}): { fake: FakeFetch; client: ReturnType<typeof createClient> } {
  const fake = fakeFetch();
  const client = createClient({ fetch: fake.fetch, getAccessToken: async () => "t0k", anchorMailbox: ME, ...options });
  return { fake, client };
}

describe("v2.0 mail", () => {
  it("lists the inbox newest first with $select", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        value: [
          {
            Subject: "Hi",
            IsRead: false,
            ReceivedDateTime: "2016-07-18T09:00:00Z",
            From: { EmailAddress: { Address: "a@contoso.com" } },
          },
          {
            Subject: "Re: Hi",
            IsRead: true,
            ReceivedDateTime: "2016-07-17T09:00:00Z",
            From: { EmailAddress: { Address: "b@contoso.com" } },
          },
        ],
      }),
    );
    expect(await usage.listInbox(client)).toEqual([
      "2016-07-18T09:00:00Z a@contoso.com * Hi",
      "2016-07-17T09:00:00Z b@contoso.com Re: Hi",
    ]);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/MailFolders('Inbox')/Messages?$select=Subject,From,ReceivedDateTime,IsRead&$orderby=ReceivedDateTime%20desc&$top=10`,
        headers: jsonHeaders(ME),
        body: undefined,
      },
    ]);
  });

  it("reads a message with its attachments expanded and narrows them by @odata.type", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        Id: "AAMkAGI1AAA=",
        Subject: "Menu",
        Attachments: [
          { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "menu.txt", ContentBytes: "UGl6emE=" },
          { "@odata.type": "#Microsoft.OutlookServices.ItemAttachment", Name: "Fwd" },
          { "@odata.type": "#Microsoft.OutlookServices.ReferenceAttachment", Name: "Plan.docx" },
        ],
      }),
    );
    expect(await usage.readMessageWithAttachments(client, "AAMkAGI1AAA=")).toEqual({
      subject: "Menu",
      files: [{ name: "menu.txt", bytes: "UGl6emE=" }],
      others: ["item Fwd", "link Plan.docx"],
    });
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/Messages('AAMkAGI1AAA%3D')?$expand=Attachments`,
        headers: jsonHeaders(ME),
        body: undefined,
      },
    ]);
  });

  it("expands attachments with nested $select", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Subject: "Menu", HasAttachments: true, Attachments: [{ Name: "menu.txt", Size: 5 }] }));
    expect(await usage.attachmentNames(client, "m1")).toEqual(["menu.txt:5"]);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/Messages('m1')?$select=Subject,HasAttachments&$expand=Attachments($select=Name,Size)`,
        headers: jsonHeaders(ME),
        body: undefined,
      },
    ]);
  });

  it("reads a FileAttachment through the type-cast segment", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({ "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "a.bin", ContentBytes: "AAEC" }),
    );
    expect(await usage.downloadAttachment(client, "m1", "a1")).toBe("AAEC");
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/Messages('m1')/Attachments('a1')/Microsoft.OutlookServices.FileAttachment`,
        headers: jsonHeaders(ME),
        body: undefined,
      },
    ]);
  });

  it("sends a mail (POST /Me/SendMail, 202 without body)", async () => {
    const { fake, client } = setup();
    fake.respond(accepted());
    await expect(usage.sendLunchInvite(client)).resolves.toBeUndefined();
    expect(fake.requests).toEqual([
      {
        method: "POST",
        url: `${ROOT}/Me/SendMail`,
        headers: jsonHeaders(ME, true),
        body: {
          Message: {
            Subject: "Lunch?",
            Importance: "High",
            Body: { ContentType: "HTML", Content: "<p>Pizza at noon?</p>" },
            ToRecipients: [{ EmailAddress: { Name: "Sadie Daniels", Address: "sadie@contoso.com" } }],
            Attachments: [
              {
                "@odata.type": "#Microsoft.OutlookServices.FileAttachment",
                Name: "menu.txt",
                ContentBytes: "UGl6emE=",
              },
            ],
          },
          SaveToSentItems: false,
        },
      },
    ]);
  });

  it("replies to a message (POST …/Messages('id')/Reply)", async () => {
    const { fake, client } = setup();
    fake.respond(accepted());
    await usage.replyTo(client, "m1");
    expect(fake.requests).toEqual([
      {
        method: "POST",
        url: `${ROOT}/Me/Messages('m1')/Reply`,
        headers: jsonHeaders(ME, true),
        body: { Comment: "Sounds good!" },
      },
    ]);
  });

  it("qualifiedOperations: true addresses the action namespace-qualified", async () => {
    const { fake, client } = setup({ qualifiedOperations: true });
    fake.respond(accepted(), json({ value: [] }));
    await usage.replyTo(client, "m1");
    await usage.upcomingReminders(client, "2016-07-18T00:00:00Z", "2016-07-19T00:00:00Z");
    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ROOT}/Me/Messages('m1')/Microsoft.OutlookServices.Reply`,
      `GET ${ROOT}/Me/Microsoft.OutlookServices.ReminderView(StartDateTime='2016-07-18T00:00:00Z',EndDateTime='2016-07-19T00:00:00Z')`,
    ]);
  });
});

describe("v2.0 calendar", () => {
  it("creates an event", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Id: "ev1", Subject: "Planning" }, 201));
    expect(await usage.createPlanningMeeting(client)).toBe("ev1");
    expect(fake.requests).toEqual([
      {
        method: "POST",
        url: `${ROOT}/Me/Events`,
        headers: jsonHeaders(ME, true),
        body: {
          Subject: "Planning",
          Body: { ContentType: "Text", Content: "Q3 plan" },
          Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "Pacific Standard Time" },
          End: { DateTime: "2016-07-20T11:00:00", TimeZone: "Pacific Standard Time" },
          Location: { DisplayName: "Room 12" },
          Attendees: [{ EmailAddress: { Address: "sadie@contoso.com", Name: "Sadie Daniels" }, Type: "Required" }],
        },
      },
    ]);
  });

  it("reads a calendar view with startDateTime/endDateTime and a Prefer time zone", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        value: [{ Subject: "Planning", Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "Pacific Standard Time" } }],
      }),
    );
    expect(await usage.weekView(client, "2016-07-18T00:00:00Z", "2016-07-25T00:00:00-07:00")).toEqual([
      "2016-07-20T10:00:00 Planning",
    ]);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/CalendarView?startDateTime=2016-07-18T00:00:00Z&endDateTime=2016-07-25T00:00:00-07:00`,
        headers: { ...jsonHeaders(ME), prefer: 'outlook.timezone="Pacific Standard Time"' },
        body: undefined,
      },
    ]);
  });

  it("calls ReminderView with inline parameters", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        value: [{ EventSubject: "Planning", ReminderFireTime: { DateTime: "2016-07-20T09:45:00", TimeZone: "UTC" } }],
      }),
    );
    expect(await usage.upcomingReminders(client, "2016-07-18T00:00:00Z", "2016-07-25T00:00:00Z")).toEqual([
      "2016-07-20T09:45:00 Planning",
    ]);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Me/ReminderView(StartDateTime='2016-07-18T00:00:00Z',EndDateTime='2016-07-25T00:00:00Z')`,
        headers: jsonHeaders(ME),
        body: undefined,
      },
    ]);
  });
});

describe("v2.0 contacts paging", () => {
  const page1 = `${ROOT}/Me/Contacts?$top=50`;
  const page2 = `${ROOT}/Me/Contacts?$top=50&$skip=50`;
  const page3 = `${ROOT}/Me/Contacts?$top=50&$skip=100`;
  const pages = (): Response[] => [
    json({ value: [{ DisplayName: "A" }, { DisplayName: "B" }], "@odata.nextLink": page2 }),
    json({ value: [{ DisplayName: "C" }, { DisplayName: "D" }], "@odata.nextLink": page3 }),
    json({ value: [{ DisplayName: "E" }] }),
  ];

  it("pages() follows absolute @odata.nextLink through 3 pages", async () => {
    const { fake, client } = setup();
    fake.respond(...pages());
    expect(await usage.contactPageSizes(client)).toEqual([2, 2, 1]);
    expect(fake.requests).toEqual(
      [page1, page2, page3].map((url) => ({ method: "GET", url, headers: jsonHeaders(ME), body: undefined })),
    );
  });

  it("items() yields every contact of every page", async () => {
    const { fake, client } = setup();
    fake.respond(...pages());
    expect(await usage.allContactNames(client)).toEqual(["A", "B", "C", "D", "E"]);
    expect(fake.requests.map((r) => r.url)).toEqual([`${ROOT}/Me/Contacts?$select=DisplayName&$top=50`, page2, page3]);
  });

  it("sends neither a token nor calls getAccessToken for a nextLink on a foreign origin", async () => {
    const fake = fakeFetch();
    const getAccessToken = vi.fn(async () => "t0k");
    const client = createClient({ fetch: fake.fetch, getAccessToken, anchorMailbox: ME });
    const foreign = "https://evil.example.com/api/v2.0/Me/Contacts?$skip=50";
    fake.respond(
      json({ value: [{ DisplayName: "A" }], "@odata.nextLink": foreign }),
      json({ value: [{ DisplayName: "Z" }] }),
    );
    expect(await usage.allContactNames(client)).toEqual(["A", "Z"]);
    expect(fake.requests.map((r) => r.url)).toEqual([`${ROOT}/Me/Contacts?$select=DisplayName&$top=50`, foreign]);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(getAccessToken).toHaveBeenCalledWith({
      url: `${ROOT}/Me/Contacts?$select=DisplayName&$top=50`,
      method: "GET",
    });
    expect(fake.requests[0]?.headers["authorization"]).toBe("Bearer t0k");
    expect(fake.requests[1]?.headers).not.toHaveProperty("authorization");
  });
});

describe("v2.0 other users", () => {
  it("users.byId('sadie@contoso.com') anchors on sadie", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [{ Subject: "x" }] }));
    expect(await usage.sadiesUnread(client)).toBe(1);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Users('sadie@contoso.com')/MailFolders('Inbox')/Messages?$select=Subject&$filter=IsRead%20eq%20false&$top=5`,
        headers: jsonHeaders("sadie@contoso.com"),
        body: undefined,
      },
    ]);
  });

  it("users.byId('<AAD userId>@<tenantId>')", async () => {
    const { fake, client } = setup();
    const userId = "b7e7a5c9-3f0e-4d4c-9a4f-2f0d9e8d1a11";
    const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    fake.respond(json({ DisplayName: "Sadie Daniels", EmailAddress: "sadie@contoso.com" }));
    expect(await usage.userByAadId(client, userId, tenantId)).toBe("Sadie Daniels <sadie@contoso.com>");
    expect(fake.requests).toEqual([
      {
        method: "GET",
        url: `${ROOT}/Users('${userId}@${tenantId}')?$select=DisplayName,EmailAddress`,
        // x-AnchorMailbox takes an SMTP address (fact sheet §2.2); an AAD id pair is none, so no anchor is sent.
        headers: jsonHeaders(undefined),
        body: undefined,
      },
    ]);
  });
});

describe("v2.0 anchoring through the collection", () => {
  it("a held users collection's byId(upn) anchors on that user", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [] }));
    const users = client.users;
    await users.byId("sadie@contoso.com").messages.list();
    expect(fake.requests[0]?.headers["x-anchormailbox"]).toBe("sadie@contoso.com");
  });
});

describe("v2.0 errors", () => {
  it("rejects a 404 MailboxNotEnabledForRESTAPI with an ODataError", async () => {
    const { fake, client } = setup();
    fake.respond(
      json(
        { error: { code: "MailboxNotEnabledForRESTAPI", message: "REST API is not yet supported for this mailbox." } },
        404,
        { "request-id": "5f0a3b2c-0000-4000-8000-000000000001" },
      ),
    );
    const error: unknown = await usage.listInbox(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ODataError);
    expect(error).toMatchObject({
      name: "ODataError",
      status: 404,
      code: "MailboxNotEnabledForRESTAPI",
      requestId: "5f0a3b2c-0000-4000-8000-000000000001",
      method: "GET",
      message: "MailboxNotEnabledForRESTAPI: REST API is not yet supported for this mailbox.",
    });
    expect(isMailboxNotEnabledForRestApi(error)).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("v2.0 hostile input stays inside its segment", () => {
  const hostile = "a'b/../c?d#e";

  it("key in parentheses: quotes doubled, / ? # percent-encoded", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Id: hostile }));
    await client.me.messages.byId(hostile).get();
    const url = fake.requests[0]?.url ?? "";
    expect(url).toBe(`${ROOT}/Me/Messages('a''b%2F..%2Fc%3Fd%23e')`);
    expect(segmentsAfter(ROOT, url)).toEqual(["Me", "Messages('a''b%2F..%2Fc%3Fd%23e')"]);
    expect(new URL(url).search).toBe("");
    expect(new URL(url).hash).toBe("");
  });

  it('key as segment (keyStyle: "segment")', async () => {
    const { fake, client } = setup({ keyStyle: "segment" });
    fake.respond(json({ Id: hostile }));
    await client.me.messages.byId(hostile).get();
    const url = fake.requests[0]?.url ?? "";
    expect(url).toBe(`${ROOT}/Me/Messages/a'b%2F..%2Fc%3Fd%23e`);
    expect(segmentsAfter(ROOT, url)).toEqual(["Me", "Messages", "a'b%2F..%2Fc%3Fd%23e"]);
    expect(new URL(url).search).toBe("");
    expect(new URL(url).hash).toBe("");
  });

  it("hostile UPN in users.byId(...)", async () => {
    const { fake, client } = setup();
    const upn = "x')/Messages?$top=1#";
    fake.respond(json({ Id: "u" }));
    await client.users.byId(upn).get();
    const request = fake.requests[0];
    const url = request?.url ?? "";
    expect(url).toBe(`${ROOT}/Users('x'')%2FMessages%3F$top%3D1%23')`);
    expect(segmentsAfter(ROOT, url)).toEqual(["Users('x'')%2FMessages%3F$top%3D1%23')"]);
    expect(new URL(url).search).toBe("");
    expect(new URL(url).hash).toBe("");
    expect(request?.headers["x-anchormailbox"]).toBe(upn);
  });

  it("hostile function parameter to ReminderView", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [] }));
    await usage.upcomingReminders(
      client,
      "2016-07-18T00:00:00Z',EndDateTime='x')/Messages?$top=1#",
      "2016-07-19T00:00:00Z",
    );
    const url = fake.requests[0]?.url ?? "";
    const call =
      "ReminderView(StartDateTime='2016-07-18T00:00:00Z''%2CEndDateTime%3D''x'')%2FMessages%3F$top%3D1%23'," +
      "EndDateTime='2016-07-19T00:00:00Z')";
    expect(url).toBe(`${ROOT}/Me/${call}`);
    expect(segmentsAfter(ROOT, url)).toEqual(["Me", call]);
    expect(new URL(url).search).toBe("");
    expect(new URL(url).hash).toBe("");
  });
});
