/**
 * Issue 13 part 3's oracle: every request that ../shared/docs/outlook-rest-api.md documents (its sections 2 and 3),
 * written as an Outlook REST request, beside the request the Microsoft Graph v1.0 documentation gives for the same
 * operation, or the precise reason Graph v1.0 has none.
 *
 * Conventions of the rows:
 * - `outlook` is written the way the fact sheet writes it: its casing of path segments (`/me/MailFolders`,
 *   `/me/sendmail`, `/me/calendarview`), PascalCase bodies, its key forms (`/me/events('{id}')` or `/me/events/{id}`).
 *   Every request line is absolute (`https://outlook.office.com/api/<version>/…`).
 * - `graph` is written the way the Graph v1.0 reference pages write the operation: camelCase segments and members,
 *   keys as segments, enum members as Graph's metadata names them (`"high"`, `"required"`), `@odata.type` values in the
 *   `microsoft.graph` namespace. Key values, ids, extended-property ids, extension names, custom properties of open
 *   extensions, dates and free text are carried over unchanged: the translator maps names, never data.
 * - Query values are written unencoded (spaces and quotes as such); compare URLs percent-decoded.
 * - A JSON body carries `Content-Type: application/json` on both sides; a string body is passed through as it is
 *   (binary photo bytes) or is the whole multipart text of a `$batch`.
 * - `Authorization` stays as it is; `x-AnchorMailbox` is dropped (Graph routes by the token and the URL, see `notes`);
 *   `Prefer` values Graph documents (`outlook.timezone`, `outlook.body-content-type`, `outlook.allow-unsafe-html`,
 *   `odata.maxpagesize`) stay; `odata.track-changes` turns the request into a `delta` function call.
 * - Action parameters (the top-level keys of an action's body) are written as the Graph page for the action writes
 *   them: camelCase on nearly every page (`comment`, `saveToSentItems`, `destinationId`), but `Comment` on event-cancel's
 *   page. Graph's metadata spells every action and function parameter in PascalCase (`Comment`, `SaveToSentItems`,
 *   `StartDateTime`) and the service matches them case-insensitively, so compare those names case-insensitively;
 *   everything below them (entity and complex members) is case-sensitive camelCase.
 * - `clock` is the time the translator is told it is, for the rows whose Graph request needs a value Outlook filled
 *   in on the server (a subscription's expiry).
 *
 * test/migrate/documented-requests.test.ts walks every URL of these rows through the Outlook model of its version and
 * through the Graph v1.0 model, so a misspelt segment, member or enum value fails there.
 */

export type OutlookVersion = "v1.0" | "v2.0" | "beta";
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A path segment the model walk may not resolve, and why it is still right. */
export interface Unresolved {
  readonly segment: string;
  readonly why: string;
}

export interface WireRequest {
  readonly method: Method;
  /** Absolute URL, query values unencoded. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value, or a string sent as it is (binary stand-in, multipart `$batch` text). */
  readonly body?: unknown;
  /** Segments outside the model (`$batch`), each with its reason. */
  readonly unresolved?: readonly Unresolved[];
}

export interface Untranslatable {
  /** Why Graph v1.0 has no equivalent request, precisely. */
  readonly reason: string;
  /** The Graph pages that show it (learn.microsoft.com/graph/…). */
  readonly cite: readonly string[];
  /**
   * Graph v1.0 URLs a naive translation would produce; the self-test checks that each does NOT resolve in the Graph
   * v1.0 model (left out where the model has the path but the documentation does not support it).
   */
  readonly probes?: readonly string[];
}

export interface DocumentedRequest {
  /** Stable kebab-case id. */
  readonly id: string;
  /** Section of outlook-rest-api.md: "2.5", "3.1", … */
  readonly section: string;
  /** The first version the fact sheet documents it for (v2.0 where it says [all]). */
  readonly version: OutlookVersion;
  /** What the fact sheet says, in its words (a URL shape, an action). */
  readonly doc: string;
  readonly outlook: WireRequest;
  readonly graph?: WireRequest;
  /** The Graph v1.0 pages checked for `graph`. */
  readonly cite?: readonly string[];
  readonly untranslatable?: Untranslatable;
  /** What the translation drops or changes beyond names, for the reader and the translator. */
  readonly notes?: string;
  /** ISO time the translator is given as "now" (rows whose Graph body needs a computed value). */
  readonly clock?: string;
}

const OUTLOOK: Readonly<Record<OutlookVersion, string>> = {
  "v1.0": "https://outlook.office.com/api/v1.0",
  "v2.0": "https://outlook.office.com/api/v2.0",
  beta: "https://outlook.office.com/api/beta",
};
const GRAPH = "https://graph.microsoft.com/v1.0";

/** A Graph v1.0 reference page. */
const api = (page: string): string => `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-1.0`;
/** A Graph concept page. */
const concept = (page: string): string => `https://learn.microsoft.com/graph/${page}`;

const JSON_TYPE = { "Content-Type": "application/json" } as const;

function o(
  version: OutlookVersion,
  method: Method,
  path: string,
  body?: unknown,
  headers?: Readonly<Record<string, string>>,
): WireRequest {
  return req(OUTLOOK[version] + path, method, body, headers);
}

function g(method: Method, path: string, body?: unknown, headers?: Readonly<Record<string, string>>): WireRequest {
  return req(GRAPH + path, method, body, headers);
}

function req(url: string, method: Method, body: unknown, headers: Readonly<Record<string, string>> | undefined): WireRequest {
  const all = { ...(body !== undefined && typeof body !== "string" ? JSON_TYPE : {}), ...headers };
  return {
    method,
    url,
    ...(Object.keys(all).length > 0 ? { headers: all } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

// Realistic ids (base64 Exchange ids, AAD object ids); the translator must carry them over byte for byte.
const USER_UPN = "sadie@contoso.com";
const USER_OID = "ddfc984d-b826-40d7-b48b-57002df85e00";
const TENANT = "1717f226-49d1-4d0c-9d74-709fad6677b4";
const MSG = "AAMkAGI2THVSAAA=";
const FOLDER = "AAMkAGI2TAAAAAEMAAA=";
const EVENT = "AAMkAGI2TGuLAAA=";
const CAL = "AAMkAGI2TGuLBwAA=";
const CALGROUP = "AAMkAGI2TGuLGwAA=";
const CONTACT = "AAMkAGI2THk0AAA=";
const CFOLDER = "AAMkAGI2TAAAAAENAAA=";
const ATT = "AAMkAGI2TAAABEgAQAMkpJI=";
const OVERRIDE = "9d0d3f39-2b4e-4d6b-a1c0-2f2b6f3f4e01";
const SUB = "RUM4OEJFNUItQzYyRi00N0I4LUIzRkQtNjZCMzhCRkJENTJEXzQ0RUVGRkZB";
const TASK = "AAMkAGI2TAAAKtskAAA=";
const TASKFOLDER = "AAMkAGI2TAAAKtfdAAA=";
const TASKGROUP = "AAMkAGI2TAAAKtgpAAA=";
const DELTATOKEN = "6fe3d0ef6bfd4ee1a38e8f1a8a2a70bb";
const SKIPTOKEN = "c2a7f0c6a8a14bd1a5f7f0b2d1e4c9aa";
const EXT = "Com.Contoso.Referral";
const EXT_ID = `Microsoft.OutlookServices.OpenTypeExtension.${EXT}`;
const XP_NAME = "String {8ECCC264-6880-4EBE-992F-8888D2EEAA1D} Name TestProperty";
const XP_ID = "Integer {8ECCC264-6880-4EBE-992F-8888D2EEAA1D} Id 0x8012";
const XP_MULTI = "StringArray {66f5a359-4659-4830-9070-00050ec6ac6e} Name Palette";
const TOKEN = "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln";
const JPEG = "\u00ff\u00d8\u00ff\u00e0 (JPEG bytes)";

const TRACK = { Prefer: "odata.track-changes" } as const;

// ---------------------------------------------------------------------------------------------------------------
// Shared reasons

const TASKS_REASON =
  "Outlook tasks, task folders and task groups have no Microsoft Graph v1.0 counterpart at these paths: Graph v1.0 has " +
  "no /me/tasks, /me/taskFolders or /me/taskGroups (outlookTask, outlookTaskFolder and outlookTaskGroup exist only in " +
  "Graph beta, and are deprecated there). Tasks moved to the Microsoft To Do API (/me/todo/lists/{todoTaskListId}/tasks), " +
  "whose todoTaskList and todoTask have other shapes (title instead of Subject, status values notStarted|inProgress|" +
  "completed|waitingOnOthers|deferred on todoTask, no task groups, no Owner/AssignedTo) and other ids, so no Outlook " +
  "task, folder or group id can be carried over.";
const TASKS_CITE = [
  api("resources/todo-overview"),
  api("resources/todotask"),
  "https://learn.microsoft.com/graph/api/resources/outlooktask?view=graph-rest-beta",
];

const TOKEN_REASON =
  "A later sync round replays the old service's opaque state token; Graph cannot read Outlook REST delta or skip " +
  "tokens, so the round cannot be carried over: start a new round with the Graph delta function (its first request " +
  "is this row's translated first round) and follow Graph's own @odata.nextLink and @odata.deltaLink.";

// ---------------------------------------------------------------------------------------------------------------
// 2. Conventions

const conventions: DocumentedRequest[] = [
  {
    id: "address-users-upn",
    section: "2.1",
    version: "v2.0",
    doc: "User context `users/{upn}`",
    outlook: o("v2.0", "GET", `/users/${USER_UPN}/messages`),
    graph: g("GET", `/users/${USER_UPN}/messages`),
    cite: [api("user-list-messages")],
  },
  {
    id: "address-v1-users-smtp",
    section: "2.1",
    version: "v1.0",
    doc: "User context [v1]: `users/{upn-or-smtp}`",
    outlook: o("v1.0", "GET", `/users/${USER_UPN}/folders/Inbox/messages`),
    graph: g("GET", `/users/${USER_UPN}/mailFolders/Inbox/messages`),
    cite: [api("mailfolder-list-messages")],
  },
  {
    id: "address-users-aad-id",
    section: "2.1",
    version: "v2.0",
    doc: "User context `Users('{AAD_userId@AAD_tenantId}')`",
    outlook: o("v2.0", "GET", `/Users('${USER_OID}@${TENANT}')/messages`),
    graph: g("GET", `/users/${USER_OID}/messages`),
    cite: [api("user-list-messages"), api("user-get")],
    notes:
      "Graph addresses a user by its Azure AD object id or userPrincipalName; the tenant half of the Outlook " +
      "`{userId@tenantId}` form is dropped (the token names the tenant).",
  },
  {
    id: "address-key-in-parentheses",
    section: "2.1",
    version: "v2.0",
    doc: "`/me/events('{id}')`",
    outlook: o("v2.0", "GET", `/me/events('${EVENT}')`),
    graph: g("GET", `/me/events/${EVENT}`),
    cite: [api("event-get")],
  },
  {
    id: "address-segments-case-insensitive",
    section: "2.1",
    version: "v2.0",
    doc: "Path segments are case-insensitive (`/me/mailfolders/…`)",
    outlook: o("v2.0", "GET", "/me/mailfolders/Inbox/messages"),
    graph: g("GET", "/me/mailFolders/Inbox/messages"),
    cite: [api("mailfolder-list-messages"), api("resources/mailfolder")],
    notes: "Well-known folder names are values and stay as written; Graph accepts them case-insensitively.",
  },
  {
    id: "header-authorization-anchor-mailbox",
    section: "2.2",
    version: "v2.0",
    doc: "`Authorization: Bearer {token}` and `x-AnchorMailbox: {user smtp}`",
    outlook: o("v2.0", "GET", "/me/messages", undefined, { Authorization: TOKEN, "x-AnchorMailbox": USER_UPN }),
    graph: g("GET", "/me/messages", undefined, { Authorization: TOKEN }),
    cite: [api("user-list-messages")],
    notes:
      "x-AnchorMailbox is dropped: it was a routing hint for outlook.office.com; Graph routes by the token and the " +
      "URL, and none of its pages documents such a header.",
  },
  {
    id: "header-prefer-timezone",
    section: "2.2",
    version: "v2.0",
    doc: 'Prefer: outlook.timezone="{Windows tz name}" on calendar reads',
    outlook: o("v2.0", "GET", "/me/events", undefined, { Prefer: 'outlook.timezone="Pacific Standard Time"' }),
    graph: g("GET", "/me/events", undefined, { Prefer: 'outlook.timezone="Pacific Standard Time"' }),
    cite: [api("user-list-events")],
  },
  {
    id: "header-prefer-body-content-type",
    section: "2.2",
    version: "v2.0",
    doc: 'Prefer: outlook.body-content-type="text"',
    outlook: o("v2.0", "GET", `/me/messages/${MSG}`, undefined, { Prefer: 'outlook.body-content-type="text"' }),
    graph: g("GET", `/me/messages/${MSG}`, undefined, { Prefer: 'outlook.body-content-type="text"' }),
    cite: [api("message-get")],
  },
  {
    id: "header-prefer-allow-unsafe-html",
    section: "2.2",
    version: "v2.0",
    doc: "Prefer: outlook.allow-unsafe-html",
    outlook: o("v2.0", "GET", `/me/messages/${MSG}`, undefined, { Prefer: "outlook.allow-unsafe-html" }),
    graph: g("GET", `/me/messages/${MSG}`, undefined, { Prefer: "outlook.allow-unsafe-html" }),
    cite: [concept("outlook-create-send-messages"), api("resources/message")],
    notes: "Graph's Outlook mail concept page documents the same preference for the original, unfiltered HTML body.",
  },
  {
    id: "query-select-filter-orderby-top-skip",
    section: "2.3",
    version: "v2.0",
    doc: "$filter, $select, $orderby, $top, $skip",
    outlook: o(
      "v2.0",
      "GET",
      "/me/messages?$select=Subject,From,ReceivedDateTime&$filter=Importance eq 'High'&$orderby=ReceivedDateTime desc&$top=10&$skip=10",
    ),
    graph: g(
      "GET",
      "/me/messages?$select=subject,from,receivedDateTime&$filter=importance eq 'high'&$orderby=receivedDateTime desc&$top=10&$skip=10",
    ),
    cite: [api("user-list-messages"), concept("query-parameters")],
  },
  {
    id: "query-count-segment",
    section: "2.3",
    version: "v2.0",
    doc: "`$count` as a path segment (`/me/messages/$count`)",
    outlook: o("v2.0", "GET", "/me/messages/$count"),
    graph: g("GET", "/me/messages/$count"),
    cite: [concept("query-parameters"), "https://learn.microsoft.com/powershell/module/microsoft.graph.mail/get-mgusermessagecount"],
  },
  {
    id: "query-count-segment-filtered",
    section: "2.3",
    version: "v2.0",
    doc: "`$count` is filterable",
    outlook: o("v2.0", "GET", "/me/MailFolders/Inbox/messages/$count?$filter=IsRead eq false"),
    graph: g("GET", "/me/mailFolders/Inbox/messages/$count?$filter=isRead eq false"),
    cite: [concept("query-parameters"), "https://learn.microsoft.com/powershell/module/microsoft.graph.mail/get-mgusermailfoldermessagecount"],
  },
  {
    id: "query-search",
    section: "2.3",
    version: "v2.0",
    doc: '`$search="subject:pizza"` (messages only)',
    outlook: o("v2.0", "GET", '/me/messages?$search="subject:pizza"'),
    graph: g("GET", '/me/messages?$search="subject:pizza"'),
    cite: [concept("search-query-parameter"), api("user-list-messages")],
    notes: "Graph's message search takes KQL; the AQS keywords the fact sheet lists (subject:, from:, …) have the same form there.",
  },
  {
    id: "query-expand-attachments",
    section: "2.3",
    version: "v2.0",
    doc: "`$expand=Attachments`",
    outlook: o("v2.0", "GET", `/me/messages/${MSG}?$expand=Attachments`),
    graph: g("GET", `/me/messages/${MSG}?$expand=attachments`),
    cite: [api("message-get"), api("attachment-get")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 2.5 Sync

const sync: DocumentedRequest[] = [
  {
    id: "sync-messages-first-round",
    section: "2.5",
    version: "v2.0",
    doc: "GET /me/MailFolders('{id or Inbox|Drafts|SentItems|DeletedItems}')/messages with Prefer: odata.track-changes",
    outlook: o("v2.0", "GET", "/me/MailFolders('Inbox')/messages", undefined, TRACK),
    graph: g("GET", "/me/mailFolders/Inbox/messages/delta"),
    cite: [api("message-delta"), concept("delta-query-messages")],
    notes: "odata.track-changes becomes the delta function; Graph needs no Prefer header for it.",
  },
  {
    id: "sync-messages-first-round-options",
    section: "2.5",
    version: "v2.0",
    doc: "Sync with $select, the single filter `ReceivedDateTime ge {value}`, the single orderby `ReceivedDateTime desc`, odata.maxpagesize",
    outlook: o(
      "v2.0",
      "GET",
      `/me/MailFolders('${FOLDER}')/messages?$select=Subject,ReceivedDateTime&$filter=ReceivedDateTime ge 2016-07-01T00:00:00Z&$orderby=ReceivedDateTime desc`,
      undefined,
      { Prefer: "odata.track-changes, odata.maxpagesize=50" },
    ),
    graph: g(
      "GET",
      `/me/mailFolders/${FOLDER}/messages/delta?$select=subject,receivedDateTime&$filter=receivedDateTime ge 2016-07-01T00:00:00Z&$orderby=receivedDateTime desc`,
      undefined,
      { Prefer: "odata.maxpagesize=50" },
    ),
    cite: [api("message-delta"), concept("delta-query-messages")],
  },
  {
    id: "sync-messages-delta-token-round",
    section: "2.5",
    version: "v2.0",
    doc: "GET again with `$deltatoken=…`, still sending track-changes",
    outlook: o("v2.0", "GET", `/me/MailFolders('Inbox')/messages?$deltatoken=${DELTATOKEN}`, undefined, TRACK),
    untranslatable: { reason: TOKEN_REASON, cite: [api("message-delta"), concept("delta-query-overview")] },
  },
  {
    id: "sync-messages-skip-token-round",
    section: "2.5",
    version: "v2.0",
    doc: "then follow `$skiptoken=…` links",
    outlook: o("v2.0", "GET", `/me/MailFolders('Inbox')/messages?$skiptoken=${SKIPTOKEN}`, undefined, TRACK),
    untranslatable: { reason: TOKEN_REASON, cite: [api("message-delta"), concept("delta-query-overview")] },
  },
  {
    id: "sync-calendarview-first-round",
    section: "2.5",
    version: "v2.0",
    doc: "GET /me/calendarview?startDateTime=…&endDateTime=… with Prefer: odata.track-changes",
    outlook: o(
      "v2.0",
      "GET",
      "/me/calendarview?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z",
      undefined,
      TRACK,
    ),
    graph: g("GET", "/me/calendarView/delta?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z"),
    cite: [api("event-delta"), concept("delta-query-events")],
  },
  {
    id: "sync-calendarview-maxpagesize",
    section: "2.5",
    version: "v2.0",
    doc: "Prefer: odata.maxpagesize={n} sets the page size of a sync round",
    outlook: o(
      "v2.0",
      "GET",
      "/me/calendarview?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z",
      undefined,
      { Prefer: "odata.track-changes, odata.maxpagesize=10" },
    ),
    graph: g("GET", "/me/calendarView/delta?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z", undefined, {
      Prefer: "odata.maxpagesize=10",
    }),
    cite: [api("event-delta"), concept("delta-query-events")],
  },
  {
    id: "sync-calendar-calendarview-first-round",
    section: "2.5",
    version: "v2.0",
    doc: "or /me/calendars/{id}/calendarview?... with Prefer: odata.track-changes",
    outlook: o(
      "v2.0",
      "GET",
      `/me/calendars/${CAL}/calendarview?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T00:00:00Z`,
      undefined,
      TRACK,
    ),
    untranslatable: {
      reason:
        "Graph v1.0 documents calendarView delta only on the user's primary calendar (GET /me/calendarView/delta and " +
        "/users/{id}/calendarView/delta); delta on a specific calendar's view (/me/calendars/{id}/calendarView/delta) " +
        "is documented only in Graph beta.",
      cite: [api("event-delta"), "https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-beta"],
    },
  },
  {
    id: "sync-calendarview-delta-token-round",
    section: "2.5",
    version: "v2.0",
    doc: "GET again with `$deltatoken=…`",
    outlook: o("v2.0", "GET", `/me/calendarview?$deltatoken=${DELTATOKEN}`, undefined, TRACK),
    untranslatable: { reason: TOKEN_REASON, cite: [api("event-delta"), concept("delta-query-overview")] },
  },
  {
    id: "sync-contacts-folder-first-round",
    section: "2.5",
    version: "v2.0",
    doc: "Contacts: /me/contactfolders/{id}/contacts with Prefer: odata.track-changes",
    outlook: o("v2.0", "GET", `/me/contactfolders/${CFOLDER}/contacts`, undefined, TRACK),
    graph: g("GET", `/me/contactFolders/${CFOLDER}/contacts/delta`),
    cite: [api("contact-delta")],
  },
  {
    id: "sync-contacts-folder-select",
    section: "2.5",
    version: "v2.0",
    doc: "Contacts sync: `$select` is fine",
    outlook: o("v2.0", "GET", `/me/contactfolders/${CFOLDER}/contacts?$select=GivenName,Surname`, undefined, TRACK),
    graph: g("GET", `/me/contactFolders/${CFOLDER}/contacts/delta?$select=givenName,surname`),
    cite: [api("contact-delta")],
  },
  {
    id: "sync-contacts-default-folder-first-round",
    section: "2.5",
    version: "v2.0",
    doc: "Contacts sync on the default folder (`/me/contacts`)",
    outlook: o("v2.0", "GET", "/me/contacts", undefined, TRACK),
    untranslatable: {
      reason:
        "Graph v1.0 documents contact delta per folder only (GET /me/contactFolders/{id}/contacts/delta); " +
        "/me/contacts/delta is not documented, and the default contacts folder has no well-known name in Graph, so its " +
        "id must first be read (for example from a contact's parentFolderId) before the delta call can be made.",
      cite: [api("contact-delta"), api("resources/contactfolder")],
    },
  },
  {
    id: "sync-contacts-delta-token-round",
    section: "2.5",
    version: "v2.0",
    doc: "GET again with `$deltatoken=…`",
    outlook: o("v2.0", "GET", `/me/contactfolders/${CFOLDER}/contacts?$deltatoken=${DELTATOKEN}`, undefined, TRACK),
    untranslatable: { reason: TOKEN_REASON, cite: [api("contact-delta"), concept("delta-query-overview")] },
  },
  {
    id: "sync-tasks-first-round",
    section: "2.5",
    version: "beta",
    doc: "Tasks [beta]: sync tasks",
    outlook: o("beta", "GET", "/me/tasks", undefined, TRACK),
    untranslatable: { reason: TASKS_REASON, cite: TASKS_CITE, probes: [`${GRAPH}/me/tasks/delta`] },
  },
  {
    id: "sync-task-folders-first-round",
    section: "2.5",
    version: "beta",
    doc: "Tasks [beta]: sync task folders",
    outlook: o("beta", "GET", "/me/taskfolders", undefined, TRACK),
    untranslatable: { reason: TASKS_REASON, cite: TASKS_CITE, probes: [`${GRAPH}/me/taskFolders/delta`] },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.1 Mail

const draft = {
  Subject: "Did you see last night's game?",
  Importance: "Low",
  Body: { ContentType: "HTML", Content: "They were <b>awesome</b>!" },
  ToRecipients: [{ EmailAddress: { Address: "katiej@contoso.com" } }],
};
const draftGraph = {
  subject: "Did you see last night's game?",
  importance: "low",
  body: { contentType: "html", content: "They were <b>awesome</b>!" },
  toRecipients: [{ emailAddress: { address: "katiej@contoso.com" } }],
};

function messageAction(
  id: string,
  version: OutlookVersion,
  outlookName: string,
  graphName: string,
  doc: string,
  body: unknown,
  graphBody: unknown,
  page: string,
): DocumentedRequest {
  return {
    id,
    section: "3.1",
    version,
    doc,
    outlook: o(version, "POST", `/me/messages/${MSG}/${outlookName}`, body),
    graph: g("POST", `/me/messages/${MSG}/${graphName}`, graphBody),
    cite: [api(page)],
  };
}

const forwardTo = [{ EmailAddress: { Name: "Dana Swope", Address: "danas@contoso.com" } }];
const forwardToGraph = [{ emailAddress: { name: "Dana Swope", address: "danas@contoso.com" } }];

const mail: DocumentedRequest[] = [
  {
    id: "mail-list-messages",
    section: "3.1",
    version: "v2.0",
    doc: "GET /me/messages",
    outlook: o("v2.0", "GET", "/me/messages"),
    graph: g("GET", "/me/messages"),
    cite: [api("user-list-messages")],
  },
  {
    id: "mail-list-folder-messages",
    section: "3.1",
    version: "v2.0",
    doc: "GET /me/MailFolders/{id}/messages",
    outlook: o("v2.0", "GET", `/me/MailFolders/${FOLDER}/messages`),
    graph: g("GET", `/me/mailFolders/${FOLDER}/messages`),
    cite: [api("mailfolder-list-messages")],
  },
  {
    id: "mail-get-message",
    section: "3.1",
    version: "v2.0",
    doc: "GET /me/messages/{id}",
    outlook: o("v2.0", "GET", `/me/messages/${MSG}`),
    graph: g("GET", `/me/messages/${MSG}`),
    cite: [api("message-get")],
  },
  {
    id: "mail-create-draft",
    section: "3.1",
    version: "v2.0",
    doc: "POST /me/messages (create a draft)",
    outlook: o("v2.0", "POST", "/me/messages", draft),
    graph: g("POST", "/me/messages", draftGraph),
    cite: [api("user-post-messages")],
  },
  {
    id: "mail-create-draft-in-folder",
    section: "3.1",
    version: "v2.0",
    doc: "POST /me/MailFolders/{id}/messages",
    outlook: o("v2.0", "POST", `/me/MailFolders/${FOLDER}/messages`, draft),
    graph: g("POST", `/me/mailFolders/${FOLDER}/messages`, draftGraph),
    cite: [api("mailfolder-post-messages")],
  },
  {
    id: "mail-update-message",
    section: "3.1",
    version: "v2.0",
    doc: "PATCH /me/messages/{id}",
    outlook: o("v2.0", "PATCH", `/me/messages/${MSG}`, { Subject: "Updated subject", IsRead: true }),
    graph: g("PATCH", `/me/messages/${MSG}`, { subject: "Updated subject", isRead: true }),
    cite: [api("message-update")],
  },
  {
    id: "mail-delete-message",
    section: "3.1",
    version: "v2.0",
    doc: "DELETE /me/messages/{id}",
    outlook: o("v2.0", "DELETE", `/me/messages/${MSG}`),
    graph: g("DELETE", `/me/messages/${MSG}`),
    cite: [api("message-delete")],
  },
  {
    id: "mail-get-well-known-folder",
    section: "3.1",
    version: "v2.0",
    doc: "Well-known folder names: Inbox, Drafts, SentItems, DeletedItems",
    outlook: o("v2.0", "GET", "/me/MailFolders/SentItems"),
    graph: g("GET", "/me/mailFolders/SentItems"),
    cite: [api("mailfolder-get"), api("resources/mailfolder")],
  },
  {
    id: "mail-v1-list-folder-messages",
    section: "3.1",
    version: "v1.0",
    doc: "[v1] used /me/folders/… instead of /me/MailFolders/…",
    outlook: o("v1.0", "GET", `/me/folders/${FOLDER}/messages`),
    graph: g("GET", `/me/mailFolders/${FOLDER}/messages`),
    cite: [api("mailfolder-list-messages")],
  },
  {
    id: "mail-v1-create-draft-in-folder",
    section: "3.1",
    version: "v1.0",
    doc: "[v1] POST /me/folders/{id}/messages",
    outlook: o("v1.0", "POST", `/me/folders/${FOLDER}/messages`, draft),
    graph: g("POST", `/me/mailFolders/${FOLDER}/messages`, draftGraph),
    cite: [api("mailfolder-post-messages")],
  },
  {
    id: "mail-v1-orderby-date-time-received",
    section: "3.1",
    version: "v1.0",
    doc: "[v1] uses DateTimeReceived/DateTimeSent",
    outlook: o("v1.0", "GET", "/me/folders/Inbox/messages?$select=Subject,DateTimeReceived&$orderby=DateTimeReceived desc"),
    graph: g("GET", "/me/mailFolders/Inbox/messages?$select=subject,receivedDateTime&$orderby=receivedDateTime desc"),
    cite: [api("mailfolder-list-messages"), api("resources/message")],
  },
  {
    id: "mail-event-message-expand-event",
    section: "3.1",
    version: "v2.0",
    doc: "`EventMessage : Message` (meeting request or response) adds the nav `Event`",
    outlook: o("v2.0", "GET", `/me/messages('${MSG}')?$expand=Microsoft.OutlookServices.EventMessage/Event`),
    graph: g("GET", `/me/messages/${MSG}?$expand=microsoft.graph.eventMessage/event`),
    cite: [api("eventmessage-get")],
    notes: "The cast names the derived type in each model's namespace and case.",
  },
  {
    id: "mail-send-mail",
    section: "3.1",
    version: "v2.0",
    doc: 'POST /me/sendmail, body {"Message":{…}, "SaveToSentItems": false}',
    outlook: o("v2.0", "POST", "/me/sendmail", {
      Message: {
        Subject: "Meet for lunch?",
        Body: { ContentType: "Text", Content: "The new cafeteria is open." },
        ToRecipients: [{ EmailAddress: { Address: "garthf@contoso.com" } }],
      },
      SaveToSentItems: false,
    }),
    graph: g("POST", "/me/sendMail", {
      message: {
        subject: "Meet for lunch?",
        body: { contentType: "text", content: "The new cafeteria is open." },
        toRecipients: [{ emailAddress: { address: "garthf@contoso.com" } }],
      },
      saveToSentItems: false,
    }),
    cite: [api("user-sendmail")],
  },
  {
    id: "mail-send-mail-inline-attachment",
    section: "3.1",
    version: "v2.0",
    doc: "SendMail: inline Attachments with @odata.type are allowed",
    outlook: o("v2.0", "POST", "/me/sendmail", {
      Message: {
        Subject: "Meet for lunch?",
        ToRecipients: [{ EmailAddress: { Address: "garthf@contoso.com" } }],
        Attachments: [
          { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "menu.txt", ContentBytes: "bWFjIGFuZCBjaGVlc2UgdG9kYXk=" },
        ],
      },
    }),
    graph: g("POST", "/me/sendMail", {
      message: {
        subject: "Meet for lunch?",
        toRecipients: [{ emailAddress: { address: "garthf@contoso.com" } }],
        attachments: [
          { "@odata.type": "#microsoft.graph.fileAttachment", name: "menu.txt", contentBytes: "bWFjIGFuZCBjaGVlc2UgdG9kYXk=" },
        ],
      },
    }),
    cite: [api("user-sendmail")],
  },
  {
    id: "mail-send-draft",
    section: "3.1",
    version: "v2.0",
    doc: "POST /me/messages/{id}/send sends a draft",
    outlook: o("v2.0", "POST", `/me/messages/${MSG}/send`),
    graph: g("POST", `/me/messages/${MSG}/send`),
    cite: [api("message-send")],
  },
  messageAction("mail-reply", "v2.0", "reply", "reply", "Message.Reply(Comment)", { Comment: "Fanny, would you join us next time?" }, { comment: "Fanny, would you join us next time?" }, "message-reply"),
  messageAction("mail-reply-all", "v2.0", "replyall", "replyAll", "Message.ReplyAll(Comment)", { Comment: "Thanks, all." }, { comment: "Thanks, all." }, "message-replyall"),
  messageAction(
    "mail-forward",
    "v2.0",
    "forward",
    "forward",
    "Message.Forward(Comment, ToRecipients)",
    { Comment: "Dana, hope you can make it.", ToRecipients: forwardTo },
    { comment: "Dana, hope you can make it.", toRecipients: forwardToGraph },
    "message-forward",
  ),
  messageAction("mail-create-reply", "v2.0", "createreply", "createReply", "Message.CreateReply() returns a draft", undefined, undefined, "message-createreply"),
  messageAction("mail-create-reply-all", "v2.0", "createreplyall", "createReplyAll", "Message.CreateReplyAll() returns a draft", undefined, undefined, "message-createreplyall"),
  messageAction("mail-create-forward", "v2.0", "createforward", "createForward", "Message.CreateForward() returns a draft", undefined, undefined, "message-createforward"),
  messageAction(
    "mail-beta-reply-with-message",
    "beta",
    "reply",
    "reply",
    "[beta] reply also takes a Message parameter",
    { Comment: "Seen", Message: { Importance: "High" } },
    { comment: "Seen", message: { importance: "high" } },
    "message-reply",
  ),
  messageAction(
    "mail-beta-reply-all-with-message",
    "beta",
    "replyall",
    "replyAll",
    "[beta] replyall also takes a Message parameter",
    { Comment: "Seen", Message: { CcRecipients: forwardTo } },
    { comment: "Seen", message: { ccRecipients: forwardToGraph } },
    "message-replyall",
  ),
  messageAction(
    "mail-beta-forward-with-message",
    "beta",
    "forward",
    "forward",
    "[beta] forward also takes a Message parameter",
    { Comment: "FYI", ToRecipients: forwardTo, Message: { IsDeliveryReceiptRequested: true } },
    { comment: "FYI", toRecipients: forwardToGraph, message: { isDeliveryReceiptRequested: true } },
    "message-forward",
  ),
  messageAction(
    "mail-beta-create-reply-with-comment",
    "beta",
    "createreply",
    "createReply",
    "[beta] CreateReply takes Comment and Message",
    { Comment: "Draft reply", Message: { Importance: "Low" } },
    { comment: "Draft reply", message: { importance: "low" } },
    "message-createreply",
  ),
  messageAction(
    "mail-beta-create-reply-all-with-comment",
    "beta",
    "createreplyall",
    "createReplyAll",
    "[beta] CreateReplyAll takes Comment and Message",
    { Comment: "Draft reply to all" },
    { comment: "Draft reply to all" },
    "message-createreplyall",
  ),
  messageAction(
    "mail-beta-create-forward-with-recipients",
    "beta",
    "createforward",
    "createForward",
    "[beta] CreateForward takes Comment and ToRecipients",
    { Comment: "Draft forward", ToRecipients: forwardTo },
    { comment: "Draft forward", toRecipients: forwardToGraph },
    "message-createforward",
  ),
  messageAction("mail-copy-message", "v2.0", "copy", "copy", "Message.Copy(DestinationId)", { DestinationId: FOLDER }, { destinationId: FOLDER }, "message-copy"),
  messageAction("mail-move-message", "v2.0", "move", "move", "Message.Move(DestinationId), DestinationId an id or a well-known name", { DestinationId: "DeletedItems" }, { destinationId: "DeletedItems" }, "message-move"),
  {
    id: "mail-copy-folder",
    section: "3.1",
    version: "v2.0",
    doc: "MailFolder copy",
    outlook: o("v2.0", "POST", `/me/MailFolders/${FOLDER}/copy`, { DestinationId: "Inbox" }),
    graph: g("POST", `/me/mailFolders/${FOLDER}/copy`, { destinationId: "Inbox" }),
    cite: [api("mailfolder-copy")],
  },
  {
    id: "mail-move-folder",
    section: "3.1",
    version: "v2.0",
    doc: "MailFolder move",
    outlook: o("v2.0", "POST", `/me/MailFolders/${FOLDER}/move`, { DestinationId: "Inbox" }),
    graph: g("POST", `/me/mailFolders/${FOLDER}/move`, { destinationId: "Inbox" }),
    cite: [api("mailfolder-move")],
  },
  {
    id: "mail-v1-copy-folder",
    section: "3.1",
    version: "v1.0",
    doc: "[v1] Folder copy",
    outlook: o("v1.0", "POST", `/me/folders/${FOLDER}/copy`, { DestinationId: "Inbox" }),
    graph: g("POST", `/me/mailFolders/${FOLDER}/copy`, { destinationId: "Inbox" }),
    cite: [api("mailfolder-copy")],
  },
  {
    id: "mail-v1-move-folder",
    section: "3.1",
    version: "v1.0",
    doc: "[v1] Folder move",
    outlook: o("v1.0", "POST", `/me/folders/${FOLDER}/move`, { DestinationId: "Inbox" }),
    graph: g("POST", `/me/mailFolders/${FOLDER}/move`, { destinationId: "Inbox" }),
    cite: [api("mailfolder-move")],
  },
  {
    id: "mail-beta-unsubscribe",
    section: "3.1",
    version: "beta",
    doc: "[beta] POST /me/messages('{id}')/unsubscribe",
    outlook: o("beta", "POST", `/me/messages('${MSG}')/unsubscribe`),
    untranslatable: {
      reason:
        "Graph v1.0's $metadata has no unsubscribe action on message (nor unsubscribeEnabled/unsubscribeData), and the " +
        "v1.0 SDKs generated from it have no such call (the PowerShell cmdlet exists only as " +
        "Invoke-MgBetaUnsubscribeUserMessage); message: unsubscribe is a Graph beta operation. (A v1.0-labelled copy " +
        "of the beta page once sat in the Graph docs repository; the v1.0 service description does not back it.)",
      cite: [
        api("resources/message"),
        "https://learn.microsoft.com/graph/api/message-unsubscribe?view=graph-rest-beta",
        "https://learn.microsoft.com/powershell/module/microsoft.graph.beta.mail/invoke-mgbetaunsubscribeusermessage",
      ],
      probes: [`${GRAPH}/me/messages/${MSG}/unsubscribe`, `${GRAPH}/me/messages/${MSG}?$select=unsubscribeEnabled`],
    },
  },
  {
    id: "mail-list-attachments",
    section: "3.1",
    version: "v2.0",
    doc: "GET /me/messages/{id}/attachments",
    outlook: o("v2.0", "GET", `/me/messages/${MSG}/attachments`),
    graph: g("GET", `/me/messages/${MSG}/attachments`),
    cite: [api("message-list-attachments")],
  },
  {
    id: "mail-add-attachment",
    section: "3.1",
    version: "v2.0",
    doc: "POST /me/messages/{id}/attachments",
    outlook: o("v2.0", "POST", `/me/messages/${MSG}/attachments`, {
      "@odata.type": "#Microsoft.OutlookServices.FileAttachment",
      Name: "menu.txt",
      ContentBytes: "bWFjIGFuZCBjaGVlc2UgdG9kYXk=",
    }),
    graph: g("POST", `/me/messages/${MSG}/attachments`, {
      "@odata.type": "#microsoft.graph.fileAttachment",
      name: "menu.txt",
      contentBytes: "bWFjIGFuZCBjaGVlc2UgdG9kYXk=",
    }),
    cite: [api("message-post-attachments")],
  },
  {
    id: "mail-get-attachment",
    section: "3.1",
    version: "v2.0",
    doc: "GET …/attachments/{aid}",
    outlook: o("v2.0", "GET", `/me/messages/${MSG}/attachments/${ATT}`),
    graph: g("GET", `/me/messages/${MSG}/attachments/${ATT}`),
    cite: [api("attachment-get")],
  },
  {
    id: "mail-delete-attachment",
    section: "3.1",
    version: "v2.0",
    doc: "DELETE …/attachments/{aid}",
    outlook: o("v2.0", "DELETE", `/me/messages/${MSG}/attachments/${ATT}`),
    graph: g("DELETE", `/me/messages/${MSG}/attachments/${ATT}`),
    cite: [api("attachment-delete")],
  },
  {
    id: "mail-focused-list-overrides",
    section: "3.1",
    version: "v2.0",
    doc: "GET /me/InferenceClassification/Overrides",
    outlook: o("v2.0", "GET", "/me/InferenceClassification/Overrides"),
    graph: g("GET", "/me/inferenceClassification/overrides"),
    cite: [api("inferenceclassification-list-overrides")],
  },
  {
    id: "mail-focused-create-override",
    section: "3.1",
    version: "v2.0",
    doc: "POST /me/InferenceClassification/Overrides",
    outlook: o("v2.0", "POST", "/me/InferenceClassification/Overrides", {
      ClassifyAs: "Focused",
      SenderEmailAddress: { Name: "Samantha Booth", Address: "samanthab@contoso.com" },
    }),
    graph: g("POST", "/me/inferenceClassification/overrides", {
      classifyAs: "focused",
      senderEmailAddress: { name: "Samantha Booth", address: "samanthab@contoso.com" },
    }),
    cite: [api("inferenceclassification-post-overrides")],
  },
  {
    id: "mail-focused-update-override",
    section: "3.1",
    version: "v2.0",
    doc: "PATCH …/Overrides('{id}')",
    outlook: o("v2.0", "PATCH", `/me/InferenceClassification/Overrides('${OVERRIDE}')`, { ClassifyAs: "Other" }),
    graph: g("PATCH", `/me/inferenceClassification/overrides/${OVERRIDE}`, { classifyAs: "other" }),
    cite: [api("inferenceclassificationoverride-update")],
  },
  {
    id: "mail-focused-delete-override",
    section: "3.1",
    version: "v2.0",
    doc: "DELETE …/Overrides('{id}')",
    outlook: o("v2.0", "DELETE", `/me/InferenceClassification/Overrides('${OVERRIDE}')`),
    graph: g("DELETE", `/me/inferenceClassification/overrides/${OVERRIDE}`),
    cite: [api("inferenceclassificationoverride-delete")],
  },
  {
    id: "mail-focused-other-user-overrides",
    section: "3.1",
    version: "v2.0",
    doc: "These calls also work on Users('{id}')",
    outlook: o("v2.0", "GET", `/Users('${USER_UPN}')/InferenceClassification/Overrides`),
    graph: g("GET", `/users/${USER_UPN}/inferenceClassification/overrides`),
    cite: [api("inferenceclassification-list-overrides")],
  },
  {
    id: "mail-focused-patch-message-classification",
    section: "3.1",
    version: "v2.0",
    doc: "Message.InferenceClassification can be PATCHed",
    outlook: o("v2.0", "PATCH", `/me/messages/${MSG}`, { InferenceClassification: "Other" }),
    graph: g("PATCH", `/me/messages/${MSG}`, { inferenceClassification: "other" }),
    cite: [api("message-update")],
  },
  {
    id: "mail-get-mailbox-settings",
    section: "3.1",
    version: "beta",
    doc: "GET /me/MailboxSettings",
    outlook: o("beta", "GET", "/me/MailboxSettings"),
    graph: g("GET", "/me/mailboxSettings"),
    cite: [api("user-get-mailboxsettings")],
  },
  {
    id: "mail-get-automatic-replies-setting",
    section: "3.1",
    version: "beta",
    doc: "GET /me/MailboxSettings/AutomaticRepliesSetting",
    outlook: o("beta", "GET", "/me/MailboxSettings/AutomaticRepliesSetting"),
    graph: g("GET", "/me/mailboxSettings/automaticRepliesSetting"),
    cite: [api("user-get-mailboxsettings")],
  },
  {
    id: "mail-update-mailbox-settings",
    section: "3.1",
    version: "beta",
    doc: "PATCH /me/MailboxSettings",
    outlook: o("beta", "PATCH", "/me/MailboxSettings", {
      AutomaticRepliesSetting: {
        Status: "Scheduled",
        ExternalAudience: "ContactsOnly",
        ScheduledStartDateTime: { DateTime: "2016-03-20T18:00:00", TimeZone: "UTC" },
        ScheduledEndDateTime: { DateTime: "2016-03-28T18:00:00", TimeZone: "UTC" },
        InternalReplyMessage: "Out until the 28th.",
      },
    }),
    graph: g("PATCH", "/me/mailboxSettings", {
      automaticRepliesSetting: {
        status: "scheduled",
        externalAudience: "contactsOnly",
        scheduledStartDateTime: { dateTime: "2016-03-20T18:00:00", timeZone: "UTC" },
        scheduledEndDateTime: { dateTime: "2016-03-28T18:00:00", timeZone: "UTC" },
        internalReplyMessage: "Out until the 28th.",
      },
    }),
    cite: [api("user-update-mailboxsettings")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.2 Calendar

const RANGE = "startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T23:59:59Z";
const newEvent = {
  Subject: "Plan summer company picnic",
  Body: { ContentType: "HTML", Content: "Let's kick-start this event planning!" },
  Start: { DateTime: "2016-07-20T18:00:00", TimeZone: "Pacific Standard Time" },
  End: { DateTime: "2016-07-20T19:00:00", TimeZone: "Pacific Standard Time" },
  Attendees: [{ EmailAddress: { Address: "danas@contoso.com", Name: "Dana Swope" }, Type: "Required" }],
};
const newEventGraph = {
  subject: "Plan summer company picnic",
  body: { contentType: "html", content: "Let's kick-start this event planning!" },
  start: { dateTime: "2016-07-20T18:00:00", timeZone: "Pacific Standard Time" },
  end: { dateTime: "2016-07-20T19:00:00", timeZone: "Pacific Standard Time" },
  attendees: [{ emailAddress: { address: "danas@contoso.com", name: "Dana Swope" }, type: "required" }],
};

function eventResponse(id: string, name: string, graphName: string, page: string): DocumentedRequest {
  return {
    id,
    section: "3.2",
    version: "v2.0",
    doc: `Event.${name}(Comment, SendResponse): POST /me/events/{id}/${name.toLowerCase()}`,
    outlook: o("v2.0", "POST", `/me/events/${EVENT}/${name.toLowerCase()}`, { Comment: "I may be a bit late.", SendResponse: true }),
    graph: g("POST", `/me/events/${EVENT}/${graphName}`, { comment: "I may be a bit late.", sendResponse: true }),
    cite: [api(page)],
  };
}

const calendar: DocumentedRequest[] = [
  {
    id: "cal-list-calendar-view",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendarview?startDateTime=…&endDateTime=…",
    outlook: o("v2.0", "GET", `/me/calendarview?${RANGE}`),
    graph: g("GET", `/me/calendarView?${RANGE}`),
    cite: [api("user-list-calendarview")],
  },
  {
    id: "cal-list-calendar-calendar-view",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendars/{id}/calendarview?…",
    outlook: o("v2.0", "GET", `/me/calendars/${CAL}/calendarview?${RANGE}`),
    graph: g("GET", `/me/calendars/${CAL}/calendarView?${RANGE}`),
    cite: [api("calendar-list-calendarview")],
  },
  {
    id: "cal-list-events",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/events",
    outlook: o("v2.0", "GET", "/me/events"),
    graph: g("GET", "/me/events"),
    cite: [api("user-list-events")],
  },
  {
    id: "cal-list-calendar-events",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendars/{id}/events",
    outlook: o("v2.0", "GET", `/me/calendars/${CAL}/events`),
    graph: g("GET", `/me/calendars/${CAL}/events`),
    cite: [api("calendar-list-events")],
  },
  {
    id: "cal-list-instances",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/events/{id}/instances?startDateTime=…&endDateTime=…",
    outlook: o("v2.0", "GET", `/me/events/${EVENT}/instances?${RANGE}`),
    graph: g("GET", `/me/events/${EVENT}/instances?${RANGE}`),
    cite: [api("event-list-instances")],
  },
  {
    id: "cal-get-event",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/events/{id}",
    outlook: o("v2.0", "GET", `/me/events/${EVENT}`),
    graph: g("GET", `/me/events/${EVENT}`),
    cite: [api("event-get")],
  },
  {
    id: "cal-create-event",
    section: "3.2",
    version: "v2.0",
    doc: "POST /me/events",
    outlook: o("v2.0", "POST", "/me/events", newEvent),
    graph: g("POST", "/me/events", newEventGraph),
    cite: [api("user-post-events")],
  },
  {
    id: "cal-create-calendar-event",
    section: "3.2",
    version: "v2.0",
    doc: "POST /me/calendars/{id}/events",
    outlook: o("v2.0", "POST", `/me/calendars/${CAL}/events`, newEvent),
    graph: g("POST", `/me/calendars/${CAL}/events`, newEventGraph),
    cite: [api("calendar-post-events")],
  },
  {
    id: "cal-update-event",
    section: "3.2",
    version: "v2.0",
    doc: "PATCH /me/events/{id}",
    outlook: o("v2.0", "PATCH", `/me/events/${EVENT}`, { Location: { DisplayName: "Conf Room 2" }, ShowAs: "Tentative" }),
    graph: g("PATCH", `/me/events/${EVENT}`, { location: { displayName: "Conf Room 2" }, showAs: "tentative" }),
    cite: [api("event-update")],
  },
  {
    id: "cal-delete-event",
    section: "3.2",
    version: "v2.0",
    doc: "DELETE /me/events/{id}",
    outlook: o("v2.0", "DELETE", `/me/events/${EVENT}`),
    graph: g("DELETE", `/me/events/${EVENT}`),
    cite: [api("event-delete")],
  },
  {
    id: "cal-list-event-attachments",
    section: "3.2",
    version: "v2.0",
    doc: "Attachments work as on mail (/me/events/{id}/attachments)",
    outlook: o("v2.0", "GET", `/me/events/${EVENT}/attachments`),
    graph: g("GET", `/me/events/${EVENT}/attachments`),
    cite: [api("event-list-attachments")],
  },
  {
    id: "cal-add-event-attachment",
    section: "3.2",
    version: "v2.0",
    doc: "POST /me/events/{id}/attachments",
    outlook: o("v2.0", "POST", `/me/events/${EVENT}/attachments`, {
      "@odata.type": "#Microsoft.OutlookServices.FileAttachment",
      Name: "agenda.txt",
      ContentBytes: "QWdlbmRhOiBmb29kLCBnYW1lcw==",
    }),
    graph: g("POST", `/me/events/${EVENT}/attachments`, {
      "@odata.type": "#microsoft.graph.fileAttachment",
      name: "agenda.txt",
      contentBytes: "QWdlbmRhOiBmb29kLCBnYW1lcw==",
    }),
    cite: [api("event-post-attachments")],
  },
  eventResponse("cal-accept", "Accept", "accept", "event-accept"),
  eventResponse("cal-decline", "Decline", "decline", "event-decline"),
  eventResponse("cal-tentatively-accept", "TentativelyAccept", "tentativelyAccept", "event-tentativelyaccept"),
  {
    id: "cal-beta-cancel",
    section: "3.2",
    version: "beta",
    doc: "[beta] Event.Cancel(Comment): POST /me/events/{id}/cancel",
    outlook: o("beta", "POST", `/me/events/${EVENT}/cancel`, { Comment: "Cancelling for this week due to all hands" }),
    graph: g("POST", `/me/events/${EVENT}/cancel`, { Comment: "Cancelling for this week due to all hands" }),
    cite: [api("event-cancel")],
    notes: "Graph's page writes this action's parameter as `Comment`, as Graph's metadata does (see the header on action parameters).",
  },
  {
    id: "cal-beta-checkin",
    section: "3.2",
    version: "beta",
    doc: "[beta] Event.Checkin(PhysicalPresence, SkypePresence, …) appears in M3 only",
    outlook: o("beta", "POST", `/me/events/${EVENT}/checkin`, { PhysicalPresence: "InRoom", EtaResponse: "OnMyWay" }),
    untranslatable: {
      reason:
        "Graph v1.0's event has no check-in action and no attendance/ETA members (Attendance, PhysicalPresence, " +
        "SkypePresence, Eta* existed only in the Outlook beta metadata); there is nothing to post to.",
      cite: [api("resources/event")],
      probes: [`${GRAPH}/me/events/${EVENT}/checkin`, `${GRAPH}/me/events/${EVENT}?$select=attendance`],
    },
  },
  {
    id: "cal-reminder-view",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/ReminderView(StartDateTime='…',EndDateTime='…')",
    outlook: o("v2.0", "GET", "/me/ReminderView(StartDateTime='2016-07-20T00:00:00',EndDateTime='2016-07-21T00:00:00')"),
    graph: g("GET", "/me/reminderView(startDateTime='2016-07-20T00:00:00',endDateTime='2016-07-21T00:00:00')"),
    cite: [api("user-reminderview")],
  },
  {
    id: "cal-snooze-reminder",
    section: "3.2",
    version: "v2.0",
    doc: "Event.SnoozeReminder(NewReminderTime: DateTimeTimeZone): POST /me/events('{id}')/…",
    outlook: o("v2.0", "POST", `/me/events('${EVENT}')/SnoozeReminder`, {
      NewReminderTime: { DateTime: "2016-07-20T17:45:00", TimeZone: "Pacific Standard Time" },
    }),
    graph: g("POST", `/me/events/${EVENT}/snoozeReminder`, {
      newReminderTime: { dateTime: "2016-07-20T17:45:00", timeZone: "Pacific Standard Time" },
    }),
    cite: [api("event-snoozereminder")],
  },
  {
    id: "cal-dismiss-reminder",
    section: "3.2",
    version: "v2.0",
    doc: "Event.DismissReminder(): POST /me/events('{id}')/…",
    outlook: o("v2.0", "POST", `/me/events('${EVENT}')/DismissReminder`),
    graph: g("POST", `/me/events/${EVENT}/dismissReminder`),
    cite: [api("event-dismissreminder")],
  },
  {
    id: "cal-find-meeting-times",
    section: "3.2",
    version: "beta",
    doc: "POST /me/findmeetingtimes (FindMeetingTimes)",
    outlook: o("beta", "POST", "/me/findmeetingtimes", {
      Attendees: [{ Type: "Required", EmailAddress: { Name: "Alex Wilber", Address: "alexw@contoso.com" } }],
      LocationConstraint: {
        IsRequired: false,
        SuggestLocation: false,
        Locations: [{ ResolveAvailability: false, DisplayName: "Conf room Hood" }],
      },
      TimeConstraint: {
        ActivityDomain: "Work",
        Timeslots: [
          {
            Start: { Date: "2016-07-20", Time: "09:00:00", TimeZone: "Pacific Standard Time" },
            End: { Date: "2016-07-20", Time: "17:00:00", TimeZone: "Pacific Standard Time" },
          },
        ],
      },
      MeetingDuration: "PT1H",
      MaxCandidates: 2,
      IsOrganizerOptional: false,
      ReturnSuggestionHints: true,
    }),
    graph: g("POST", "/me/findMeetingTimes", {
      attendees: [{ type: "required", emailAddress: { name: "Alex Wilber", address: "alexw@contoso.com" } }],
      locationConstraint: {
        isRequired: false,
        suggestLocation: false,
        locations: [{ resolveAvailability: false, displayName: "Conf room Hood" }],
      },
      timeConstraint: {
        activityDomain: "work",
        timeSlots: [
          {
            start: { dateTime: "2016-07-20T09:00:00", timeZone: "Pacific Standard Time" },
            end: { dateTime: "2016-07-20T17:00:00", timeZone: "Pacific Standard Time" },
          },
        ],
      },
      meetingDuration: "PT1H",
      maxCandidates: 2,
      isOrganizerOptional: false,
      returnSuggestionReasons: true,
    }),
    cite: [api("user-findmeetingtimes"), api("resources/timeslot")],
    notes:
      "Beyond renames: TimeSlot.Start/End are TimeStamp {Date, Time, TimeZone} in Outlook beta and dateTimeTimeZone " +
      "{dateTime, timeZone} in Graph (Date and Time join into dateTime); ReturnSuggestionHints becomes " +
      "returnSuggestionReasons; the answer is a meetingTimeSuggestionsResult, not a MeetingTimeCandidatesResult.",
  },
  {
    id: "cal-list-calendars",
    section: "3.2",
    version: "v2.0",
    doc: "Calendar CRUD: GET /me/calendars",
    outlook: o("v2.0", "GET", "/me/calendars"),
    graph: g("GET", "/me/calendars"),
    cite: [api("user-list-calendars")],
  },
  {
    id: "cal-create-calendar",
    section: "3.2",
    version: "v2.0",
    doc: "Calendar CRUD: POST /me/calendars",
    outlook: o("v2.0", "POST", "/me/calendars", { Name: "Social" }),
    graph: g("POST", "/me/calendars", { name: "Social" }),
    cite: [api("user-post-calendars")],
  },
  {
    id: "cal-get-calendar",
    section: "3.2",
    version: "v2.0",
    doc: "Calendar CRUD: GET /me/calendars/{id}",
    outlook: o("v2.0", "GET", `/me/calendars/${CAL}`),
    graph: g("GET", `/me/calendars/${CAL}`),
    cite: [api("calendar-get")],
  },
  {
    id: "cal-update-calendar",
    section: "3.2",
    version: "v2.0",
    doc: "Calendar CRUD: PATCH /me/calendars/{id}",
    outlook: o("v2.0", "PATCH", `/me/calendars/${CAL}`, { Name: "Social events", Color: "LightBlue" }),
    graph: g("PATCH", `/me/calendars/${CAL}`, { name: "Social events", color: "lightBlue" }),
    cite: [api("calendar-update")],
  },
  {
    id: "cal-delete-calendar",
    section: "3.2",
    version: "v2.0",
    doc: "Calendar CRUD: DELETE /me/calendars/{id}",
    outlook: o("v2.0", "DELETE", `/me/calendars/${CAL}`),
    graph: g("DELETE", `/me/calendars/${CAL}`),
    cite: [api("calendar-delete")],
  },
  {
    id: "cal-list-group-calendars",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendargroups/{id}/calendars",
    outlook: o("v2.0", "GET", `/me/calendargroups/${CALGROUP}/calendars`),
    graph: g("GET", `/me/calendarGroups/${CALGROUP}/calendars`),
    cite: [api("calendargroup-list-calendars")],
  },
  {
    id: "cal-create-group-calendar",
    section: "3.2",
    version: "v2.0",
    doc: "POST /me/calendargroups/{id}/calendars",
    outlook: o("v2.0", "POST", `/me/calendargroups/${CALGROUP}/calendars`, { Name: "Volunteer" }),
    graph: g("POST", `/me/calendarGroups/${CALGROUP}/calendars`, { name: "Volunteer" }),
    cite: [api("calendargroup-post-calendars")],
  },
  {
    id: "cal-list-calendar-groups",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendargroups",
    outlook: o("v2.0", "GET", "/me/calendargroups"),
    graph: g("GET", "/me/calendarGroups"),
    cite: [api("user-list-calendargroups")],
  },
  {
    id: "cal-create-calendar-group",
    section: "3.2",
    version: "v2.0",
    doc: "POST /me/calendargroups",
    outlook: o("v2.0", "POST", "/me/calendargroups", { Name: "Personal Events" }),
    graph: g("POST", "/me/calendarGroups", { name: "Personal Events" }),
    cite: [api("user-post-calendargroups")],
  },
  {
    id: "cal-get-calendar-group",
    section: "3.2",
    version: "v2.0",
    doc: "GET /me/calendargroups/{id}",
    outlook: o("v2.0", "GET", `/me/calendargroups/${CALGROUP}`),
    graph: g("GET", `/me/calendarGroups/${CALGROUP}`),
    cite: [api("calendargroup-get")],
  },
  {
    id: "cal-update-calendar-group",
    section: "3.2",
    version: "v2.0",
    doc: "PATCH /me/calendargroups/{id}",
    outlook: o("v2.0", "PATCH", `/me/calendargroups/${CALGROUP}`, { Name: "Family Events" }),
    graph: g("PATCH", `/me/calendarGroups/${CALGROUP}`, { name: "Family Events" }),
    cite: [api("calendargroup-update")],
  },
  {
    id: "cal-delete-calendar-group",
    section: "3.2",
    version: "v2.0",
    doc: "DELETE /me/calendargroups/{id}",
    outlook: o("v2.0", "DELETE", `/me/calendargroups/${CALGROUP}`),
    graph: g("DELETE", `/me/calendarGroups/${CALGROUP}`),
    cite: [api("calendargroup-delete")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.3 Contacts

const newContact = {
  GivenName: "Pavel",
  Surname: "Bansky",
  EmailAddresses: [{ Address: "pavelb@contoso.com", Name: "Pavel Bansky" }],
  BusinessPhones: ["+1 732 555 0102"],
};
const newContactGraph = {
  givenName: "Pavel",
  surname: "Bansky",
  emailAddresses: [{ address: "pavelb@contoso.com", name: "Pavel Bansky" }],
  businessPhones: ["+1 732 555 0102"],
};

const contacts: DocumentedRequest[] = [
  {
    id: "con-list-contacts",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contacts",
    outlook: o("v2.0", "GET", "/me/contacts"),
    graph: g("GET", "/me/contacts"),
    cite: [api("user-list-contacts")],
  },
  {
    id: "con-create-contact",
    section: "3.3",
    version: "v2.0",
    doc: "POST /me/contacts",
    outlook: o("v2.0", "POST", "/me/contacts", newContact),
    graph: g("POST", "/me/contacts", newContactGraph),
    cite: [api("user-post-contacts")],
  },
  {
    id: "con-list-folder-contacts",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contactfolders/{id}/contacts",
    outlook: o("v2.0", "GET", `/me/contactfolders/${CFOLDER}/contacts`),
    graph: g("GET", `/me/contactFolders/${CFOLDER}/contacts`),
    cite: [api("contactfolder-list-contacts")],
  },
  {
    id: "con-create-folder-contact",
    section: "3.3",
    version: "v2.0",
    doc: "POST /me/contactfolders/{id}/contacts",
    outlook: o("v2.0", "POST", `/me/contactfolders/${CFOLDER}/contacts`, newContact),
    graph: g("POST", `/me/contactFolders/${CFOLDER}/contacts`, newContactGraph),
    cite: [api("contactfolder-post-contacts")],
  },
  {
    id: "con-get-contact",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contacts/{id}",
    outlook: o("v2.0", "GET", `/me/contacts/${CONTACT}`),
    graph: g("GET", `/me/contacts/${CONTACT}`),
    cite: [api("contact-get")],
  },
  {
    id: "con-update-contact",
    section: "3.3",
    version: "v2.0",
    doc: "PATCH /me/contacts/{id}",
    outlook: o("v2.0", "PATCH", `/me/contacts/${CONTACT}`, {
      HomeAddress: { Street: "123 Some street", City: "Seattle", State: "WA", PostalCode: "98121" },
      Birthday: "1974-07-22T00:00:00Z",
    }),
    graph: g("PATCH", `/me/contacts/${CONTACT}`, {
      homeAddress: { street: "123 Some street", city: "Seattle", state: "WA", postalCode: "98121" },
      birthday: "1974-07-22T00:00:00Z",
    }),
    cite: [api("contact-update")],
  },
  {
    id: "con-delete-contact",
    section: "3.3",
    version: "v2.0",
    doc: "DELETE /me/contacts/{id}",
    outlook: o("v2.0", "DELETE", `/me/contacts/${CONTACT}`),
    graph: g("DELETE", `/me/contacts/${CONTACT}`),
    cite: [api("contact-delete")],
  },
  {
    id: "con-list-contact-folders",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contactfolders",
    outlook: o("v2.0", "GET", "/me/contactfolders"),
    graph: g("GET", "/me/contactFolders"),
    cite: [api("user-list-contactfolders")],
  },
  {
    id: "con-list-child-folders",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contactfolders/{id}/childfolders",
    outlook: o("v2.0", "GET", `/me/contactfolders/${CFOLDER}/childfolders`),
    graph: g("GET", `/me/contactFolders/${CFOLDER}/childFolders`),
    cite: [api("contactfolder-list-childfolders")],
  },
  {
    id: "con-get-contact-photo",
    section: "3.3",
    version: "v2.0",
    doc: "GET /me/contacts('{id}')/photo",
    outlook: o("v2.0", "GET", `/me/contacts('${CONTACT}')/photo`),
    graph: g("GET", `/me/contacts/${CONTACT}/photo`),
    cite: [api("profilephoto-get")],
  },
  {
    id: "con-get-contact-photo-value",
    section: "3.3",
    version: "v2.0",
    doc: "GET …/photo/$value",
    outlook: o("v2.0", "GET", `/me/contacts('${CONTACT}')/photo/$value`),
    graph: g("GET", `/me/contacts/${CONTACT}/photo/$value`),
    cite: [api("profilephoto-get")],
  },
  {
    id: "con-put-contact-photo-value",
    section: "3.3",
    version: "v2.0",
    doc: "PUT …/photo/$value",
    outlook: o("v2.0", "PUT", `/me/contacts('${CONTACT}')/photo/$value`, JPEG, { "Content-Type": "image/jpeg" }),
    graph: g("PUT", `/me/contacts/${CONTACT}/photo/$value`, JPEG, { "Content-Type": "image/jpeg" }),
    cite: [api("profilephoto-update")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.4 Batching

const CRLF = "\r\n";
function multipart(boundary: string, parts: readonly { line: string; json?: unknown }[]): string {
  const lines: string[] = [];
  for (const p of parts) {
    lines.push(`--${boundary}`, "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", p.line);
    if (p.json !== undefined) lines.push("Content-Type: application/json", "", JSON.stringify(p.json));
    lines.push("");
  }
  lines.push(`--${boundary}--`, "");
  return lines.join(CRLF);
}

const batchEvent = {
  Subject: "Lunch",
  Start: { DateTime: "2016-07-20T12:00:00", TimeZone: "Pacific Standard Time" },
  End: { DateTime: "2016-07-20T13:00:00", TimeZone: "Pacific Standard Time" },
};
const batchEventGraph = {
  subject: "Lunch",
  start: { dateTime: "2016-07-20T12:00:00", timeZone: "Pacific Standard Time" },
  end: { dateTime: "2016-07-20T13:00:00", timeZone: "Pacific Standard Time" },
};
const BATCH_CITE = [concept("json-batching")];
const BATCH_UNRESOLVED: Unresolved = {
  segment: "$batch",
  why: "OData's batch endpoint is a resource of the service root, not an element of the model",
};

const batching: DocumentedRequest[] = [
  {
    id: "batch-beta-root",
    section: "3.4",
    version: "beta",
    doc: "POST https://outlook.office.com/api/beta/$batch, multipart/mixed",
    outlook: {
      ...o("beta", "POST", "/$batch", multipart("batch_36522ad7-fc75-4b56-8c71-56071383e77b", [
        { line: "GET /api/beta/me/messages?$top=2&$select=Subject HTTP/1.1" },
        { line: "POST /api/beta/me/events HTTP/1.1", json: batchEvent },
      ]), { "Content-Type": "multipart/mixed; boundary=batch_36522ad7-fc75-4b56-8c71-56071383e77b" }),
      unresolved: [BATCH_UNRESOLVED],
    },
    graph: {
      ...g("POST", "/$batch", {
        requests: [
          { id: "1", method: "GET", url: "/me/messages?$top=2&$select=subject" },
          {
            id: "2",
            dependsOn: ["1"],
            method: "POST",
            url: "/me/events",
            headers: { "Content-Type": "application/json" },
            body: batchEventGraph,
          },
        ],
      }),
      unresolved: [BATCH_UNRESOLVED],
    },
    cite: BATCH_CITE,
    notes:
      "Graph's batch is JSON, not multipart; part URLs are relative to the version root. Outlook stopped at the first " +
      "failed part (without odata.continue-on-error); Graph's parts are independent unless chained by dependsOn, so " +
      "each part depends on the one before it, and a failure answers 424 for the rest.",
  },
  {
    id: "batch-v2-user-context",
    section: "3.4",
    version: "v2.0",
    doc: "https://outlook.office.com/api/v2.0/me/$batch, with the user context in the URL",
    outlook: {
      ...o("v2.0", "POST", "/me/$batch", multipart("batch_0b7e2a4d-1c5f-4a1e-9d3b-2f6e8c9a1b2c", [
        { line: "GET /api/v2.0/me/MailFolders/Inbox/messages?$top=5 HTTP/1.1" },
        { line: "GET /api/v2.0/me/calendarview?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T23:59:59Z HTTP/1.1" },
      ]), { "Content-Type": "multipart/mixed; boundary=batch_0b7e2a4d-1c5f-4a1e-9d3b-2f6e8c9a1b2c" }),
      unresolved: [BATCH_UNRESOLVED],
    },
    graph: {
      ...g("POST", "/$batch", {
        requests: [
          { id: "1", method: "GET", url: "/me/mailFolders/Inbox/messages?$top=5" },
          {
            id: "2",
            dependsOn: ["1"],
            method: "GET",
            url: "/me/calendarView?startDateTime=2016-07-01T00:00:00Z&endDateTime=2016-07-31T23:59:59Z",
          },
        ],
      }),
      unresolved: [BATCH_UNRESOLVED],
    },
    cite: BATCH_CITE,
    notes: "Graph's batch endpoint is at the version root only (/v1.0/$batch); the user context moves into each part URL.",
  },
  {
    id: "batch-continue-on-error",
    section: "3.4",
    version: "v2.0",
    doc: "Prefer: odata.continue-on-error keeps a $batch running after a failed part",
    outlook: {
      ...o("v2.0", "POST", "/me/$batch", multipart("batch_5c1a9f3e-7b2d-4e6a-8f0c-3d9b1e7a5c2f", [
        { line: "DELETE /api/v2.0/me/messages/" + MSG + " HTTP/1.1" },
        { line: "GET /api/v2.0/me/messages?$top=1 HTTP/1.1" },
      ]), {
        "Content-Type": "multipart/mixed; boundary=batch_5c1a9f3e-7b2d-4e6a-8f0c-3d9b1e7a5c2f",
        Prefer: "odata.continue-on-error",
      }),
      unresolved: [BATCH_UNRESOLVED],
    },
    graph: {
      ...g("POST", "/$batch", {
        requests: [
          { id: "1", method: "DELETE", url: `/me/messages/${MSG}` },
          { id: "2", method: "GET", url: "/me/messages?$top=1" },
        ],
      }),
      unresolved: [BATCH_UNRESOLVED],
    },
    cite: BATCH_CITE,
    notes: "Independent JSON batch parts (no dependsOn) already run on after a failure, so the Prefer header goes.",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.5 Data extensions

const extension = {
  "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension",
  ExtensionName: EXT,
  CompanyName: "Wingtip Toys",
  ExpirationDate: "2015-12-30T11:00:00.000Z",
  DealValue: 10000,
};
const extensionGraph = {
  "@odata.type": "microsoft.graph.openTypeExtension",
  extensionName: EXT,
  CompanyName: "Wingtip Toys",
  ExpirationDate: "2015-12-30T11:00:00.000Z",
  DealValue: 10000,
};
const EXT_NOTES =
  "The extension's own properties (CompanyName, ExpirationDate, DealValue) are the app's data and keep their names; " +
  "Graph stores open-extension properties as given.";

function createExtension(id: string, collection: "messages" | "events" | "contacts", key: string, page: string): DocumentedRequest {
  return {
    id,
    section: "3.5",
    version: "v2.0",
    doc: `POST /me/${collection}('{id}')/extensions`,
    outlook: o("v2.0", "POST", `/me/${collection}('${key}')/extensions`, extension),
    graph: g("POST", `/me/${collection}/${key}/extensions`, extensionGraph),
    cite: [api("opentypeextension-post-opentypeextension"), api(page)],
    notes: EXT_NOTES,
  };
}

const extensions: DocumentedRequest[] = [
  createExtension("ext-create-on-message", "messages", MSG, "resources/message"),
  createExtension("ext-create-on-event", "events", EVENT, "resources/event"),
  createExtension("ext-create-on-contact", "contacts", CONTACT, "resources/contact"),
  {
    id: "ext-create-inline-with-message",
    section: "3.5",
    version: "v2.0",
    doc: "Create inline with a new item: an `Extensions: [ … ]` array in the POST of the message",
    outlook: o("v2.0", "POST", "/me/messages", { ...draft, Extensions: [extension] }),
    graph: g("POST", "/me/messages", { ...draftGraph, extensions: [extensionGraph] }),
    cite: [api("opentypeextension-post-opentypeextension")],
    notes: EXT_NOTES,
  },
  {
    id: "ext-create-inline-with-event",
    section: "3.5",
    version: "v2.0",
    doc: "… in the POST of the event",
    outlook: o("v2.0", "POST", "/me/events", { ...newEvent, Extensions: [extension] }),
    graph: g("POST", "/me/events", { ...newEventGraph, extensions: [extensionGraph] }),
    cite: [api("opentypeextension-post-opentypeextension")],
    notes: EXT_NOTES,
  },
  {
    id: "ext-create-inline-with-contact",
    section: "3.5",
    version: "v2.0",
    doc: "… in the POST of the contact",
    outlook: o("v2.0", "POST", "/me/contacts", { ...newContact, Extensions: [extension] }),
    graph: g("POST", "/me/contacts", { ...newContactGraph, extensions: [extensionGraph] }),
    cite: [api("opentypeextension-post-opentypeextension")],
    notes: EXT_NOTES,
  },
  {
    id: "ext-get-by-name",
    section: "3.5",
    version: "v2.0",
    doc: "GET …/extensions('Com.Contoso.Referral')",
    outlook: o("v2.0", "GET", `/me/messages('${MSG}')/extensions('${EXT}')`),
    graph: g("GET", `/me/messages/${MSG}/extensions/${EXT}`),
    cite: [api("opentypeextension-get")],
  },
  {
    id: "ext-get-by-qualified-id",
    section: "3.5",
    version: "v2.0",
    doc: "GET accepts the id `Microsoft.OutlookServices.OpenTypeExtension.{ExtensionName}`",
    outlook: o("v2.0", "GET", `/me/messages('${MSG}')/extensions('${EXT_ID}')`),
    graph: g("GET", `/me/messages/${MSG}/extensions/${EXT}`),
    cite: [api("opentypeextension-get")],
    notes:
      "Graph accepts either form as the key; the translation uses the extensionName, which is what Graph's pages " +
      "address extensions by.",
  },
  {
    id: "ext-update",
    section: "3.5",
    version: "v2.0",
    doc: "PATCH …/extensions('Com.Contoso.Referral')",
    outlook: o("v2.0", "PATCH", `/me/messages('${MSG}')/extensions('${EXT}')`, {
      "@odata.type": "Microsoft.OutlookServices.OpenTypeExtension",
      DealValue: 500050,
    }),
    graph: g("PATCH", `/me/messages/${MSG}/extensions/${EXT}`, {
      "@odata.type": "microsoft.graph.openTypeExtension",
      DealValue: 500050,
    }),
    cite: [api("opentypeextension-update")],
    notes: EXT_NOTES,
  },
  {
    id: "ext-delete",
    section: "3.5",
    version: "v2.0",
    doc: "DELETE …/extensions('Com.Contoso.Referral')",
    outlook: o("v2.0", "DELETE", `/me/messages('${MSG}')/extensions('${EXT}')`),
    graph: g("DELETE", `/me/messages/${MSG}/extensions/${EXT}`),
    cite: [api("opentypeextension-delete")],
  },
  {
    id: "ext-expand",
    section: "3.5",
    version: "v2.0",
    doc: "GET /me/messages('{id}')?$expand=Extensions($filter=Id eq '{extId}')",
    outlook: o("v2.0", "GET", `/me/messages('${MSG}')?$expand=Extensions($filter=Id eq '${EXT_ID}')`),
    graph: g("GET", `/me/messages/${MSG}?$expand=extensions($filter=id eq '${EXT_ID}')`),
    cite: [api("opentypeextension-get")],
    notes: "The id in the filter is data (Graph's extension id keeps the Microsoft.OutlookServices… form) and stays.",
  },
  {
    id: "ext-filter-and-expand",
    section: "3.5",
    version: "v2.0",
    doc: "GET /me/messages?$filter=Extensions/any(f:f/Id eq '{extId}')&$expand=Extensions($filter=Id eq '{extId}')",
    outlook: o("v2.0", "GET", `/me/messages?$filter=Extensions/any(f:f/Id eq '${EXT_ID}')&$expand=Extensions($filter=Id eq '${EXT_ID}')`),
    graph: g("GET", `/me/messages?$filter=extensions/any(f:f/id eq '${EXT_ID}')&$expand=extensions($filter=id eq '${EXT_ID}')`),
    cite: [api("opentypeextension-get")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.6 Extended properties

const extendedProperties: DocumentedRequest[] = [
  {
    id: "xp-create-single-by-patch",
    section: "3.6",
    version: "v2.0",
    doc: 'PATCH the item with "SingleValueExtendedProperties":[{"PropertyId":"…","Value":"…"}]',
    outlook: o("v2.0", "PATCH", `/me/messages('${MSG}')`, {
      SingleValueExtendedProperties: [{ PropertyId: XP_NAME, Value: "Green" }],
    }),
    graph: g("PATCH", `/me/messages/${MSG}`, { singleValueExtendedProperties: [{ id: XP_NAME, value: "Green" }] }),
    cite: [api("singlevaluelegacyextendedproperty-post-singlevalueextendedproperties")],
  },
  {
    id: "xp-create-single-in-post",
    section: "3.6",
    version: "v2.0",
    doc: "… or including the properties in a POST",
    outlook: o("v2.0", "POST", "/me/events", {
      ...newEvent,
      SingleValueExtendedProperties: [{ PropertyId: XP_NAME, Value: "Green" }],
    }),
    graph: g("POST", "/me/events", { ...newEventGraph, singleValueExtendedProperties: [{ id: XP_NAME, value: "Green" }] }),
    cite: [api("singlevaluelegacyextendedproperty-post-singlevalueextendedproperties")],
  },
  {
    id: "xp-create-multi-by-patch",
    section: "3.6",
    version: "v2.0",
    doc: "Multi-value ones use array types (StringArray)",
    outlook: o("v2.0", "PATCH", `/me/messages('${MSG}')`, {
      MultiValueExtendedProperties: [{ PropertyId: XP_MULTI, Value: ["Green", "Yellow"] }],
    }),
    graph: g("PATCH", `/me/messages/${MSG}`, { multiValueExtendedProperties: [{ id: XP_MULTI, value: ["Green", "Yellow"] }] }),
    cite: [api("multivaluelegacyextendedproperty-post-multivalueextendedproperties")],
  },
  {
    id: "xp-expand-single-by-name",
    section: "3.6",
    version: "v2.0",
    doc: "$expand=SingleValueExtendedProperties($filter=PropertyId eq '…')",
    outlook: o("v2.0", "GET", `/me/messages('${MSG}')?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${XP_NAME}')`),
    graph: g("GET", `/me/messages/${MSG}?$expand=singleValueExtendedProperties($filter=id eq '${XP_NAME}')`),
    cite: [api("singlevaluelegacyextendedproperty-get")],
  },
  {
    id: "xp-expand-single-by-id-form",
    section: "3.6",
    version: "v2.0",
    doc: "PropertyId format `{type} {guid} Id {0xhex}`",
    outlook: o("v2.0", "GET", `/me/events('${EVENT}')?$expand=SingleValueExtendedProperties($filter=PropertyId eq '${XP_ID}')`),
    graph: g("GET", `/me/events/${EVENT}?$expand=singleValueExtendedProperties($filter=id eq '${XP_ID}')`),
    cite: [api("singlevaluelegacyextendedproperty-get"), api("resources/extended-properties-overview")],
  },
  {
    id: "xp-filter-any",
    section: "3.6",
    version: "v2.0",
    doc: "$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '…' and ep/Value eq '…')",
    outlook: o("v2.0", "GET", `/me/messages?$filter=SingleValueExtendedProperties/Any(ep: ep/PropertyId eq '${XP_NAME}' and ep/Value eq 'Green')`),
    graph: g("GET", `/me/messages?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${XP_NAME}' and ep/value eq 'Green')`),
    cite: [api("singlevaluelegacyextendedproperty-get")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.7 Push notifications

/** Graph's longest lifetime for an Outlook subscription without resource data: 4230 minutes. */
const CLOCK = "2016-07-20T10:00:00Z";
const CLOCK_PLUS_MAX = "2016-07-23T08:30:00Z";
const SUB_CITE = [api("subscription-post-subscriptions"), concept("outlook-change-notifications-overview")];
const SUB_NOTES =
  "Graph subscriptions live at /subscriptions (not under the user), take no @odata.type, write change types in " +
  "lower case, name the resource relative to the version root as Graph's examples do (`me/mailFolders('inbox')/" +
  "messages`), and always need expirationDateTime: Outlook's default was 3 days, Graph's longest for Outlook resources " +
  "without resource data is 4230 minutes, so an absent expiry becomes clock + 4230 minutes. Outlook added `Missed` to " +
  "every ChangeType; Graph has no such change type (lifecycle notifications take that role).";

const push: DocumentedRequest[] = [
  {
    id: "push-subscribe",
    section: "3.7",
    version: "v2.0",
    doc: 'POST /me/subscriptions with {"@odata.type":"#Microsoft.OutlookServices.PushSubscription", …}',
    outlook: o("v2.0", "POST", "/me/subscriptions", {
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      Resource: "https://outlook.office.com/api/v2.0/me/mailfolders('inbox')/messages",
      NotificationURL: "https://webhook.contoso.com/api/notify",
      ChangeType: "Created,Updated,Deleted",
      ClientState: "c75831bd-fad3-4191-9a66-280a48528679",
    }),
    graph: g("POST", "/subscriptions", {
      changeType: "created,updated,deleted",
      notificationUrl: "https://webhook.contoso.com/api/notify",
      resource: "me/mailFolders('inbox')/messages",
      expirationDateTime: CLOCK_PLUS_MAX,
      clientState: "c75831bd-fad3-4191-9a66-280a48528679",
    }),
    clock: CLOCK,
    cite: SUB_CITE,
    notes: SUB_NOTES,
  },
  {
    id: "push-subscribe-events-with-expiry",
    section: "3.7",
    version: "v2.0",
    doc: "Resources can be … events … or the top-level collections",
    outlook: o("v2.0", "POST", "/me/subscriptions", {
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      Resource: "https://outlook.office.com/api/v2.0/me/events",
      NotificationURL: "https://webhook.contoso.com/api/notify",
      ChangeType: "Created",
      SubscriptionExpirationDateTime: "2016-07-22T18:23:45.9356913Z",
    }),
    graph: g("POST", "/subscriptions", {
      changeType: "created",
      notificationUrl: "https://webhook.contoso.com/api/notify",
      resource: "me/events",
      expirationDateTime: "2016-07-22T18:23:45.9356913Z",
    }),
    cite: SUB_CITE,
    notes: SUB_NOTES,
  },
  {
    id: "push-subscribe-with-filter",
    section: "3.7",
    version: "v2.0",
    doc: "A `$filter` is allowed in the Resource URL",
    outlook: o("v2.0", "POST", "/me/subscriptions", {
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      Resource: "https://outlook.office.com/api/v2.0/me/mailfolders('inbox')/messages?$filter=IsRead eq false",
      NotificationURL: "https://webhook.contoso.com/api/notify",
      ChangeType: "Created,Updated,Deleted",
    }),
    graph: g("POST", "/subscriptions", {
      changeType: "created,updated,deleted",
      notificationUrl: "https://webhook.contoso.com/api/notify",
      resource: "me/mailFolders('inbox')/messages?$filter=isRead eq false",
      expirationDateTime: CLOCK_PLUS_MAX,
    }),
    clock: CLOCK,
    cite: SUB_CITE,
    notes: SUB_NOTES,
  },
  {
    id: "push-renew",
    section: "3.7",
    version: "v2.0",
    doc: "Renew with PATCH /me/subscriptions/{id} (body SubscriptionExpirationDateTime)",
    outlook: o("v2.0", "PATCH", `/me/subscriptions/${SUB}`, {
      "@odata.type": "#Microsoft.OutlookServices.PushSubscription",
      SubscriptionExpirationDateTime: "2016-07-23T08:00:00Z",
    }),
    notes:
      "The Outlook body names the derived type: SubscriptionExpirationDateTime is a member of PushSubscription, not " +
      "of the abstract Subscription the navigation is typed with. Graph's subscription is one concrete type.",
    graph: g("PATCH", `/subscriptions/${SUB}`, { expirationDateTime: "2016-07-23T08:00:00Z" }),
    cite: [api("subscription-update")],
  },
  {
    id: "push-renew-default",
    section: "3.7",
    version: "v2.0",
    doc: "Renew with an empty body for +3 days",
    outlook: o("v2.0", "PATCH", `/me/subscriptions/${SUB}`, {}),
    graph: g("PATCH", `/subscriptions/${SUB}`, { expirationDateTime: CLOCK_PLUS_MAX }),
    clock: CLOCK,
    cite: [api("subscription-update"), concept("outlook-change-notifications-overview")],
    notes: SUB_NOTES,
  },
  {
    id: "push-get-subscription",
    section: "3.7",
    version: "v2.0",
    doc: "A GET on the subscription leaves out ClientState",
    outlook: o("v2.0", "GET", `/me/subscriptions('${SUB}')`),
    graph: g("GET", `/subscriptions/${SUB}`),
    cite: [api("subscription-get")],
  },
  {
    id: "push-delete-subscription",
    section: "3.7",
    version: "v2.0",
    doc: "DELETE /me/subscriptions('{id}')",
    outlook: o("v2.0", "DELETE", `/me/subscriptions('${SUB}')`),
    graph: g("DELETE", `/subscriptions/${SUB}`),
    cite: [api("subscription-delete")],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.8 Streaming notifications

const STREAM_REASON =
  "Graph v1.0 has no streaming notifications: change notifications are delivered only by webhooks, Azure Event Hubs or " +
  "Azure Event Grid, each configured by a subscription's notificationUrl; there is no StreamingSubscription type and " +
  "no GetNotifications action to hold a long-lived response open.";
const STREAM_CITE = [concept("change-notifications-overview"), api("resources/subscription")];

const streaming: DocumentedRequest[] = [
  {
    id: "stream-subscribe",
    section: "3.8",
    version: "beta",
    doc: 'POST …/api/beta/me/subscriptions with {"@odata.type":"#Microsoft.OutlookServices.StreamingSubscription", …}',
    outlook: o("beta", "POST", "/me/subscriptions", {
      "@odata.type": "#Microsoft.OutlookServices.StreamingSubscription",
      Resource: "https://outlook.office.com/api/beta/me/events",
      ChangeType: "Created,Updated,Deleted",
    }),
    untranslatable: { reason: STREAM_REASON, cite: STREAM_CITE },
  },
  {
    id: "stream-get-notifications",
    section: "3.8",
    version: "beta",
    doc: "POST /api/beta/me/GetNotifications",
    outlook: o("beta", "POST", "/me/GetNotifications", {
      ConnectionTimeoutInMinutes: 120,
      KeepAliveNotificationIntervalInSeconds: 5,
      SubscriptionIds: [SUB],
    }),
    untranslatable: { reason: STREAM_REASON, cite: STREAM_CITE, probes: [`${GRAPH}/me/getNotifications`] },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.9 People

const PEOPLE_CITE = [api("user-list-people"), concept("people-insights-overview")];

const people: DocumentedRequest[] = [
  {
    id: "people-list",
    section: "3.9",
    version: "beta",
    doc: "GET https://outlook.office.com/api/beta/me/people",
    outlook: o("beta", "GET", "/me/people"),
    graph: g("GET", "/me/people"),
    cite: PEOPLE_CITE,
    notes:
      "The answer's shape differs: Graph's person has scoredEmailAddresses {address, relevanceScore} for " +
      "EmailAddresses {Address, Rank}, personType {class, subclass}, and no Sources or MailboxType.",
  },
  {
    id: "people-top-skip",
    section: "3.9",
    version: "beta",
    doc: "$top (1000 in samples), $skip",
    outlook: o("beta", "GET", "/me/people?$top=1000&$skip=10"),
    graph: g("GET", "/me/people?$top=1000&$skip=10"),
    cite: PEOPLE_CITE,
  },
  {
    id: "people-select",
    section: "3.9",
    version: "beta",
    doc: "$select",
    outlook: o("beta", "GET", "/me/people?$select=DisplayName,EmailAddresses"),
    graph: g("GET", "/me/people?$select=displayName,scoredEmailAddresses"),
    cite: PEOPLE_CITE,
    notes: "Person.EmailAddresses (RankedEmailAddress) is scoredEmailAddresses (scoredEmailAddress) in Graph.",
  },
  {
    id: "people-orderby",
    section: "3.9",
    version: "beta",
    doc: "$orderby=DisplayName",
    outlook: o("beta", "GET", "/me/people?$orderby=DisplayName"),
    graph: g("GET", "/me/people?$orderby=displayName"),
    cite: PEOPLE_CITE,
  },
  {
    id: "people-filter-sources",
    section: "3.9",
    version: "beta",
    doc: "$filter=Sources/Any(source: source/Type eq 'Communication History')",
    outlook: o("beta", "GET", "/me/people?$filter=Sources/Any(source: source/Type eq 'Communication History')"),
    untranslatable: {
      reason:
        "Graph v1.0's person has no sources property (nor PersonDataSource), so there is nothing to filter on; the " +
        "nearest Graph filter, personType/class and personType/subclass, selects a different thing (kind of entry, " +
        "not where it came from).",
      cite: [api("resources/person"), concept("people-insights-overview")],
      probes: [`${GRAPH}/me/people?$select=sources`],
    },
  },
  {
    id: "people-search-name",
    section: "3.9",
    version: "beta",
    doc: "$search (name fuzzy match)",
    outlook: o("beta", "GET", "/me/people?$search=j"),
    graph: g("GET", "/me/people?$search=j"),
    cite: PEOPLE_CITE,
  },
  {
    id: "people-search-topic",
    section: "3.9",
    version: "beta",
    doc: '$search "… topic: …"',
    outlook: o("beta", "GET", '/me/people?$search="topic: planning"'),
    graph: g("GET", '/me/people?$search="topic: planning"'),
    cite: PEOPLE_CITE,
  },
  {
    id: "people-trending-around",
    section: "3.9",
    version: "beta",
    doc: "Related beta function in M3: User.TrendingAround() → File",
    outlook: o("beta", "GET", "/me/TrendingAround()"),
    untranslatable: {
      reason:
        "Graph v1.0 has no trendingAround function; the nearest API, GET /me/insights/trending, returns trending " +
        "insight resources (resourceVisualization, resourceReference, weight), not the File entities of the Outlook " +
        "beta function, so the answer cannot be read the same way.",
      cite: [api("insights-list-trending"), api("resources/insights-trending")],
      probes: [`${GRAPH}/me/trendingAround()`],
    },
  },
  {
    id: "people-working-with",
    section: "3.9",
    version: "beta",
    doc: "Related beta function in M3: User.WorkingWith() → WorkingWithEntity",
    outlook: o("beta", "GET", "/me/WorkingWith()"),
    untranslatable: {
      reason:
        "Graph v1.0 has no workingWith function or WorkingWithEntity type; GET /me/people ranks people by " +
        "relevance instead and answers person resources of another shape.",
      cite: [api("user-list-people"), api("resources/person")],
      probes: [`${GRAPH}/me/workingWith()`],
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.10 Tasks (beta): every documented URL, none translatable

const taskRow = (id: string, doc: string, method: Method, path: string, body?: unknown, probe?: string): DocumentedRequest => ({
  id,
  section: "3.10",
  version: "beta",
  doc,
  outlook: o("beta", method, path, body),
  untranslatable: { reason: TASKS_REASON, cite: TASKS_CITE, ...(probe ? { probes: [GRAPH + probe] } : {}) },
});

const newTask = { Subject: "Shop for children's weekend", DueDateTime: { DateTime: "2016-07-23T00:00:00", TimeZone: "Pacific Standard Time" } };

const tasks: DocumentedRequest[] = [
  taskRow("tasks-list", "GET /me/tasks", "GET", "/me/tasks", undefined, "/me/tasks"),
  taskRow("tasks-create", "POST /me/tasks", "POST", "/me/tasks", newTask, "/me/tasks"),
  taskRow("tasks-get", "GET /me/tasks('{id}')", "GET", `/me/tasks('${TASK}')`),
  taskRow("tasks-update", "PATCH /me/tasks('{id}')", "PATCH", `/me/tasks('${TASK}')`, { Importance: "High" }),
  taskRow("tasks-delete", "DELETE /me/tasks('{id}')", "DELETE", `/me/tasks('${TASK}')`),
  taskRow("tasks-complete", "POST /me/tasks('{id}')/complete", "POST", `/me/tasks('${TASK}')/complete`),
  taskRow("tasks-list-folder-tasks", "GET /me/taskfolders('{id}')/tasks", "GET", `/me/taskfolders('${TASKFOLDER}')/tasks`, undefined, "/me/taskFolders"),
  taskRow("tasks-create-folder-task", "POST /me/taskfolders('{id}')/tasks", "POST", `/me/taskfolders('${TASKFOLDER}')/tasks`, newTask),
  taskRow("tasks-list-folders", "GET /me/taskfolders", "GET", "/me/taskfolders"),
  taskRow("tasks-create-folder", "POST /me/taskfolders", "POST", "/me/taskfolders", { Name: "Volunteer work" }),
  taskRow("tasks-update-folder", "PATCH /me/taskfolders('{id}')", "PATCH", `/me/taskfolders('${TASKFOLDER}')`, { Name: "Charity work" }),
  taskRow("tasks-delete-folder", "DELETE /me/taskfolders('{id}')", "DELETE", `/me/taskfolders('${TASKFOLDER}')`),
  taskRow("tasks-list-groups", "GET /me/taskgroups", "GET", "/me/taskgroups", undefined, "/me/taskGroups"),
  taskRow("tasks-create-group", "POST /me/taskgroups", "POST", "/me/taskgroups", { Name: "Leisure tasks" }),
  taskRow("tasks-create-group-folder", "POST /me/taskgroups('{id}')/taskfolders", "POST", `/me/taskgroups('${TASKGROUP}')/taskfolders`, { Name: "Cooking" }),
  taskRow("tasks-update-group", "PATCH /me/taskgroups('{id}')", "PATCH", `/me/taskgroups('${TASKGROUP}')`, { Name: "Leisure" }),
  taskRow("tasks-delete-group", "DELETE /me/taskgroups('{id}')", "DELETE", `/me/taskgroups('${TASKGROUP}')`),
  {
    ...taskRow("tasks-prefer-timezone", 'Prefer: outlook.timezone on task date properties [beta]', "GET", `/me/tasks('${TASK}')`),
    outlook: o("beta", "GET", `/me/tasks('${TASK}')`, undefined, { Prefer: 'outlook.timezone="Eastern Standard Time"' }),
    section: "2.2",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 3.11 User photo

const photo: DocumentedRequest[] = [
  {
    id: "photo-get-me",
    section: "3.11",
    version: "v2.0",
    doc: "GET /me/photo",
    outlook: o("v2.0", "GET", "/me/photo"),
    graph: g("GET", "/me/photo"),
    cite: [api("profilephoto-get")],
  },
  {
    id: "photo-get-user",
    section: "3.11",
    version: "v2.0",
    doc: "GET /Users('{id}')/photo",
    outlook: o("v2.0", "GET", `/Users('${USER_UPN}')/photo`),
    graph: g("GET", `/users/${USER_UPN}/photo`),
    cite: [api("profilephoto-get")],
  },
  {
    id: "photo-get-me-value",
    section: "3.11",
    version: "v2.0",
    doc: "GET …/photo/$value returns the binary of the largest size",
    outlook: o("v2.0", "GET", "/me/photo/$value"),
    graph: g("GET", "/me/photo/$value"),
    cite: [api("profilephoto-get")],
  },
  {
    id: "photo-put-me-value",
    section: "3.11",
    version: "v2.0",
    doc: "PUT /me/photo/$value, Content-Type: image/jpeg",
    outlook: o("v2.0", "PUT", "/me/photo/$value", JPEG, { "Content-Type": "image/jpeg" }),
    graph: g("PUT", "/me/photo/$value", JPEG, { "Content-Type": "image/jpeg" }),
    cite: [api("profilephoto-update")],
  },
  {
    id: "photo-patch-me-value",
    section: "3.11",
    version: "v2.0",
    doc: "Set with PATCH … /me/photo/$value",
    outlook: o("v2.0", "PATCH", "/me/photo/$value", JPEG, { "Content-Type": "image/jpeg" }),
    graph: g("PATCH", "/me/photo/$value", JPEG, { "Content-Type": "image/jpeg" }),
    cite: [api("profilephoto-update")],
    notes: "Graph's page: either PATCH or PUT can be used.",
  },
  {
    id: "photo-put-user-value",
    section: "3.11",
    version: "v2.0",
    doc: "PUT users('{id}')/photo/$value",
    outlook: o("v2.0", "PUT", `/users('${USER_UPN}')/photo/$value`, JPEG, { "Content-Type": "image/jpeg" }),
    graph: g("PUT", `/users/${USER_UPN}/photo/$value`, JPEG, { "Content-Type": "image/jpeg" }),
    cite: [api("profilephoto-update")],
  },
  {
    id: "photo-beta-list-sizes",
    section: "3.11",
    version: "beta",
    doc: "[beta] GET /me/photos",
    outlook: o("beta", "GET", "/me/photos"),
    graph: g("GET", "/me/photos"),
    cite: [api("profilephoto-get")],
  },
  {
    id: "photo-beta-get-size",
    section: "3.11",
    version: "beta",
    doc: "[beta] GET /me/photos('{size}')",
    outlook: o("beta", "GET", "/me/photos('48x48')"),
    graph: g("GET", "/me/photos/48x48"),
    cite: [api("profilephoto-get")],
  },
  {
    id: "photo-beta-get-size-value",
    section: "3.11",
    version: "beta",
    doc: "[beta] GET /me/photos('{size}')/$value",
    outlook: o("beta", "GET", "/me/photos('48x48')/$value"),
    graph: g("GET", "/me/photos/48x48/$value"),
    cite: [api("profilephoto-get")],
    notes:
      "Graph's page lists /me/photos/{size} for a size's metadata; its example for a size's bytes writes " +
      "/me/photo/48x48/$value, which Graph's own model cannot resolve (photo is single-valued). The $value of the " +
      "photos member is the path the model gives.",
  },
];

/** Every documented request, in the order of the fact sheet's sections. */
export const documentedRequests: readonly DocumentedRequest[] = [
  ...conventions,
  ...sync,
  ...mail,
  ...calendar,
  ...contacts,
  ...batching,
  ...extensions,
  ...extendedProperties,
  ...push,
  ...streaming,
  ...people,
  ...tasks,
  ...photo,
];
