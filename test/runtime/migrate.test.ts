/**
 * The request and response translators (templates/runtime/migrate.ts) over the committed Outlook v2.0 → Graph v1.0 map:
 * each kind of translation, each kind of problem, hostile input. Graph's forms are checked against its reference pages,
 * cited where they are relied on.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import {
  translateExpression,
  translateRequest,
  translateResponse,
  type LegacyRequest,
  type RequestTranslation,
} from "../../templates/runtime/migrate.js";
import { REPO } from "../helpers/paths.js";

const loadMap = (label: string): MigrationMap =>
  JSON.parse(readFileSync(join(REPO, "generator/diff/maps", `outlook-${label}-to-graph-v1.0.map.json`), "utf8")) as MigrationMap;
const V2 = loadMap("v2.0");
const V1 = loadMap("v1.0");
const O = "https://outlook.office.com/api/v2.0";
const G = "https://graph.microsoft.com/v1.0";
const MSG = "Microsoft.OutlookServices.Message";

function ok(request: LegacyRequest, map: MigrationMap = V2): { request: LegacyRequest; notes: readonly string[] } {
  const r = translateRequest(map, request);
  if (!r.ok) throw new Error(`not translated: ${JSON.stringify(r.problems)}`);
  return r;
}

function problems(request: LegacyRequest, map: MigrationMap = V2): readonly { where: string; reason: string }[] {
  const r: RequestTranslation = translateRequest(map, request);
  if (r.ok) throw new Error(`translated, but should not be: ${JSON.stringify(r.request)}`);
  return r.problems;
}

const url = (u: string) => ok({ method: "GET", url: u }).request.url;
const decoded = (u: string) => decodeURIComponent(url(u));

describe("the path", () => {
  it("moves both Outlook hosts and the version root to Graph's root, or options.root", () => {
    expect(url(`${O}/me/messages`)).toBe(`${G}/me/messages`);
    expect(url("https://outlook.office365.com/api/v2.0/me/messages")).toBe(`${G}/me/messages`);
    expect(url("https://OUTLOOK.office.com:443/api/v2.0/me/events")).toBe(`${G}/me/events`);
    const r = translateRequest(V2, { method: "get", url: `${O}/me/contacts` }, { root: "https://graph.microsoft.us/v1.0/" });
    expect(r.ok && r.request).toEqual({ method: "GET", url: "https://graph.microsoft.us/v1.0/me/contacts" });
  });

  it("users/{userId@tenantId} becomes users/{userId}; a counted collection keeps its $filter", () => {
    const oid = "ddfc984d-b826-40d7-b48b-57002df85e00";
    const r = ok({ method: "GET", url: `${O}/users/${oid}@1717f226-49d1-4d0c-9d74-709fad6677b4/messages` });
    expect(r.request.url).toBe(`${G}/users/${oid}/messages`);
    expect(r.notes.join()).toContain("tenant");
    // https://learn.microsoft.com/graph/api/user-list-messages?view=graph-rest-1.0 (GET /me/messages/$count?$filter=…)
    expect(decoded(`${O}/me/messages/$count?$filter=IsRead eq false`)).toBe(`${G}/me/messages/$count?$filter=isRead eq false`);
  });

  it("reads me, users/{id} and Users('{id}'), and names case-insensitively", () => {
    expect(url(`${O}/Me/MailFolders`)).toBe(`${G}/me/mailFolders`);
    expect(url(`${O}/me/mailfolders`)).toBe(`${G}/me/mailFolders`);
    expect(url(`${O}/users/adele@contoso.com/messages`)).toBe(`${G}/users/adele@contoso.com/messages`);
    expect(url(`${O}/Users('adele@contoso.com')/Messages`)).toBe(`${G}/users/adele@contoso.com/messages`);
    expect(url(`${O}/users/3f5a@1e2b/calendarview?startDateTime=2017-01-01T00:00:00Z&endDateTime=2017-01-02T00:00:00Z`)).toBe(
      `${G}/users/3f5a@1e2b/calendarView?startDateTime=2017-01-01T00:00:00Z&endDateTime=2017-01-02T00:00:00Z`,
    );
  });

  it("writes keys as segments, as Graph documents them (GET /me/messages/{id}), whichever form Outlook had", () => {
    // https://learn.microsoft.com/graph/api/message-get?view=graph-rest-1.0
    expect(url(`${O}/me/messages('AAMkAGI2THVSAAA=')`)).toBe(`${G}/me/messages/AAMkAGI2THVSAAA=`);
    expect(url(`${O}/me/messages/AAMkAGI2THVSAAA=`)).toBe(`${G}/me/messages/AAMkAGI2THVSAAA=`);
    expect(url(`${O}/me/MailFolders('Inbox')/messages`)).toBe(`${G}/me/mailFolders/Inbox/messages`);
    // A quote inside a key is doubled in Outlook's form and plain in a segment; a "/" in a key stays inside its segment.
    expect(decoded(`${O}/me/contacts('it''s')`)).toBe(`${G}/me/contacts/it's`);
    expect(url(`${O}/me/messages('AA/BB')`)).toBe(`${G}/me/messages/AA%2FBB`);
    expect(url(`${O}/me/messages%28%27AAk%3D%27%29/attachments`)).toBe(`${G}/me/messages/AAk=/attachments`);
  });

  it("translates casts, functions with their parameter literals, $value, $count and $ref", () => {
    expect(url(`${O}/me/messages/AAk=/Microsoft.OutlookServices.EventMessage/Event`)).toBe(
      `${G}/me/messages/AAk=/microsoft.graph.eventMessage/event`,
    );
    // https://learn.microsoft.com/graph/api/user-reminderview?view=graph-rest-1.0:
    // GET /me/reminderView(startDateTime='2017-06-05T10:00:00.0000000',endDateTime='2017-06-11T11:00:00.0000000')
    expect(url(`${O}/me/ReminderView(StartDateTime='2017-06-05T10:00:00.0000000',EndDateTime='2017-06-11T11:00:00.0000000')`)).toBe(
      `${G}/me/reminderView(startDateTime='2017-06-05T10:00:00.0000000',endDateTime='2017-06-11T11:00:00.0000000')`,
    );
    expect(url(`${O}/me/messages/AAk=/$value`)).toBe(`${G}/me/messages/AAk=/$value`);
    expect(url(`${O}/me/messages/$count`)).toBe(`${G}/me/messages/$count`);
    expect(url(`${O}/me/photo/$value`)).toBe(`${G}/me/photo/$value`);
    expect(url(`${O}/me/contacts('AAk=')/photo`)).toBe(`${G}/me/contacts/AAk=/photo`);
  });

  it("turns a multipart $batch into Graph's JSON batch at the root, each part translated and chained by dependsOn", () => {
    // https://learn.microsoft.com/graph/json-batching: POST /$batch {"requests":[{id, method, url (relative), headers, body, dependsOn}]}
    const part = (line: string, json?: unknown) =>
      ["--b1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", line, ...(json !== undefined ? ["Content-Type: application/json", "", JSON.stringify(json)] : []), ""].join("\r\n");
    const body = part("GET /api/v2.0/me/MailFolders/Inbox/messages?$select=Subject HTTP/1.1") + part("POST /api/v2.0/me/events HTTP/1.1", { Subject: "Lunch" }) + "--b1--\r\n";
    const headers = { Authorization: "Bearer t", "Content-Type": "multipart/mixed; boundary=b1" };
    const r = ok({ method: "POST", url: `${O}/me/$batch`, headers, body });
    expect(r.request).toEqual({
      method: "POST",
      url: `${G}/$batch`,
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: {
        requests: [
          { id: "1", method: "GET", url: "/me/mailFolders/Inbox/messages?$select=subject" },
          { id: "2", dependsOn: ["1"], method: "POST", url: "/me/events", headers: { "Content-Type": "application/json" }, body: { subject: "Lunch" } },
        ],
      },
    });
    expect(r.notes.join()).toContain("root");
    // With odata.continue-on-error the parts stay independent, as Graph's are by default.
    const independent = ok({ method: "POST", url: `${O}/me/$batch`, headers: { ...headers, Prefer: "odata.continue-on-error" }, body });
    expect((independent.request.body as { requests: object[] }).requests.map((p) => "dependsOn" in p)).toEqual([false, false]);
    expect(independent.request.headers).toEqual({ Authorization: "Bearer t", "Content-Type": "application/json" });
    // A part that cannot be translated is located by its number.
    const bad = problems({ method: "POST", url: `${O}/me/$batch`, headers, body: body.replace("/me/events", "/me/TaskFolders") });
    expect(bad).toEqual([{ where: "body part 2: path segment `TaskFolders`", reason: expect.stringContaining("TaskFolders is not") }]);
    expect(problems({ method: "POST", url: `${O}/me/$batch`, body: "no parts" })[0]!.where).toBe("body");
  });

  it("a $ref body's @odata.id becomes the Graph URL of the same entity", () => {
    // https://learn.microsoft.com/graph/api/group-post-acceptedsenders?view=graph-rest-1.0
    const r = ok({ method: "POST", url: `${O}/groups('g1')/AcceptedSenders/$ref`, body: { "@odata.id": `${O}/Users('u1')` } });
    expect(r.request).toEqual({ method: "POST", url: `${G}/groups/g1/acceptedSenders/$ref`, body: { "@odata.id": `${G}/users/u1` } });
    expect(problems({ method: "POST", url: `${O}/groups('g1')/AcceptedSenders/$ref`, body: { "@odata.id": "https://evil.example/x" } })[0]!.where).toBe(
      "body /@odata.id: URL host",
    );
  });

  it("turns an action's parameters into Graph's body names and values", () => {
    // https://learn.microsoft.com/graph/api/event-accept?view=graph-rest-1.0: {"comment": …, "sendResponse": true}
    const r = ok({ method: "POST", url: `${O}/me/events('AAk=')/accept`, body: { Comment: "Yes", SendResponse: true } });
    expect(r.request).toEqual({ method: "POST", url: `${G}/me/events/AAk=/accept`, body: { comment: "Yes", sendResponse: true } });
  });
});

describe("query options", () => {
  it("renames $select, $orderby and $filter members; literals, operators and spacing stay", () => {
    const r = ok({
      method: "GET",
      url: `${O}/me/messages?$select=Subject,From&$filter=Subject eq 'Subject eq From' and Importance eq 'High'&$orderby=ReceivedDateTime desc, Subject&$top=5&$skip=10&$count=true`,
    });
    const query = new URL(r.request.url).searchParams;
    expect(query.get("$select")).toBe("subject,from");
    // An enum member compared with an enum property is a name: Graph's (https://learn.microsoft.com/graph/api/resources/message?view=graph-rest-1.0: importance low, normal, high).
    expect(query.get("$filter")).toBe("subject eq 'Subject eq From' and importance eq 'high'");
    expect(query.get("$orderby")).toBe("receivedDateTime desc, subject");
    expect([query.get("$top"), query.get("$skip"), query.get("$count")]).toEqual(["5", "10", "true"]);
  });

  it("follows lambdas with their variables, casts and functions through the types", () => {
    const t = translateExpression(
      V2,
      MSG,
      "SingleValueExtendedProperties/Any(ep: ep/PropertyId eq 'String {8ECCC264-6880-4EBE-992F-8888D2EEAA1D} Name Color' and ep/Value eq 'Green')",
      "filter",
    );
    // The lambda operator is kept as written: https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get?view=graph-rest-1.0
    // writes `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`.
    expect(t).toEqual({
      ok: true,
      text: "singleValueExtendedProperties/Any(ep: ep/id eq 'String {8ECCC264-6880-4EBE-992F-8888D2EEAA1D} Name Color' and ep/value eq 'Green')",
    });
    expect(translateExpression(V2, MSG, "ToRecipients/all(r: endswith(r/EmailAddress/Address, '@contoso.com'))", "filter")).toEqual({
      ok: true,
      text: "toRecipients/all(r: endswith(r/emailAddress/address, '@contoso.com'))",
    });
    expect(translateExpression(V2, MSG, "isof(Microsoft.OutlookServices.EventMessage) and (Attachments/$count gt 0 or not IsRead)", "filter")).toEqual({
      ok: true,
      text: "isof(microsoft.graph.eventMessage) and (attachments/$count gt 0 or not isRead)",
    });
    expect(translateExpression(V2, MSG, "Microsoft.OutlookServices.EventMessage/MeetingMessageType eq 'MeetingRequest'", "filter")).toEqual({
      ok: true,
      text: "microsoft.graph.eventMessage/meetingMessageType eq 'meetingRequest'",
    });
    expect(translateExpression(V2, MSG, "Importance eq Microsoft.OutlookServices.Importance'High' and ReceivedDateTime ge 2016-01-01T00:00:00+01:00", "filter")).toEqual({
      ok: true,
      text: "importance eq microsoft.graph.importance'high' and receivedDateTime ge 2016-01-01T00:00:00+01:00",
    });
    // A variable shadows nothing outside its lambda: after it, `ep` is a member name again, and not one of Message's.
    expect(translateExpression(V2, MSG, "Extensions/any(ep: ep/Id eq 'x') and ep/Id eq 'y'", "filter").ok).toBe(false);
  });

  it("turns string literals compared with an enum property into Graph's member names", () => {
    expect(translateExpression(V2, MSG, "Importance eq 'High' or 'Low' eq Importance or Importance in ('Normal', 'High')", "filter")).toEqual({
      ok: true,
      text: "importance eq 'high' or 'low' eq importance or importance in ('normal', 'high')",
    });
    expect(translateExpression(V2, MSG, "Subject eq 'High' and Body/ContentType eq 'HTML'", "filter")).toEqual({ ok: true, text: "subject eq 'High' and body/contentType eq 'html'" });
    expect(translateExpression(V2, MSG, "Importance eq 'Urgent'", "filter")).toEqual({
      ok: false,
      problems: [{ where: "$filter at column 15", reason: '"Urgent" is not a member of Microsoft.OutlookServices.Importance' }],
    });
  });

  it("translates $expand with nested options, and $select paths with casts", () => {
    // https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get?view=graph-rest-1.0
    expect(
      translateExpression(V2, MSG, "SingleValueExtendedProperties($filter=PropertyId eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color')", "expand"),
    ).toEqual({ ok: true, text: "singleValueExtendedProperties($filter=id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color')" });
    expect(translateExpression(V2, MSG, "*", "expand")).toEqual({ ok: true, text: "*" });
    expect(translateExpression(V2, MSG, "Attachments($select=Name,Size;$orderby=Size desc;$top=2),Extensions", "expand")).toEqual({
      ok: true,
      text: "attachments($select=name,size;$orderby=size desc;$top=2),extensions",
    });
    expect(translateExpression(V2, MSG, "Subject,Microsoft.OutlookServices.EventMessage/MeetingMessageType", "select")).toEqual({
      ok: true,
      text: "subject,microsoft.graph.eventMessage/meetingMessageType",
    });
    expect(translateExpression(V2, "Microsoft.OutlookServices.User", "CalendarView($select=Subject;$expand=Attachments($select=Name))", "expand")).toEqual({
      ok: true,
      text: "calendarView($select=subject;$expand=attachments($select=name))",
    });
  });

  it("keeps $search text and the calendar view's own parameters", () => {
    const q = new URL(url(`${O}/me/messages?$search="subject:pizza"`)).searchParams;
    expect(q.get("$search")).toBe('"subject:pizza"');
    expect(url(`${O}/me/calendarview?StartDateTime=2017-01-01T00:00:00Z&EndDateTime=2017-01-02T00:00:00Z`)).toBe(
      `${G}/me/calendarView?startDateTime=2017-01-01T00:00:00Z&endDateTime=2017-01-02T00:00:00Z`,
    );
  });

  it("says where an expression goes wrong, by column", () => {
    expect(translateExpression(V2, MSG, "Subject eq 'x' and Colour eq 1", "filter")).toEqual({
      ok: false,
      problems: [{ where: "$filter at column 20", reason: "Colour is not a property of Microsoft.OutlookServices.Message" }],
    });
    expect(translateExpression(V2, MSG, "Subject eq 'x", "filter")).toMatchObject({ ok: false, problems: [{ where: "$filter at column 12" }] });
    expect(translateExpression(V2, MSG, "frobnicate(Subject)", "filter")).toMatchObject({ ok: false, problems: [{ reason: "frobnicate is not an OData function" }] });
    expect(translateExpression(V2, MSG, "Subject eq 'x' Subject", "filter").ok).toBe(false);
    expect(translateExpression(V2, MSG, "Attachments($frob=1)", "expand")).toMatchObject({ ok: false, problems: [{ where: "$expand at column 13" }] });
    expect(translateExpression(V2, "Microsoft.OutlookServices.Nope", "Subject", "select")).toMatchObject({ ok: false });
    expect(problems({ method: "GET", url: `${O}/me/messages?$select=Subject,Colour` })).toEqual([
      { where: "$select at column 9", reason: "Colour is not a property of Microsoft.OutlookServices.Message" },
    ]);
  });

  it("a query option Outlook does not document is a problem, not passed through", () => {
    expect(problems({ method: "GET", url: `${O}/me/messages?foo=1` })).toEqual([
      { where: "query parameter `foo`", reason: "foo is not a query option Outlook documents" },
    ]);
    expect(problems({ method: "GET", url: `${O}/me/messages?$top=ten` })[0]!.reason).toContain("whole number");
  });
});

describe("headers", () => {
  it("drops x-AnchorMailbox with a note, keeps Authorization and the Prefer values Graph keeps", () => {
    // https://learn.microsoft.com/graph/api/message-get?view=graph-rest-1.0 (Prefer: outlook.body-content-type),
    // https://learn.microsoft.com/graph/api/user-list-events?view=graph-rest-1.0 (Prefer: outlook.timezone)
    const r = ok({
      method: "GET",
      url: `${O}/me/events`,
      headers: { Authorization: "Bearer t", "X-AnchorMailbox": "adele@contoso.com", Prefer: 'outlook.timezone="Pacific Standard Time", outlook.body-content-type="text"' },
    });
    expect(r.request.headers).toEqual({ Authorization: "Bearer t", Prefer: 'outlook.timezone="Pacific Standard Time", outlook.body-content-type="text"' });
    expect(r.notes.some((n) => n.includes("x-AnchorMailbox"))).toBe(true);
  });

  it("turns Prefer: odata.track-changes into the delta function, keeping odata.maxpagesize", () => {
    // https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-1.0: GET /me/calendarView/delta?startDateTime=…&endDateTime=…
    const r = ok({
      method: "GET",
      url: `${O}/me/calendarview?startDateTime=2016-12-01T00:00:00Z&endDateTime=2016-12-30T00:00:00Z`,
      headers: { Prefer: "odata.track-changes, odata.maxpagesize=2" },
    });
    expect(r.request).toEqual({
      method: "GET",
      url: `${G}/me/calendarView/delta?startDateTime=2016-12-01T00:00:00Z&endDateTime=2016-12-30T00:00:00Z`,
      headers: { Prefer: "odata.maxpagesize=2" },
    });
    // https://learn.microsoft.com/graph/api/message-delta?view=graph-rest-1.0: GET /me/mailFolders/{id}/messages/delta
    expect(ok({ method: "GET", url: `${O}/me/MailFolders('Inbox')/messages?$select=Subject`, headers: { Prefer: "odata.track-changes" } }).request.url).toBe(
      `${G}/me/mailFolders/Inbox/messages/delta?$select=subject`,
    );
  });

  it("track-changes where Graph documents no delta for that path is a problem", () => {
    // https://learn.microsoft.com/graph/api/contact-delta?view=graph-rest-1.0: only /me/contactFolders/{id}/contacts/delta
    expect(problems({ method: "GET", url: `${O}/me/contacts`, headers: { Prefer: "odata.track-changes" } })).toEqual([
      {
        where: "header Prefer: odata.track-changes",
        reason: "Graph v1.0 documents delta for microsoft.graph.contact only on /me/contactFolders/{id}/contacts/delta, not on /me/contacts/delta",
      },
    ]);
    expect(ok({ method: "GET", url: `${O}/me/contactfolders('AAk=')/contacts`, headers: { Prefer: "odata.track-changes" } }).request.url).toBe(
      `${G}/me/contactFolders/AAk=/contacts/delta`,
    );
  });

  it("a sync continuation carries the old service's tokens: a problem", () => {
    expect(problems({ method: "GET", url: `${O}/me/calendarview?$deltatoken=abc`, headers: { Prefer: "odata.track-changes" } })).toEqual([
      {
        where: "header Prefer: odata.track-changes with $deltatoken",
        reason: "$deltatoken is a token of the Outlook service, which Graph cannot resume from; start a new round with Graph's delta function",
      },
    ]);
    expect(problems({ method: "GET", url: `${O}/me/messages?$skiptoken=x` })[0]!.where).toBe("header Prefer: odata.track-changes with $skiptoken");
  });

  it("track-changes where Graph has no delta, unknown preferences and unknown headers are problems", () => {
    expect(problems({ method: "GET", url: `${O}/me/calendars`, headers: { Prefer: "odata.track-changes" } })[0]).toEqual({
      where: "header Prefer: odata.track-changes",
      reason: "Graph has no delta function for microsoft.graph.calendar",
    });
    expect(problems({ method: "GET", url: `${O}/me/messages`, headers: { Prefer: "outlook.frobnicate" } })[0]!.where).toBe("header Prefer: outlook.frobnicate");
    expect(problems({ method: "GET", url: `${O}/me/messages`, headers: { "X-Custom": "1" } })[0]!.where).toBe("header X-Custom");
  });
});

describe("bodies", () => {
  it("renames through the declared type: nested complex types, collections, enum values", () => {
    // https://learn.microsoft.com/graph/api/user-sendmail?view=graph-rest-1.0
    const r = ok({
      method: "POST",
      url: `${O}/me/sendmail`,
      body: {
        Message: {
          Subject: "Lunch?",
          Body: { ContentType: "Text", Content: "Soon." },
          Importance: "High",
          ToRecipients: [{ EmailAddress: { Name: "Adele", Address: "adele@contoso.com" } }],
        },
        SaveToSentItems: false,
      },
    });
    expect(r.request).toEqual({
      method: "POST",
      url: `${G}/me/sendMail`,
      body: {
        message: {
          subject: "Lunch?",
          body: { contentType: "text", content: "Soon." },
          importance: "high",
          toRecipients: [{ emailAddress: { name: "Adele", address: "adele@contoso.com" } }],
        },
        saveToSentItems: false,
      },
    });
  });

  it("translates @odata.type values and follows the derived type they name", () => {
    // https://learn.microsoft.com/graph/api/message-post-attachments?view=graph-rest-1.0
    const r = ok({
      method: "POST",
      url: `${O}/me/messages/AAk=/attachments`,
      body: { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "a.txt", ContentBytes: "SGk=" },
    });
    expect(r.request.body).toEqual({ "@odata.type": "#microsoft.graph.fileAttachment", name: "a.txt", contentBytes: "SGk=" });
  });

  it("extended properties: PropertyId becomes id, the id string kept", () => {
    // https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties?view=graph-rest-1.0
    const id = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color";
    const r = ok({ method: "PATCH", url: `${O}/me/messages('AAk=')`, body: { SingleValueExtendedProperties: [{ PropertyId: id, Value: "Green" }] } });
    expect(r.request).toEqual({ method: "PATCH", url: `${G}/me/messages/AAk=`, body: { singleValueExtendedProperties: [{ id, value: "Green" }] } });
  });

  it("open extensions: ExtensionName becomes extensionName, the custom properties and the id in the path are kept", () => {
    // https://learn.microsoft.com/graph/api/opentypeextension-post-opentypeextension?view=graph-rest-1.0
    const r = ok({
      method: "POST",
      url: `${O}/me/messages('AAk=')/extensions`,
      body: { "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension", ExtensionName: "Com.Contoso.Referral", CompanyName: "Wingtip Toys", DealValue: 500050 },
    });
    expect(r.request.body).toEqual({ "@odata.type": "microsoft.graph.openTypeExtension", extensionName: "Com.Contoso.Referral", CompanyName: "Wingtip Toys", DealValue: 500050 });
    // https://learn.microsoft.com/graph/api/opentypeextension-get?view=graph-rest-1.0: GET /me/messages/{id}/extensions/{extensionName}
    expect(url(`${O}/me/messages('AAk=')/extensions('Com.Contoso.Referral')`)).toBe(`${G}/me/messages/AAk=/extensions/Com.Contoso.Referral`);
    const qualified = ok({ method: "GET", url: `${O}/me/messages('AAk=')/extensions('Microsoft.OutlookServices.OpenTypeExtension.Com.Contoso.Referral')` });
    expect(qualified.request.url).toBe(`${G}/me/messages/AAk=/extensions/Com.Contoso.Referral`);
    expect(qualified.notes.join()).toContain("extensionName");
  });

  it("subscriptions: POST /me/subscriptions → POST /subscriptions with Graph's body and relative resource", () => {
    // https://learn.microsoft.com/graph/api/subscription-post-subscriptions?view=graph-rest-1.0 (resource "me/mailFolders('Inbox')/messages",
    // changeType "created,updated"; expirationDateTime required)
    const r = ok({
      method: "POST",
      url: `${O}/me/subscriptions`,
      body: {
        "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
        Resource: "https://outlook.office.com/api/v2.0/me/mailfolders('Inbox')/messages?$filter=IsRead eq false",
        NotificationURL: "https://webhook.contoso.com/api",
        ChangeType: "Created, Updated,Deleted",
        ClientState: "secret",
        SubscriptionExpirationDateTime: "2016-11-20T18:23:45.935Z",
      },
    });
    expect(r.request).toEqual({
      method: "POST",
      url: `${G}/subscriptions`,
      body: {
        resource: "me/mailFolders('Inbox')/messages?$filter=isRead eq false",
        notificationUrl: "https://webhook.contoso.com/api",
        changeType: "created,updated,deleted",
        clientState: "secret",
        expirationDateTime: "2016-11-20T18:23:45.935Z",
      },
    });
    // No expiry: Outlook defaulted to 3 days; Graph requires one, at most 4230 minutes for Outlook resources.
    const now = "2016-07-20T10:00:00Z";
    const bare = translateRequest(V2, { method: "POST", url: `${O}/me/subscriptions`, body: { Resource: "me/events", NotificationURL: "https://x", ChangeType: "Created" } }, { now });
    expect(bare.ok && bare.request.body).toEqual({ resource: "me/events", notificationUrl: "https://x", changeType: "created", expirationDateTime: "2016-07-23T08:30:00Z" });
    expect(bare.ok && bare.notes.some((n) => n.includes("expirationDateTime set to 2016-07-23T08:30:00Z"))).toBe(true);
    const renew = translateRequest(V2, { method: "PATCH", url: `${O}/me/subscriptions('Mjk3')`, body: {} }, { now: new Date(now) });
    expect(renew.ok && renew.request).toEqual({ method: "PATCH", url: `${G}/subscriptions/Mjk3`, body: { expirationDateTime: "2016-07-23T08:30:00Z" } });
    const clock = ok({ method: "POST", url: `${O}/me/subscriptions`, body: { Resource: "me/events", NotificationURL: "https://x", ChangeType: "Created" } });
    expect(Date.parse((clock.request.body as { expirationDateTime: string }).expirationDateTime) - Date.now()).toBeGreaterThan(4229 * 60_000);
    expect(translateRequest(V2, { method: "POST", url: `${O}/me/subscriptions`, body: {} }, { now: "soon" })).toMatchObject({ ok: false, problems: [{ where: "options.now" }] });
    expect(ok({ method: "DELETE", url: `${O}/me/subscriptions('Mjk3')` }).request.url).toBe(`${G}/subscriptions/Mjk3`);
  });

  it("Outlook beta's TimeStamp { Date, Time, TimeZone } becomes Graph's dateTimeTimeZone, and back", () => {
    // https://learn.microsoft.com/graph/api/resources/timeslot?view=graph-rest-1.0: start and end are dateTimeTimeZone.
    const ns = "Microsoft.OutlookServices";
    const stamp = { to: "start", kind: "property", type: `${ns}.TimeStamp` } as const;
    const beta: MigrationMap = {
      from: { label: "beta", namespace: ns },
      to: { label: "graph-v1.0", namespace: "microsoft.graph" },
      roots: { Me: { to: "me", kind: "singleton", type: `${ns}.User` } },
      types: {
        [`${ns}.User`]: { to: "microsoft.graph.user", kind: "entityType" },
        [`${ns}.TimeSlot`]: { to: "microsoft.graph.timeSlot", kind: "complexType", members: { Start: stamp, End: { ...stamp, to: "end" } } },
        [`${ns}.TimeStamp`]: { to: null, kind: "complexType", why: "Graph's time slot takes a dateTimeTimeZone" },
      },
      operations: { [`${ns}.User`]: { PickSlot: { to: "pickSlot", kind: "action", parameters: { Slot: { to: "Slot", type: `${ns}.TimeSlot` } }, returns: { type: `${ns}.TimeSlot` } } } },
      imports: {},
    };
    const url = "https://outlook.office.com/api/beta/me/PickSlot";
    const r = ok({ method: "POST", url, body: { Slot: { Start: { Date: "2016-07-20", Time: "09:00:00", TimeZone: "Pacific Standard Time" }, End: { Date: "2016-07-20" } } } }, beta);
    expect(r.request.body).toEqual({ slot: { start: { dateTime: "2016-07-20T09:00:00", timeZone: "Pacific Standard Time" }, end: { dateTime: "2016-07-20T00:00:00" } } });
    expect(problems({ method: "POST", url, body: { Slot: { Start: { Date: 20160720 } } } }, beta)[0]!.where).toBe("body /Slot/Start");
    expect(problems({ method: "POST", url, body: { Slot: { Start: { Date: "2016-07-20", Hour: 9 } } } }, beta)[0]!.where).toBe("body /Slot/Start/Hour");
    expect(translateResponse(beta, { method: "POST", url }, { start: { dateTime: "2016-07-20T09:00:00", timeZone: "UTC" } })).toEqual({
      Start: { Date: "2016-07-20", Time: "09:00:00", TimeZone: "UTC" },
    });
  });

  it("what the map has no counterpart for is a problem quoting the map's why", () => {
    const missed = problems({ method: "POST", url: `${O}/me/subscriptions`, body: { Resource: "me/events", NotificationURL: "https://x", ChangeType: "Missed" } });
    expect(missed).toEqual([{ where: "body /ChangeType", reason: expect.stringContaining("lifecycle notification") }]);
    expect(missed[0]!.reason).toMatch(/^ChangeType'Missed' has no Microsoft Graph counterpart: /);
    const joined = problems({ method: "GET", url: `${O}/me/JoinedGroups` });
    expect(joined).toEqual([{ where: "path segment `JoinedGroups`", reason: expect.stringContaining("memberOf") }]);
    expect(problems({ method: "PATCH", url: `${O}/me`, body: { MailboxGuid: "x" } })[0]!.where).toBe("body /MailboxGuid");
  });

  it("unknown names are problems, never passed through", () => {
    expect(problems({ method: "GET", url: `${O}/me/TaskFolders` })).toEqual([
      { where: "path segment `TaskFolders`", reason: "TaskFolders is not a property, navigation, operation or type of Microsoft.OutlookServices.User" },
    ]);
    expect(problems({ method: "POST", url: `${O}/me/messages`, body: { Subject: "x", Colour: "red" } })).toEqual([
      { where: "body /Colour", reason: "Colour is not a property of Microsoft.OutlookServices.Message" },
    ]);
    expect(problems({ method: "POST", url: `${O}/me/messages`, body: { "@odata.type": "#Microsoft.OutlookServices.Contact" } })[0]!.where).toBe("body /@odata.type");
    expect(problems({ method: "POST", url: `${O}/me/events/AAk=/accept`, body: { Comentario: "x" } })[0]!.where).toBe("body /Comentario");
    expect(problems({ method: "GET", url: `${O}/me/ReminderView(Start='x')` })[0]!.reason).toBe("Start is not a parameter of ReminderView");
    expect(problems({ method: "POST", url: `${O}/me/messages/AAk=/createreply/Subject` })).toEqual([
      { where: "path segment `Subject`", reason: "nothing can follow the segment before it" },
    ]);
    expect(problems({ method: "POST", url: `${O}/me/events/AAk=/accept(Comment='x')` })[0]!.reason).toBe("Accept is an action: its parameters go in the body");
  });

  it("a v1.0 URL is refused by the v2.0 map, and v1.0's own map takes it", () => {
    expect(problems({ method: "GET", url: "https://outlook.office.com/api/v1.0/me/folders" })).toEqual([
      { where: "path segment `v1.0`", reason: "this map translates Outlook v2.0, not v1.0" },
    ]);
    expect(ok({ method: "GET", url: "https://outlook.office.com/api/v1.0/me/messages?$select=Subject" }, V1).request.url).toBe(`${G}/me/messages?$select=subject`);
  });
});

describe("hostile input stays data", () => {
  it("refuses other hosts and schemes, and paths that would leave the root", () => {
    expect(problems({ method: "GET", url: "https://evil.example/api/v2.0/me" })[0]!.where).toBe("URL host");
    expect(problems({ method: "GET", url: "http://outlook.office.com/api/v2.0/me" })[0]!.where).toBe("URL host");
    expect(problems({ method: "GET", url: "https://user@outlook.office.com/api/v2.0/me" })[0]!.where).toBe("URL host");
    expect(problems({ method: "GET", url: `${O}/me/messages/..` })[0]!.reason).toContain("would not stay one path segment");
    expect(problems({ method: "GET", url: `${O}/me/messages/%2e%2e/..` })[0]!.reason).toContain("would not stay one path segment");
    expect(problems({ method: "GET", url: `${O}/me/messages('..')` })[0]!.reason).toContain("would not stay one path segment");
    expect(problems({ method: "GET", url: `${O}/me/messages/%E0%A4%A` })[0]!.reason).toBe("malformed percent-encoding");
    expect(problems({ method: "GE T", url: `${O}/me` })[0]!.where).toBe("method");
  });

  it("a key or literal with URL syntax in it is encoded into its own segment", () => {
    const u = url(`${O}/me/messages('a%3Fb%23c%2F..%2Fd')`);
    expect(u).toBe(`${G}/me/messages/a%3Fb%23c%2F..%2Fd`);
    expect(new URL(u).pathname).toBe("/v1.0/me/messages/a%3Fb%23c%2F..%2Fd");
    const f = url(`${O}/me/ReminderView(StartDateTime='x/../../y%3Fz%23',EndDateTime='w')`);
    expect(new URL(f).pathname.startsWith("/v1.0/me/reminderView(")).toBe(true);
    expect(new URL(f).search).toBe("");
  });

  it("a body's __proto__ or constructor is a property name like any other", () => {
    const body = JSON.parse('{"@odata.type":"Microsoft.OutlookServices.OpenTypeExtension","ExtensionName":"a","__proto__":{"polluted":1}}');
    const r = ok({ method: "POST", url: `${O}/me/messages/AAk=/extensions`, body });
    expect(Object.hasOwn(r.request.body as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems({ method: "POST", url: `${O}/me/messages`, body: JSON.parse('{"constructor":1}') })[0]!.where).toBe("body /constructor");
    expect(translateExpression(V2, MSG, "__proto__ eq 1 or constructor eq 2", "filter").ok).toBe(false);
    expect(problems({ method: "GET", url: `${O}/__proto__` })[0]!.where).toBe("path segment `__proto__`");
  });

  it("any input gives a translation under the Graph root or problems, never a throw (property)", () => {
    const piece = fc.constantFrom("me", "Users('a')", "messages", "MailFolders", "('x')", "..", "%2e%2e", "'", "(", ")", "$value", "$count", "ReminderView(StartDateTime='a')", "Microsoft.OutlookServices.EventMessage", "?", "#", "&", "=", "%", "%2F", "/", "@", "evil.example");
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, text, fc.constantFrom("filter", "orderby", "select", "expand") as fc.Arbitrary<"filter" | "orderby" | "select" | "expand">, (path, query, kind) => {
        const r = translateRequest(V2, { method: "GET", url: `${O}/${path}?$${kind}=${query}` });
        if (r.ok) {
          const u = new URL(r.request.url);
          expect(u.origin).toBe("https://graph.microsoft.com");
          expect(u.pathname.startsWith("/v1.0/")).toBe(true);
          expect(u.pathname.split("/")).not.toContain("..");
        } else expect(r.problems.length).toBeGreaterThan(0);
        const e = translateExpression(V2, MSG, query, kind);
        expect(e.ok || e.problems.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("a map whose names are not OData names cannot steer the URL", () => {
    const evil: MigrationMap = { ...V2, roots: { ...V2.roots, Me: { ...V2.roots.Me!, to: "../../evil.example" } } };
    expect(problems({ method: "GET", url: `${O}/me/messages` }, evil)[0]!.reason).toContain("not an OData name");
  });
});

describe("translateResponse", () => {
  it("renames a collection's items back, @odata.type and enum values included; links kept as Graph sent them", () => {
    const graph = {
      "@odata.context": `${G}/$metadata#users('x')/messages`,
      value: [
        {
          "@odata.type": "#microsoft.graph.eventMessage",
          id: "AAk=",
          subject: "Meet",
          importance: "high",
          from: { emailAddress: { name: "Adele", address: "adele@contoso.com" } },
          meetingMessageType: "meetingRequest",
          singleValueExtendedProperties: [{ id: "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color", value: "Green" }],
          flag: { flagStatus: "flagged" },
        },
      ],
      "@odata.nextLink": `${G}/me/messages?$skip=10`,
    };
    expect(translateResponse(V2, { method: "GET", url: `${O}/me/messages` }, graph)).toEqual({
      "@odata.context": `${G}/$metadata#users('x')/messages`,
      value: [
        {
          "@odata.type": "#Microsoft.OutlookServices.EventMessage",
          Id: "AAk=",
          Subject: "Meet",
          Importance: "High",
          From: { EmailAddress: { Name: "Adele", Address: "adele@contoso.com" } },
          MeetingMessageType: "MeetingRequest",
          SingleValueExtendedProperties: [{ PropertyId: "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color", Value: "Green" }],
          flag: { flagStatus: "flagged" },
        },
      ],
      "@odata.nextLink": `${G}/me/messages?$skip=10`,
    });
  });

  it("a delta page keeps its @removed entries and @odata.deltaLink; the request's track-changes header does not matter", () => {
    // https://learn.microsoft.com/graph/api/message-delta?view=graph-rest-1.0 (removed items carry "@removed": { "reason": … })
    const page = {
      value: [
        { id: "1", subject: "New", isRead: false },
        { id: "2", "@removed": { reason: "deleted" } },
      ],
      "@odata.deltaLink": `${G}/me/mailFolders/inbox/messages/delta?$deltatoken=abc`,
    };
    const request = { method: "GET", url: `${O}/me/MailFolders('Inbox')/messages`, headers: { Prefer: "odata.track-changes" } };
    expect(translateResponse(V2, request, page)).toEqual({
      value: [
        { Id: "1", Subject: "New", IsRead: false },
        { Id: "2", "@removed": { reason: "deleted" } },
      ],
      "@odata.deltaLink": `${G}/me/mailFolders/inbox/messages/delta?$deltatoken=abc`,
    });
  });

  it("types a function's result by its return type, and a single entity by the path", () => {
    const reminders = translateResponse(V2, { method: "GET", url: `${O}/me/ReminderView(StartDateTime='a',EndDateTime='b')` }, { value: [{ eventSubject: "x", eventId: "1" }] });
    expect(reminders).toEqual({ value: [{ EventSubject: "x", EventId: "1" }] });
    const sub = translateResponse(V2, { method: "POST", url: `${O}/me/subscriptions` }, { id: "s", notificationUrl: "https://x", expirationDateTime: "t", changeType: "created,updated" });
    expect(sub).toEqual({ Id: "s", NotificationURL: "https://x", SubscriptionExpirationDateTime: "t", ChangeType: "Created,Updated" });
    expect(translateResponse(V2, { method: "GET", url: "https://evil.example/x" }, { a: 1 })).toEqual({ a: 1 });
  });
});

describe("tree shaking", () => {
  it("an app that does not migrate bundles none of migrate.ts; one that imports it (./runtime/migrate) does", async () => {
    const runtime = resolve(__dirname, "../../templates/runtime/index.ts");
    const bundle = async (code: string) => {
      const r = await build({ stdin: { contents: code, resolveDir: REPO, loader: "ts" }, bundle: true, format: "esm", write: false, metafile: true, logLevel: "silent" });
      const out = Object.values(r.metafile.outputs)[0]!;
      return Object.entries(out.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
    };
    const plain = await bundle(`import { createContext, rootNode } from ${JSON.stringify(runtime)};
      const c = rootNode(createContext({}, { baseUrl: "https://x", sendAnchorMailbox: false }), { rule: "same" }); await c.me.messages.list({ top: 1 });`);
    expect(plain.some((m) => m.endsWith("node.ts"))).toBe(true);
    expect(plain.some((m) => m.endsWith("migrate.ts"))).toBe(false);
    const migrate = resolve(__dirname, "../../templates/runtime/migrate.ts");
    const migrating = await bundle(`import { translateRequest } from ${JSON.stringify(migrate)}; console.log(translateRequest);`);
    expect(migrating.some((m) => m.endsWith("migrate.ts"))).toBe(true);
  });
});
