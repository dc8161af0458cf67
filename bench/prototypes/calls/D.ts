// Shape D (the contract: one runtime Proxy node, types-only node interfaces): the ten calls.
import { createClient } from "../client/v1.0/index.js";

const client = createClient({ getAccessToken: async () => "token" });

export async function tenCalls(id: string, start: string, end: string): Promise<number> {
  // 1. inbox messages with select/top/orderby
  const inbox = await client.me.mailFolders.byId("inbox").messages.list({ select: ["subject", "from", "receivedDateTime"], top: 10, orderby: ["receivedDateTime desc"] });
  // 2. one message by id, with its attachments expanded
  const message = await client.me.messages.byId(id).get({ expand: ["attachments"] });
  // 3. create a draft
  const draft = await client.me.messages.create({ subject: "Draft", body: { contentType: "text", content: "Hello" }, toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] });
  // 4. update (isRead)
  await client.me.messages.byId(id).update({ isRead: true });
  // 5. delete
  await client.me.messages.byId(id).delete();
  // 6. send mail (action with a body)
  await client.me.sendMail({ Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] }, SaveToSentItems: true });
  // 7. a user's (by UPN) calendar events
  const events = await client.users.byId("sadie@contoso.com").calendar.events.list({ select: ["subject", "start"], top: 5 });
  // 8. attachments cast to fileAttachment
  const files = await client.me.messages.byId(id).attachments.cast("microsoft.graph.fileAttachment").list({ select: ["name", "contentBytes"] });
  // 9. a bound function with parameters, and delta
  const reminders = await client.me.reminderView({ StartDateTime: start, EndDateTime: end }).list();
  const delta = await client.me.messages.delta().list();
  // 10. the photo's $value stream
  const photo = await client.me.photo.getContent();
  return inbox.value.length + (message.attachments?.length ?? 0) + (draft.id ?? "").length + events.value.length + files.value.length + reminders.value.length + delta.value.length + (photo.ok ? 1 : 0);
}
