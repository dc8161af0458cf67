// The generated beta client, driven through test/usage/beta.usage.ts against a fake fetch.
import { describe, expect, it, vi } from "vitest";
import {
  createClient,
  isMailboxNotEnabledForRestApi,
  ODataError,
  type ClientOptions,
} from "../../generated/beta/index.js";
import * as usage from "../usage/beta.usage.js";
import { accepted, fakeFetch, json, jsonHeaders, segmentsAfter, type FakeFetch } from "./harness.js";

const ROOT = "https://outlook.office.com/api/beta";
const ME = "me@contoso.com";

function setup(options: ClientOptions = {}): { fake: FakeFetch; client: ReturnType<typeof createClient> } {
  const fake = fakeFetch();
  const client = createClient({ fetch: fake.fetch, getAccessToken: async () => "t0k", anchorMailbox: ME, ...options });
  return { fake, client };
}

const get = (url: string, anchor = ME) => ({ method: "GET", url, headers: jsonHeaders(anchor), body: undefined });
const post = (url: string, body: unknown) => ({ method: "POST", url, headers: jsonHeaders(ME, true), body });

describe("beta mail", () => {
  it("lists the inbox newest first", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [{ Subject: "Hi", IsRead: false, ReceivedDateTime: "2016-07-18T09:00:00Z" }] }));
    expect(await usage.listInbox(client)).toEqual(["2016-07-18T09:00:00Z ? * Hi"]);
    expect(fake.requests).toEqual([
      get(
        `${ROOT}/Me/MailFolders('Inbox')/Messages?$select=Subject,From,ReceivedDateTime,IsRead&$orderby=ReceivedDateTime%20desc&$top=10`,
      ),
    ]);
  });

  it("reads a message with attachments expanded (file bytes, reference SourceUrl)", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        Subject: "Menu",
        Attachments: [
          { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "menu.txt", ContentBytes: "UGl6emE=" },
          {
            "@odata.type": "#Microsoft.OutlookServices.ReferenceAttachment",
            Name: "Plan",
            SourceUrl: "https://contoso.sharepoint.com/plan.docx",
          },
        ],
      }),
    );
    expect(await usage.readMessageWithAttachments(client, "m1")).toEqual({
      subject: "Menu",
      files: [{ name: "menu.txt", bytes: "UGl6emE=" }],
      links: ["https://contoso.sharepoint.com/plan.docx"],
    });
    expect(fake.requests).toEqual([get(`${ROOT}/Me/Messages('m1')?$expand=Attachments`)]);
  });

  it("nested expand and the FileAttachment cast", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Attachments: [{ Name: "menu.txt" }] }), json({ ContentBytes: "AAEC" }));
    expect(await usage.attachmentNames(client, "m1")).toEqual(["menu.txt"]);
    expect(await usage.downloadAttachment(client, "m1", "a1")).toBe("AAEC");
    expect(fake.requests).toEqual([
      get(`${ROOT}/Me/Messages('m1')?$expand=Attachments($select=Name)`),
      get(`${ROOT}/Me/Messages('m1')/Attachments('a1')/Microsoft.OutlookServices.FileAttachment`),
    ]);
  });

  it("sends a mail and replies with Comment and Message", async () => {
    const { fake, client } = setup();
    fake.respond(accepted(), accepted());
    await usage.sendLunchInvite(client);
    await usage.replyTo(client, "m1");
    expect(fake.requests).toEqual([
      post(`${ROOT}/Me/SendMail`, {
        Message: {
          Subject: "Lunch?",
          Body: { ContentType: "HTML", Content: "<p>Pizza at noon?</p>" },
          ToRecipients: [{ EmailAddress: { Address: "sadie@contoso.com" } }],
        },
        SaveToSentItems: false,
      }),
      post(`${ROOT}/Me/Messages('m1')/Reply`, {
        Comment: "Sounds good!",
        Message: { CcRecipients: [{ EmailAddress: { Address: "boss@contoso.com" } }] },
      }),
    ]);
  });

  it("qualifiedOperations: true", async () => {
    const { fake, client } = setup({ qualifiedOperations: true });
    fake.respond(accepted());
    await usage.replyTo(client, "m1");
    expect(fake.requests[0]?.url).toBe(`${ROOT}/Me/Messages('m1')/Microsoft.OutlookServices.Reply`);
  });
});

describe("beta calendar", () => {
  it("creates an event, reads a calendar view and reminders", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({ Id: "ev1" }, 201),
      json({ value: [{ Subject: "Planning", Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "UTC" } }] }),
      json({ value: [{ EventSubject: "Planning" }] }),
    );
    expect(await usage.createPlanningMeeting(client)).toBe("ev1");
    expect(await usage.weekView(client, "2016-07-18T00:00:00Z", "2016-07-25T00:00:00Z")).toEqual([
      "2016-07-20T10:00:00 Planning",
    ]);
    expect(await usage.upcomingReminders(client, "2016-07-18T00:00:00Z", "2016-07-25T00:00:00Z")).toBe(1);
    expect(fake.requests).toEqual([
      post(`${ROOT}/Me/Events`, {
        Subject: "Planning",
        Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "Pacific Standard Time" },
        End: { DateTime: "2016-07-20T11:00:00", TimeZone: "Pacific Standard Time" },
        Attendees: [{ EmailAddress: { Address: "sadie@contoso.com" }, Type: "Required" }],
      }),
      get(`${ROOT}/Me/CalendarView?startDateTime=2016-07-18T00:00:00Z&endDateTime=2016-07-25T00:00:00Z`),
      get(`${ROOT}/Me/ReminderView(StartDateTime='2016-07-18T00:00:00Z',EndDateTime='2016-07-25T00:00:00Z')`),
    ]);
  });
});

describe("beta contacts paging", () => {
  const urls = [
    `${ROOT}/Me/Contacts?$top=50`,
    `${ROOT}/Me/Contacts?$top=50&$skip=50`,
    `${ROOT}/Me/Contacts?$top=50&$skip=100`,
  ];
  const pages = (): Response[] => [
    json({ value: [{ DisplayName: "A" }], "@odata.nextLink": urls[1] }),
    json({ value: [{ DisplayName: "B" }, { DisplayName: "C" }], "@odata.nextLink": urls[2] }),
    json({ value: [{ DisplayName: "D" }] }),
  ];

  it("pages() follows 3 pages", async () => {
    const { fake, client } = setup();
    fake.respond(...pages());
    expect(await usage.contactPageSizes(client)).toEqual([1, 2, 1]);
    expect(fake.requests).toEqual(urls.map((url) => get(url)));
  });

  it("items() yields all contacts", async () => {
    const { fake, client } = setup();
    fake.respond(...pages());
    expect(await usage.allContactNames(client)).toEqual(["A", "B", "C", "D"]);
    expect(fake.requests).toEqual(urls.map((url) => get(url)));
  });

  it("does not call getAccessToken nor send Authorization to a foreign nextLink", async () => {
    const fake = fakeFetch();
    const getAccessToken = vi.fn(async () => "t0k");
    const client = createClient({ fetch: fake.fetch, getAccessToken, anchorMailbox: ME });
    fake.respond(
      json({ value: [], "@odata.nextLink": "http://outlook.office.com/api/beta/Me/Contacts?$skip=1" }),
      json({ value: [] }),
    );
    await usage.allContactNames(client);
    // Same host, but http: a different origin, so no token.
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(fake.requests[1]?.headers).not.toHaveProperty("authorization");
  });
});

describe("beta users, errors, hostile input", () => {
  it("users by SMTP and by <AAD userId>@<tenantId>", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [] }), json({ DisplayName: "Sadie" }));
    await usage.sadiesInbox(client);
    expect(await usage.userByAadId(client, "u-guid", "t-guid")).toBe("Sadie");
    expect(fake.requests).toEqual([
      get(
        `${ROOT}/Users('sadie@contoso.com')/MailFolders('Inbox')/Messages?$select=Subject&$top=5`,
        "sadie@contoso.com",
      ),
      get(`${ROOT}/Users('u-guid@t-guid')?$select=DisplayName`, "u-guid@t-guid"),
    ]);
  });

  it("404 MailboxNotEnabledForRESTAPI → ODataError (request id from client-request-id)", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({ error: { code: "MailboxNotEnabledForRESTAPI", message: "Not yet." } }, 404, {
        "client-request-id": "crid-9",
      }),
    );
    const error: unknown = await usage.listInbox(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect(error).toMatchObject({ status: 404, code: "MailboxNotEnabledForRESTAPI", requestId: "crid-9" });
    expect(isMailboxNotEnabledForRestApi(error)).toBe(true);
  });

  it("hostile message id (both key styles), UPN and ReminderView parameter", async () => {
    const hostileId = "a'b/../c?d#e";
    const cases: [ClientOptions, (c: ReturnType<typeof createClient>) => Promise<unknown>, string[]][] = [
      [{}, (c) => c.me.messages.byId(hostileId).get(), ["Me", "Messages('a''b%2F..%2Fc%3Fd%23e')"]],
      [{ keyStyle: "segment" }, (c) => c.me.messages.byId(hostileId).get(), ["Me", "Messages", "a'b%2F..%2Fc%3Fd%23e"]],
      [{}, (c) => c.users.byId("x')/Messages?$top=1#").get(), ["Users('x'')%2FMessages%3F$top%3D1%23')"]],
      [
        {},
        (c) => c.me.reminderView({ StartDateTime: "x')/Me/Messages?$top=1#", EndDateTime: "y" }).list(),
        ["Me", "ReminderView(StartDateTime='x'')%2FMe%2FMessages%3F$top%3D1%23',EndDateTime='y')"],
      ],
    ];
    for (const [options, call, segments] of cases) {
      const { fake, client } = setup(options);
      fake.respond(json({ value: [] }));
      await call(client);
      const url = fake.requests[0]?.url ?? "";
      expect(segmentsAfter(ROOT, url)).toEqual(segments);
      expect(new URL(url).search + new URL(url).hash).toBe("");
    }
  });
});
