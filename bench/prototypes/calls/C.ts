// Shape C (function style): the ten calls. Names are wire names; every step is a standalone function.
import { act, byId, call, cast, create, createClient, get, getContent, list, nav, remove, update } from "../client/v1.0/index.js";

const client = createClient({ getAccessToken: async () => "token" });

export async function tenCalls(id: string, start: string, end: string): Promise<number> {
  const me = nav(client, "me");
  const messages = nav(me, "messages");
  // 1. inbox messages with select/top/orderby
  const inbox = await list(nav(byId(nav(me, "mailFolders"), "inbox"), "messages"), { select: ["subject", "from", "receivedDateTime"], top: 10, orderby: ["receivedDateTime desc"] });
  // 2. one message by id, with its attachments expanded
  const message = await get(byId(messages, id), { expand: ["attachments"] });
  // 3. create a draft
  const draft = await create(messages, { subject: "Draft", body: { contentType: "text", content: "Hello" }, toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] });
  // 4. update (isRead)
  await update(byId(messages, id), { isRead: true });
  // 5. delete
  await remove(byId(messages, id));
  // 6. send mail (action with a body)
  await act(me, "sendMail", { Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] }, SaveToSentItems: true });
  // 7. a user's (by UPN) calendar events
  const events = await list(nav(nav(byId(nav(client, "users"), "sadie@contoso.com"), "calendar"), "events"), { select: ["subject", "start"], top: 5 });
  // 8. attachments cast to fileAttachment
  const files = await list(cast(nav(byId(messages, id), "attachments"), "microsoft.graph.fileAttachment"), { select: ["name", "contentBytes"] });
  // 9. a bound function with parameters, and delta
  const reminders = await list(call(me, "reminderView", { StartDateTime: start, EndDateTime: end }));
  const delta = await list(call(messages, "delta", {}));
  // 10. the photo's $value stream
  const photo = await getContent(nav(me, "photo"));
  return inbox.value.length + (message.attachments?.length ?? 0) + (draft.id ?? "").length + events.value.length + files.value.length + reminders.value.length + delta.value.length + (photo.ok ? 1 : 0);
}
