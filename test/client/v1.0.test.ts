// The generated v1.0 client, driven through test/usage/v1.0.usage.ts against a fake fetch.
import { describe, expect, it, vi } from "vitest";
import {
  createClient,
  isMailboxNotEnabledForRestApi,
  ODataError,
  type ClientOptions,
} from "../../generated/v1.0/index.js";
import * as usage from "../usage/v1.0.usage.js";
import { accepted, fakeFetch, json, jsonHeaders, segmentsAfter, type FakeFetch } from "./harness.js";

const ROOT = "https://outlook.office.com/api/v1.0";
const ME = "me@contoso.com";

function setup(options: ClientOptions = {}): { fake: FakeFetch; client: ReturnType<typeof createClient> } {
  const fake = fakeFetch();
  const client = createClient({ fetch: fake.fetch, getAccessToken: async () => "t0k", anchorMailbox: ME, ...options });
  return { fake, client };
}

const get = (url: string, anchor = ME) => ({ method: "GET", url, headers: jsonHeaders(anchor), body: undefined });
const post = (url: string, body: unknown) => ({ method: "POST", url, headers: jsonHeaders(ME, true), body });

describe("v1.0 mail", () => {
  it("lists the inbox (Folders, DateTimeReceived) newest first", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        value: [
          {
            Subject: "Hi",
            IsRead: true,
            DateTimeReceived: "2015-10-26T09:00:00Z",
            From: { EmailAddress: { Address: "a@contoso.com" } },
          },
        ],
      }),
    );
    expect(await usage.listInbox(client)).toEqual(["2015-10-26T09:00:00Z a@contoso.com Hi"]);
    expect(fake.requests).toEqual([
      get(
        `${ROOT}/Me/Folders('Inbox')/Messages?$select=Subject,From,DateTimeReceived,IsRead&$orderby=DateTimeReceived%20desc&$top=10`,
      ),
    ]);
  });

  it("reads a message with attachments expanded and narrows by @odata.type", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({
        Subject: "Menu",
        Attachments: [
          {
            "@odata.type": "#Microsoft.OutlookServices.FileAttachment",
            Name: "menu.txt",
            ContentBytes: "UGl6emE=",
            IsContactPhoto: false,
          },
          { "@odata.type": "#Microsoft.OutlookServices.ItemAttachment", Name: "Fwd" },
        ],
      }),
    );
    expect(await usage.readMessageWithAttachments(client, "m1")).toEqual({
      subject: "Menu",
      files: [{ name: "menu.txt", bytes: "UGl6emE=" }],
      items: ["Fwd"],
    });
    expect(fake.requests).toEqual([get(`${ROOT}/Me/Messages('m1')?$expand=Attachments`)]);
  });

  it("nested expand and the FileAttachment cast", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Subject: "Menu", Attachments: [{ Name: "menu.txt" }] }), json({ ContentBytes: "AAEC" }));
    expect(await usage.attachmentNames(client, "m1")).toEqual(["menu.txt"]);
    expect(await usage.downloadAttachment(client, "m1", "a1")).toBe("AAEC");
    expect(fake.requests).toEqual([
      get(`${ROOT}/Me/Messages('m1')?$select=Subject&$expand=Attachments($select=Name)`),
      get(`${ROOT}/Me/Messages('m1')/Attachments('a1')/Microsoft.OutlookServices.FileAttachment`),
    ]);
  });

  it("sends a mail and replies", async () => {
    const { fake, client } = setup();
    fake.respond(accepted(), accepted());
    await usage.sendLunchInvite(client);
    await usage.replyTo(client, "m1");
    expect(fake.requests).toEqual([
      post(`${ROOT}/Me/SendMail`, {
        Message: {
          Subject: "Lunch?",
          Body: { ContentType: "Text", Content: "Pizza at noon?" },
          ToRecipients: [{ EmailAddress: { Name: "Sadie Daniels", Address: "sadie@contoso.com" } }],
        },
        SaveToSentItems: false,
      }),
      post(`${ROOT}/Me/Messages('m1')/Reply`, { Comment: "Sounds good!" }),
    ]);
  });

  it("qualifiedOperations: true", async () => {
    const { fake, client } = setup({ qualifiedOperations: true });
    fake.respond(accepted());
    await usage.replyTo(client, "m1");
    expect(fake.requests[0]?.url).toBe(`${ROOT}/Me/Messages('m1')/Microsoft.OutlookServices.Reply`);
  });
});

describe("v1.0 calendar", () => {
  it("creates an event with DateTimeOffset Start/End and time-zone names", async () => {
    const { fake, client } = setup();
    fake.respond(json({ Id: "ev1" }, 201));
    expect(await usage.createPlanningMeeting(client)).toBe("ev1");
    expect(fake.requests).toEqual([
      post(`${ROOT}/Me/Events`, {
        Subject: "Planning",
        Start: "2016-07-20T10:00:00-07:00",
        StartTimeZone: "Pacific Standard Time",
        End: "2016-07-20T11:00:00-07:00",
        EndTimeZone: "Pacific Standard Time",
        Reminder: 15,
        Attendees: [{ EmailAddress: { Address: "sadie@contoso.com" }, Type: "Optional" }],
      }),
    ]);
  });

  it("reads a calendar view", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [{ Subject: "Planning", Start: "2016-07-20T17:00:00Z" }] }));
    expect(await usage.weekView(client, "2016-07-18T00:00:00Z", "2016-07-25T00:00:00Z")).toEqual([
      "2016-07-20T17:00:00Z Planning",
    ]);
    expect(fake.requests).toEqual([
      get(`${ROOT}/Me/CalendarView?startDateTime=2016-07-18T00:00:00Z&endDateTime=2016-07-25T00:00:00Z`),
    ]);
  });
});

describe("v1.0 contacts paging", () => {
  const urls = [
    `${ROOT}/Me/Contacts?$top=50`,
    `${ROOT}/Me/Contacts?$top=50&$skip=50`,
    `${ROOT}/Me/Contacts?$top=50&$skip=100`,
  ];
  const pages = (): Response[] => [
    json({ value: [{ DisplayName: "A" }, { DisplayName: "B" }], "@odata.nextLink": urls[1] }),
    json({ value: [{ DisplayName: "C" }], "@odata.nextLink": urls[2] }),
    json({ value: [{ DisplayName: "D" }] }),
  ];

  it("pages() follows 3 pages", async () => {
    const { fake, client } = setup();
    fake.respond(...pages());
    expect(await usage.contactPageSizes(client)).toEqual([2, 1, 1]);
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
    const getAccessToken = vi.fn(() => "t0k");
    const client = createClient({ fetch: fake.fetch, getAccessToken, anchorMailbox: ME });
    fake.respond(
      json({
        value: [{ DisplayName: "A" }],
        "@odata.nextLink": "https://outlook.office.com.evil.example/api/v1.0/Me/Contacts?$skip=1",
      }),
      json({ value: [] }),
    );
    expect(await usage.allContactNames(client)).toEqual(["A"]);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(fake.requests[1]?.url).toBe("https://outlook.office.com.evil.example/api/v1.0/Me/Contacts?$skip=1");
    expect(fake.requests[1]?.headers).not.toHaveProperty("authorization");
  });
});

describe("v1.0 users, errors, hostile input", () => {
  it("users.byId('sadie@contoso.com') sends x-AnchorMailbox: sadie@contoso.com", async () => {
    const { fake, client } = setup();
    fake.respond(json({ value: [{ Subject: "x" }] }));
    expect(await usage.sadiesInbox(client)).toEqual(["x"]);
    expect(fake.requests).toEqual([
      get(`${ROOT}/Users('sadie@contoso.com')/Folders('Inbox')/Messages?$select=Subject&$top=5`, "sadie@contoso.com"),
    ]);
  });

  it("404 MailboxNotEnabledForRESTAPI → ODataError", async () => {
    const { fake, client } = setup();
    fake.respond(
      json({ error: { code: "MailboxNotEnabledForRESTAPI", message: "Not yet." } }, 404, { "request-id": "rid-1" }),
    );
    const error: unknown = await usage.listInbox(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect(error).toMatchObject({ status: 404, code: "MailboxNotEnabledForRESTAPI", requestId: "rid-1" });
    expect(isMailboxNotEnabledForRestApi(error)).toBe(true);
  });

  it("hostile message id, parentheses and segment key styles", async () => {
    for (const [keyStyle, last] of [
      ["parentheses", ["Messages('a''b%2F..%2Fc%3Fd%23e')"]],
      ["segment", ["Messages", "a'b%2F..%2Fc%3Fd%23e"]],
    ] as const) {
      const { fake, client } = setup({ keyStyle });
      fake.respond(json({}));
      await client.me.messages.byId("a'b/../c?d#e").get();
      const url = fake.requests[0]?.url ?? "";
      expect(segmentsAfter(ROOT, url)).toEqual(["Me", ...last]);
      expect(new URL(url).search + new URL(url).hash).toBe("");
    }
  });

  it("hostile UPN", async () => {
    const { fake, client } = setup();
    fake.respond(json({}));
    await client.users.byId("x')/Messages?$top=1#").get();
    const url = fake.requests[0]?.url ?? "";
    expect(url).toBe(`${ROOT}/Users('x'')%2FMessages%3F$top%3D1%23')`);
    expect(segmentsAfter(ROOT, url)).toEqual(["Users('x'')%2FMessages%3F$top%3D1%23')"]);
    expect(new URL(url).search + new URL(url).hash).toBe("");
  });
});
