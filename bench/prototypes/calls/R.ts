// Reference (types-only route): @microsoft/microsoft-graph-client with @microsoft/microsoft-graph-types. URLs are
// strings; only the bodies and the results are typed (by annotation: nothing checks them against the URL).
import { Client } from "@microsoft/microsoft-graph-client";
import type { Event, FileAttachment, Message, Reminder } from "@microsoft/microsoft-graph-types";

const client = Client.init({ authProvider: (done) => done(null, "token") });

export async function tenCalls(id: string, start: string, end: string): Promise<number> {
  // 1. inbox messages with select/top/orderby
  const inbox: { value: Message[] } = await client.api("/me/mailFolders/inbox/messages").select(["subject", "from", "receivedDateTime"]).top(10).orderby("receivedDateTime desc").get();
  // 2. one message by id, with its attachments expanded
  const message: Message = await client.api(`/me/messages/${encodeURIComponent(id)}`).expand("attachments").get();
  // 3. create a draft
  const draft: Message = await client.api("/me/messages").post({ subject: "Draft", body: { contentType: "text", content: "Hello" }, toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] } satisfies Message);
  // 4. update (isRead)
  await client.api(`/me/messages/${encodeURIComponent(id)}`).patch({ isRead: true } satisfies Message);
  // 5. delete
  await client.api(`/me/messages/${encodeURIComponent(id)}`).delete();
  // 6. send mail (action with a body)
  await client.api("/me/sendMail").post({ message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] } satisfies Message, saveToSentItems: true });
  // 7. a user's (by UPN) calendar events
  const events: { value: Event[] } = await client.api("/users/sadie@contoso.com/calendar/events").select(["subject", "start"]).top(5).get();
  // 8. attachments cast to fileAttachment
  const files: { value: FileAttachment[] } = await client.api(`/me/messages/${encodeURIComponent(id)}/attachments/microsoft.graph.fileAttachment`).select(["name", "contentBytes"]).get();
  // 9. a bound function with parameters, and delta
  const reminders: { value: Reminder[] } = await client.api(`/me/reminderView(StartDateTime='${start}',EndDateTime='${end}')`).get();
  const delta: { value: Message[] } = await client.api("/me/messages/delta()").get();
  // 10. the photo's $value stream
  const photo: Blob = await client.api("/me/photo/$value").get();
  return inbox.value.length + (message.attachments?.length ?? 0) + (draft.id ?? "").length + events.value.length + files.value.length + reminders.value.length + delta.value.length + photo.size;
}
