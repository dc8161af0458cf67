// Usage of the generated Outlook v1.0 client, written the way an application would write it.
// Type-checked by test/usage/tsconfig.json (TypeScript 5.9 and 7) and run against a fake fetch by test/client/v1.0.test.ts.
// v1.0 differences: Folders (not MailFolders), DateTimeReceived, Event.Start/End are DateTimeOffset plus StartTimeZone/EndTimeZone,
// no ReminderView, no ReferenceAttachment, and users are addressed by UPN/SMTP only.
import { AttendeeType, BodyType, type Event, type ServiceClient } from "../../generated/v1.0/index.js";

export async function listInbox(client: ServiceClient): Promise<string[]> {
  const page = await client.me.folders.byId("Inbox").messages.list({
    select: ["Subject", "From", "DateTimeReceived", "IsRead"],
    orderby: ["DateTimeReceived desc"],
    top: 10,
  });
  return page.value.map(
    (m) =>
      `${m.DateTimeReceived ?? "?"} ${m.From?.EmailAddress?.Address ?? "?"}${m.IsRead ? "" : " *"} ${m.Subject ?? ""}`,
  );
}

export async function readMessageWithAttachments(
  client: ServiceClient,
  id: string,
): Promise<{ subject: string; files: { name: string; bytes: string }[]; items: string[] }> {
  const message = await client.me.messages.byId(id).get({ expand: ["Attachments"] });
  const files: { name: string; bytes: string }[] = [];
  const items: string[] = [];
  for (const attachment of message.Attachments ?? []) {
    if (attachment["@odata.type"] === "#Microsoft.OutlookServices.FileAttachment") {
      files.push({ name: attachment.Name ?? "", bytes: attachment.ContentBytes ?? "" });
    } else {
      items.push(attachment.Name ?? "");
    }
  }
  return { subject: message.Subject ?? "", files, items };
}

export async function attachmentNames(client: ServiceClient, id: string): Promise<string[]> {
  const message = await client.me.messages.byId(id).get({
    select: ["Subject"],
    expand: { Attachments: { select: ["Name"] } },
  });
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
      Body: { ContentType: BodyType.Text, Content: "Pizza at noon?" },
      ToRecipients: [{ EmailAddress: { Name: "Sadie Daniels", Address: "sadie@contoso.com" } }],
    },
    SaveToSentItems: false,
  });
}

export async function replyTo(client: ServiceClient, id: string): Promise<void> {
  await client.me.messages.byId(id).reply.post({ Comment: "Sounds good!" });
}

export async function createPlanningMeeting(client: ServiceClient): Promise<string> {
  const draft: Event = {
    Subject: "Planning",
    Start: "2016-07-20T10:00:00-07:00",
    StartTimeZone: "Pacific Standard Time",
    End: "2016-07-20T11:00:00-07:00",
    EndTimeZone: "Pacific Standard Time",
    Reminder: 15,
    Attendees: [{ EmailAddress: { Address: "sadie@contoso.com" }, Type: AttendeeType.Optional }],
  };
  const created = await client.me.events.create(draft);
  return created.Id ?? "";
}

export async function weekView(client: ServiceClient, startDateTime: string, endDateTime: string): Promise<string[]> {
  const page = await client.me.calendarView.list({ params: { startDateTime, endDateTime } });
  return page.value.map((e) => `${e.Start ?? "?"} ${e.Subject ?? ""}`);
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
    .folders.byId("Inbox")
    .messages.list({ select: ["Subject"], top: 5 });
  return page.value.map((m) => m.Subject ?? "");
}

/** Never run: each line must be rejected by the compiler. */
export async function misuse(client: ServiceClient): Promise<void> {
  // @ts-expect-error v1.0 has DateTimeReceived, not ReceivedDateTime
  await client.me.messages.list({ select: ["ReceivedDateTime"] });
  // @ts-expect-error Subject is a structural property, not a navigation
  await client.me.messages.byId("m").get({ expand: ["Subject"] });
  // @ts-expect-error Reply's parameter is Comment
  await client.me.messages.byId("m").reply.post({ Commment: "typo" });
  // @ts-expect-error v1.0 has no MailFolders
  await client.me.mailFolders.list();
  // @ts-expect-error v1.0 has no ReminderView
  await client.me.reminderView({ StartDateTime: "2016-07-18T00:00:00Z" }).list();
  // v1.0's metadata carries no Insert/Update/DeleteRestrictions, so `client.me.calendarView.create(...)` compiles here.
}
