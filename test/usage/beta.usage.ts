// Usage of the generated Outlook beta client, written the way an application would write it.
// Type-checked by test/usage/tsconfig.json (TypeScript 5.9 and 7) and run against a fake fetch by test/client/beta.test.ts.
// beta differences used here: Reply also takes a Message; User.People exists (read-only).
import { AttendeeType, BodyType, type Event, type ServiceClient } from "../../generated/beta/index.js";

export async function listInbox(client: ServiceClient): Promise<string[]> {
  const page = await client.me.mailFolders.byId("Inbox").messages.list({
    select: ["Subject", "From", "ReceivedDateTime", "IsRead"],
    orderby: ["ReceivedDateTime desc"],
    top: 10,
  });
  return page.value.map(
    (m) =>
      `${m.ReceivedDateTime ?? "?"} ${m.From?.EmailAddress?.Address ?? "?"}${m.IsRead ? "" : " *"} ${m.Subject ?? ""}`,
  );
}

export async function readMessageWithAttachments(
  client: ServiceClient,
  id: string,
): Promise<{ subject: string; files: { name: string; bytes: string }[]; links: string[] }> {
  const message = await client.me.messages.byId(id).get({ expand: ["Attachments"] });
  const files: { name: string; bytes: string }[] = [];
  const links: string[] = [];
  for (const attachment of message.Attachments ?? []) {
    if (attachment["@odata.type"] === "#Microsoft.OutlookServices.FileAttachment") {
      files.push({ name: attachment.Name ?? "", bytes: attachment.ContentBytes ?? "" });
    } else if (attachment["@odata.type"] === "#Microsoft.OutlookServices.ReferenceAttachment") {
      links.push(attachment.SourceUrl ?? "");
    }
  }
  return { subject: message.Subject ?? "", files, links };
}

export async function attachmentNames(client: ServiceClient, id: string): Promise<string[]> {
  const message = await client.me.messages.byId(id).get({ expand: { Attachments: { select: ["Name"] } } });
  return (message.Attachments ?? []).map((a) => a.Name ?? "");
}

export async function downloadAttachment(
  client: ServiceClient,
  messageId: string,
  attachmentId: string,
): Promise<string> {
  const file = await client.me.messages.byId(messageId).attachments.byId(attachmentId).cast("Microsoft.OutlookServices.FileAttachment").get();
  return file.ContentBytes ?? "";
}

export async function sendLunchInvite(client: ServiceClient): Promise<void> {
  await client.me.sendMail.post({
    Message: {
      Subject: "Lunch?",
      Body: { ContentType: BodyType.HTML, Content: "<p>Pizza at noon?</p>" },
      ToRecipients: [{ EmailAddress: { Address: "sadie@contoso.com" } }],
    },
    SaveToSentItems: false,
  });
}

/** beta's Reply takes a Message too (here: an extra Cc). */
export async function replyTo(client: ServiceClient, id: string): Promise<void> {
  await client.me.messages.byId(id).reply.post({
    Comment: "Sounds good!",
    Message: { CcRecipients: [{ EmailAddress: { Address: "boss@contoso.com" } }] },
  });
}

export async function createPlanningMeeting(client: ServiceClient): Promise<string> {
  const draft: Event = {
    Subject: "Planning",
    Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "Pacific Standard Time" },
    End: { DateTime: "2016-07-20T11:00:00", TimeZone: "Pacific Standard Time" },
    Attendees: [{ EmailAddress: { Address: "sadie@contoso.com" }, Type: AttendeeType.Required }],
  };
  const created = await client.me.events.create(draft);
  return created.Id ?? "";
}

export async function weekView(client: ServiceClient, startDateTime: string, endDateTime: string): Promise<string[]> {
  const page = await client.me.calendarView.list({ params: { startDateTime, endDateTime } });
  return page.value.map((e) => `${e.Start?.DateTime ?? "?"} ${e.Subject ?? ""}`);
}

export async function contactPageSizes(client: ServiceClient): Promise<number[]> {
  const sizes: number[] = [];
  for await (const page of client.me.contacts.pages({ top: 50 })) sizes.push(page.value.length);
  return sizes;
}

export async function allContactNames(client: ServiceClient): Promise<string[]> {
  const names: string[] = [];
  for await (const contact of client.me.contacts.items({ top: 50 })) names.push(contact.DisplayName ?? "");
  return names;
}

export async function sadiesInbox(client: ServiceClient): Promise<string[]> {
  const page = await client.users
    .byId("sadie@contoso.com")
    .mailFolders.byId("Inbox")
    .messages.list({ select: ["Subject"], top: 5 });
  return page.value.map((m) => m.Subject ?? "");
}

export async function userByAadId(client: ServiceClient, userId: string, tenantId: string): Promise<string> {
  const user = await client.users.byId(`${userId}@${tenantId}`).get({ select: ["DisplayName"] });
  return user.DisplayName ?? "";
}

export async function upcomingReminders(client: ServiceClient, start: string, end: string): Promise<number> {
  const reminders = await client.me.reminderView({ StartDateTime: start, EndDateTime: end }).list();
  return reminders.value.length;
}

/** Never run: each line must be rejected by the compiler. */
export async function misuse(client: ServiceClient): Promise<void> {
  // @ts-expect-error "Nope" is not a property of Message
  await client.me.messages.list({ select: ["Nope"] });
  // @ts-expect-error Subject is a structural property, not a navigation
  await client.me.messages.byId("m").get({ expand: ["Subject"] });
  // @ts-expect-error Reply's parameters are Message and Comment
  await client.me.messages.byId("m").reply.post({ ToRecipients: [] });
  // @ts-expect-error User.CalendarView is Insertable=false in the metadata
  await client.me.calendarView.create({ Subject: "x" });
  // @ts-expect-error User.People is read-only in the metadata
  await client.me.people.create({ DisplayName: "x" });
  // @ts-expect-error beta has no ReminderView_IgnoreThis
  await client.me.reminderView_IgnoreThis({ StartDateTime: "2016-07-18T00:00:00Z" }).list();
}
