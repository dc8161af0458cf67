// Usage of the generated Outlook v2.0 client, written the way an application would write it.
// Type-checked by test/usage/tsconfig.json (TypeScript 5.9 and 7) and run against a fake fetch by test/client/v2.0.test.ts.
import {
  AttendeeType,
  BodyType,
  Importance,
  type AnyAttachment,
  type Event,
  type ServiceClient,
} from "../../generated/v2.0/index.js";

/** The ten newest messages of the Inbox, one line each. */
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

/** One message with its attachments expanded; the file attachments' bytes are read after narrowing on @odata.type. */
export async function readMessageWithAttachments(
  client: ServiceClient,
  id: string,
): Promise<{ subject: string; files: { name: string; bytes: string }[]; others: string[] }> {
  const message = await client.me.messages.byId(id).get({ expand: ["Attachments"] });
  const files: { name: string; bytes: string }[] = [];
  const others: string[] = [];
  for (const attachment of message.Attachments ?? []) {
    if (attachment["@odata.type"] === "#Microsoft.OutlookServices.FileAttachment") {
      files.push({ name: attachment.Name ?? "", bytes: attachment.ContentBytes ?? "" });
    } else {
      others.push(describe(attachment));
    }
  }
  return { subject: message.Subject ?? "", files, others };
}

function describe(attachment: AnyAttachment): string {
  switch (attachment["@odata.type"]) {
    case "#Microsoft.OutlookServices.FileAttachment":
      return `file ${attachment.Name ?? ""} (${attachment.ContentType ?? "?"})`;
    case "#Microsoft.OutlookServices.ItemAttachment":
      return `item ${attachment.Name ?? ""}`;
    case "#Microsoft.OutlookServices.ReferenceAttachment":
      return `link ${attachment.Name ?? ""}`;
  }
}

/** Nested expand: only the attachment names come back. */
export async function attachmentNames(client: ServiceClient, id: string): Promise<string[]> {
  const message = await client.me.messages.byId(id).get({
    select: ["Subject", "HasAttachments"],
    expand: { Attachments: { select: ["Name", "Size"] } },
  });
  return (message.Attachments ?? []).map((a) => `${a.Name ?? ""}:${a.Size ?? 0}`);
}

/** Casts the attachment segment to FileAttachment, so ContentBytes is a typed property of the result. */
export async function downloadAttachment(
  client: ServiceClient,
  messageId: string,
  attachmentId: string,
): Promise<string> {
  const file = await client.me.messages.byId(messageId).attachments.byId(attachmentId).cast("Microsoft.OutlookServices.FileAttachment").get();
  return file.ContentBytes ?? "";
}

export function wrongCasts(client: ServiceClient, messageId: string): void {
  const attachments = client.me.messages.byId(messageId).attachments;
  // A collection and an item cast by a derived type's qualified name, and only to a derived type.
  attachments.cast("Microsoft.OutlookServices.FileAttachment");
  attachments.byId("a").cast("Microsoft.OutlookServices.ItemAttachment");
  // @ts-expect-error a cast takes the qualified name, not the short one
  attachments.cast("FileAttachment");
  // @ts-expect-error Message does not derive from Attachment
  attachments.byId("a").cast("Microsoft.OutlookServices.Message");
  // @ts-expect-error Message has no derived type in v2.0 but EventMessage; Attachment is none of them
  client.me.messages.byId(messageId).cast("Microsoft.OutlookServices.FileAttachment");
}

export async function sendLunchInvite(client: ServiceClient): Promise<void> {
  await client.me.sendMail.post({
    Message: {
      Subject: "Lunch?",
      Importance: Importance.High,
      Body: { ContentType: BodyType.HTML, Content: "<p>Pizza at noon?</p>" },
      ToRecipients: [{ EmailAddress: { Name: "Sadie Daniels", Address: "sadie@contoso.com" } }],
      Attachments: [
        { "@odata.type": "#Microsoft.OutlookServices.FileAttachment", Name: "menu.txt", ContentBytes: "UGl6emE=" },
      ],
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
    Body: { ContentType: BodyType.Text, Content: "Q3 plan" },
    Start: { DateTime: "2016-07-20T10:00:00", TimeZone: "Pacific Standard Time" },
    End: { DateTime: "2016-07-20T11:00:00", TimeZone: "Pacific Standard Time" },
    Location: { DisplayName: "Room 12" },
    Attendees: [{ EmailAddress: { Address: "sadie@contoso.com", Name: "Sadie Daniels" }, Type: AttendeeType.Required }],
  };
  const created = await client.me.events.create(draft);
  return created.Id ?? "";
}

/** CalendarView is a navigation: startDateTime/endDateTime go through the raw `params` query option. */
export async function weekView(client: ServiceClient, startDateTime: string, endDateTime: string): Promise<string[]> {
  const page = await client.me.calendarView.list(
    { params: { startDateTime, endDateTime } },
    { prefer: ['outlook.timezone="Pacific Standard Time"'] },
  );
  return page.value.map((e) => `${e.Start?.DateTime ?? "?"} ${e.Subject ?? ""}`);
}

export async function contactPageSizes(client: ServiceClient): Promise<number[]> {
  const sizes: number[] = [];
  for await (const page of client.me.contacts.pages({ top: 50 })) sizes.push(page.value.length);
  return sizes;
}

export async function allContactNames(client: ServiceClient): Promise<string[]> {
  const names: string[] = [];
  for await (const contact of client.me.contacts.items({ select: ["DisplayName"], top: 50 })) {
    names.push(contact.DisplayName ?? "");
  }
  return names;
}

/** Another user's inbox, by SMTP address. */
export async function sadiesUnread(client: ServiceClient): Promise<number> {
  const page = await client.users
    .byId("sadie@contoso.com")
    .mailFolders.byId("Inbox")
    .messages.list({
      filter: "IsRead eq false",
      select: ["Subject"],
      top: 5,
    });
  return page.value.length;
}

/** A user addressed as `<AAD userId>@<tenantId>`. */
export async function userByAadId(client: ServiceClient, userId: string, tenantId: string): Promise<string> {
  const user = await client.users.byId(`${userId}@${tenantId}`).get({ select: ["DisplayName", "EmailAddress"] });
  return `${user.DisplayName ?? ""} <${user.EmailAddress ?? ""}>`;
}

export async function upcomingReminders(client: ServiceClient, start: string, end: string): Promise<string[]> {
  const reminders = await client.me.reminderView({ StartDateTime: start, EndDateTime: end }).list();
  return reminders.value.map((r) => `${r.ReminderFireTime?.DateTime ?? "?"} ${r.EventSubject ?? ""}`);
}

/** Never run: each line must be rejected by the compiler. */
export async function misuse(client: ServiceClient): Promise<void> {
  // @ts-expect-error "Nope" is not a property of Message
  await client.me.messages.list({ select: ["Nope"] });
  // @ts-expect-error orderby takes properties of Message only
  await client.me.messages.list({ orderby: ["Nope desc"] });
  // @ts-expect-error Subject is a structural property, not a navigation
  await client.me.messages.byId("m").get({ expand: ["Subject"] });
  // @ts-expect-error the map form of expand also only takes navigations
  await client.me.messages.byId("m").get({ expand: { Body: true } });
  // @ts-expect-error Reply's parameter is Comment
  await client.me.messages.byId("m").reply.post({ Commment: "typo" });
  // @ts-expect-error User.CalendarView is Insertable=false in the metadata
  await client.me.calendarView.create({ Subject: "x" });
  // @ts-expect-error User.JoinedGroups is Insertable=false in the metadata
  await client.me.joinedGroups.create({ DisplayName: "x" });
  // @ts-expect-error Message.Attachments is Updatable=false in the metadata
  await client.me.messages.byId("m").attachments.byId("a").update({ Name: "x" });
  // @ts-expect-error StartDateTime is required (Nullable="false")
  await client.me.reminderView({ EndDateTime: "2016-07-02T00:00:00Z" }).list();
  // @ts-expect-error SendMail's Message is required
  await client.me.sendMail.post({ SaveToSentItems: false });
}
