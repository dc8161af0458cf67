// Usage of a Microsoft Graph v1.0 client, written the way an application would write it.
// test/graph/graph.test.ts generates the client from ../shared/corpus/graph-v1.0.csdl.xml into a temporary folder,
// copies this file into its v1.0/ folder (hence the import of "./index.js", which does not exist here) and
// type-checks both with TypeScript 5.9 and TypeScript 7 under the strictest settings: zero errors, and every
// `@ts-expect-error` below must meet an error. Only the public client API is used (no casts).
// This folder lies outside test/usage/tsconfig.json (it includes ./*.usage.ts only) and the root tsconfig.json.
import {
  BodyType,
  createClient,
  defineExtendedProperty,
  defineExtension,
  extendedProperty,
  extension,
  Importance,
  type AnyMessage,
  type DriveItem,
  type Event,
  type ServiceClient,
} from "./index.js";

export const client: ServiceClient = createClient({ getAccessToken: async () => "token" });

// ---- /me/messages ---------------------------------------------------------------------------------------------------

/** The ten newest unread messages: list with select, filter, orderby and top. */
export async function unread(): Promise<string[]> {
  const page = await client.me.messages.list({
    select: ["subject", "from", "receivedDateTime", "isRead"],
    filter: "isRead eq false",
    orderby: ["receivedDateTime desc"],
    top: 10,
  });
  const next: string | undefined = page["@odata.nextLink"];
  void next;
  return page.value.map((m) => `${m.receivedDateTime ?? ""} ${m.from?.emailAddress?.address ?? "?"}: ${m.subject ?? ""}`);
}

/** One message, its body as text, and its attachments expanded. */
export async function readOne(id: string): Promise<string> {
  const m = await client.me.messages.byId(id).get({ select: ["subject", "body", "hasAttachments"], expand: ["attachments"] });
  const etag: string | undefined = m["@odata.etag"];
  void etag;
  return m.body?.contentType === BodyType.text ? (m.body.content ?? "") : (m.subject ?? "");
}

/** A draft in the user's mailbox (POST /me/messages). */
export async function draft(): Promise<string | undefined> {
  const created = await client.me.messages.create({
    subject: "Quarterly numbers",
    importance: Importance.high,
    body: { contentType: "html", content: "<p>See attached.</p>" },
    toRecipients: [{ emailAddress: { address: "adele@contoso.com", name: "Adele Vance" } }],
  });
  await client.me.messages.byId(created.id ?? "").update({ isRead: true, categories: ["Finance"] });
  await client.me.messages.byId(created.id ?? "").send.post();
  return created.id ?? undefined;
}

/** Every message of a folder, page after page, and the count. */
export async function everyMessage(): Promise<number> {
  let n = 0;
  for await (const page of client.me.messages.pages({ top: 50, select: ["id"] })) n += page.value.length;
  for await (const m of client.me.messages.items({ filter: "hasAttachments eq true" })) void m.hasAttachments;
  return n + (await client.me.messages.count());
}

// ---- /users/{id}/mailFolders/{id}/messages ------------------------------------------------------------------------

export async function folderOfAnotherUser(upn: string): Promise<AnyMessage[]> {
  const page = await client.users.byId(upn).mailFolders.byId("inbox").messages.list({ select: ["subject"], top: 5 });
  await client.users.byId(upn).mailFolders.byId("inbox").childFolders.list({ select: ["displayName", "totalItemCount"] });
  await client.users.byId(upn).mailFolders.byId("inbox").messages.byId("m1").move.post({ DestinationId: "archive" });
  await client.users.byId(upn).mailFolders.byId("inbox").messages.byId("m1").reply.post({ Comment: "Thanks!" });
  return page.value;
}

// ---- sendMail: an action with a complex (entity) parameter ---------------------------------------------------------

export async function send(): Promise<void> {
  await client.me.sendMail.post({
    Message: {
      subject: "Meet for lunch?",
      body: { contentType: BodyType.text, content: "The new cafeteria is open." },
      toRecipients: [{ emailAddress: { address: "frannyb@contoso.com" } }],
      ccRecipients: [{ emailAddress: { address: "danas@contoso.com" } }],
    },
    SaveToSentItems: false,
  });
  await client.users.byId("adele@contoso.com").sendMail.post({ Message: { subject: "Hi" } });
}

// ---- calendarView: a navigation that Graph requires startDateTime and endDateTime for ---------------------------

export async function week(): Promise<Event[]> {
  const range = { startDateTime: "2024-05-06T00:00:00Z", endDateTime: "2024-05-13T00:00:00Z" };
  const mine = await client.me.calendarView.list({ params: range, select: ["subject", "start", "end", "organizer"], orderby: ["start"], top: 50 });
  const start: string | null | undefined = mine.value[0]?.start?.dateTime;
  void start;
  await client.me.calendars.byId("c1").calendarView.list({ params: range });
  await client.users.byId("adele@contoso.com").calendarView.$count.get(range);
  for await (const e of client.me.calendarView.items({ params: range, select: ["subject"] }, { timeZone: "Pacific Standard Time" })) void e.subject;
  return mine.value;
}

// ---- drives and drive items ----------------------------------------------------------------------------------------

export async function files(driveId: string, itemId: string): Promise<DriveItem[]> {
  const children = await client.me.drive.root.children.list({ select: ["name", "size", "folder", "file"], orderby: ["name"], top: 100 });
  // `items` is a verb of collections; on a drive (an entity) the navigation keeps its name.
  const item = await client.drives.byId(driveId).items.byId(itemId).get({ select: ["name", "webUrl", "parentReference"] });
  await client.drives.byId(driveId).items.byId(itemId).children.list();
  await client.drives.byId(driveId).root.children.create({ name: "Reports", folder: { childCount: 0 } });
  await client.me.drive.items.byId(itemId).update({ name: "renamed.docx" });
  await client.me.drive.items.byId(itemId).copy.post({ name: "copy.docx", parentReference: { driveId, id: "folder" } });
  await client.me.drive.items.byId(itemId).createLink.post({ type: "view", scope: "organization" });
  await client.me.drive.root.search({ q: "budget" }).list();
  await client.me.drive.items.byId(itemId).createUploadSession.post({ item: { name: "big.bin" } });
  // A media entity's stream: the signed-in user's photo.
  const photo: Response = await client.me.photo.getContent();
  await client.me.photo.setContent(new Blob([]), "image/jpeg");
  void [item.name, photo.status];
  return children.value;
}

// ---- groups --------------------------------------------------------------------------------------------------------

export async function groups(groupId: string): Promise<void> {
  const unified = await client.groups.list({ select: ["id", "displayName", "groupTypes"], filter: "groupTypes/any(c:c eq 'Unified')", top: 20 });
  void unified.value.map((g) => g.displayName);
  const one = await client.groups.byId(groupId).get({ select: ["displayName", "mail"] });
  void one.mail;
  const members = await client.groups.byId(groupId).members.list({ top: 100 });
  void members.value.map((m) => m.id);
  await client.groups.byId(groupId).owners.count();
  const conversations = await client.groups.byId(groupId).conversations.list({ select: ["topic", "lastDeliveredDateTime"] });
  void conversations.value.map((c) => c.topic);
  const threads = await client.groups.byId(groupId).conversations.byId("c1").threads.list();
  void threads.value.length;
  await client.groups.byId(groupId).threads.byId("t1").reply.post({ Post: { body: { contentType: "text", content: "Agreed." } } });
  await client.groups.byId(groupId).threads.byId("t1").posts.list({ select: ["body", "from"] });
  await client.groups.byId(groupId).events.list({ select: ["subject", "start"], top: 10 });
  await client.groups.byId(groupId).calendarView.list({ params: { startDateTime: "2024-05-01T00:00:00Z", endDateTime: "2024-06-01T00:00:00Z" } });
  await client.groups.byId(groupId).events.create({ subject: "Planning", start: { dateTime: "2024-05-07T10:00:00", timeZone: "UTC" } });
  // Operations bound to directoryObject, a base type of group and user, are reachable on both.
  const memberOf = await client.groups.byId(groupId).checkMemberGroups.post({ groupIds: ["g1", "g2"] });
  void memberOf.value;
  await client.me.getMemberGroups.post({ securityEnabledOnly: true });
  await client.groups.byId(groupId).addFavorite.post();
}

// ---- extended properties and open extensions on Outlook items (message, event, contact) -------------------------

const color = defineExtendedProperty({ type: "String", guid: "00020329-0000-0000-C000-000000000046", name: "Color" });
const crm = defineExtension<{ dealId: string; stage?: "open" | "won" }>("Com.Contoso.Crm");

export async function customData(): Promise<void> {
  const onMessage: string | undefined = await extendedProperty(client.me.messages.byId("m1"), color).get();
  await extendedProperty(client.me.events.byId("e1"), color).set("blue");
  await extendedProperty(client.me.contacts.byId("c1"), color).get();
  await extension(client.me.messages.byId("m1"), crm).create({ dealId: "D-1" });
  const onEvent = await extension(client.me.events.byId("e1"), crm).get();
  await extension(client.me.contacts.byId("c1"), crm).update({ stage: "won" });
  await extension(client.users.byId("adele@contoso.com").mailFolders.byId("inbox").messages.byId("m2"), crm).delete();
  // Folders carry extended properties, users and groups extensions.
  await extendedProperty(client.me.mailFolders.byId("inbox"), color).get();
  await extension(client.me, crm).get();
  await extension(client.groups.byId("g1"), crm).get();
  void [onMessage, onEvent];
}

// ---- wrong calls are rejected --------------------------------------------------------------------------------------

export async function rejected(): Promise<void> {
  // @ts-expect-error -- message has no property "subjectLine"
  await client.me.messages.list({ select: ["subjectLine"] });
  // @ts-expect-error -- orderby takes property names too
  await client.me.messages.list({ orderby: ["received desc"] });
  // @ts-expect-error -- expand takes navigation properties only
  await client.me.messages.byId("m1").get({ expand: ["subject"] });
  // @ts-expect-error -- top is a number
  await client.groups.list({ top: "10" });
  // @ts-expect-error -- sendMail needs its Message
  await client.me.sendMail.post({ SaveToSentItems: true });
  // @ts-expect-error -- SaveToSentItems is a boolean
  await client.me.sendMail.post({ Message: { subject: "x" }, SaveToSentItems: "yes" });
  // @ts-expect-error -- importance is low, normal or high
  await client.me.messages.create({ subject: "x", importance: "urgent" });
  // @ts-expect-error -- query parameters are strings
  await client.me.calendarView.list({ params: { startDateTime: new Date() } });
  // @ts-expect-error -- the calendar view is read-only
  await client.me.calendarView.create({ subject: "x" });
  // @ts-expect-error -- the signed-in user cannot be deleted through /me
  await client.me.delete();
  // @ts-expect-error -- search takes { q: string }
  await client.me.drive.root.search({ q: 1 }).list();
  // @ts-expect-error -- checkMemberGroups takes a list of ids
  await client.groups.byId("g1").checkMemberGroups.post({ groupIds: "g2" });
  // @ts-expect-error -- a drive item has no "title"
  await client.drives.byId("d1").items.byId("i1").get({ select: ["title"] });
  // @ts-expect-error -- no such navigation
  void client.me.drive.root.childs;
  // @ts-expect-error -- a String extended property holds a string
  await extendedProperty(client.me.messages.byId("m1"), color).set(1);
  // @ts-expect-error -- stage is "open" or "won"
  await extension(client.me.events.byId("e1"), crm).update({ stage: "lost" });
  // @ts-expect-error -- mail folders have no open extensions
  void extension(client.me.mailFolders.byId("inbox"), crm);
  // @ts-expect-error -- users have no MAPI extended properties
  void extendedProperty(client.me, color);
}
