// Sends the ten calls through shapes A (today's client), C and D with a recording fetch and compares the requests
// (method, URL, body): the prototypes must put the same bytes on the wire as today's client.
// Usage: npx tsx bench/prototypes/wire-check.ts   (after shape-cd.ts C and D)
import { join } from "node:path";
import { OUT } from "./lib.js";

type Req = string;
function recorder(): { fetch: typeof fetch; log: Req[] } {
  const log: Req[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    log.push(`${init?.method ?? "GET"} ${url}${init?.body ? ` ${String(init.body)}` : ""}`);
    return new Response('{"value":[],"id":"x"}', { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { fetch: f, log };
}
const id = "AAMk'a/b?c#d";
const start = "2026-01-01T00:00:00Z";
const end = "2026-01-02T00:00:00Z";
const body = { subject: "Draft", body: { contentType: "text" as const, content: "Hello" }, toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] };
const mail = { Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] }, SaveToSentItems: true };

async function shapeA(): Promise<Req[]> {
  const m = await import(join(OUT, "A", "v1.0", "index.ts"));
  const r = recorder();
  const c = m.createClient({ fetch: r.fetch, getAccessToken: async () => "t" });
  await c.me.mailFolders.byId("inbox").messages.list({ select: ["subject", "from", "receivedDateTime"], top: 10, orderby: ["receivedDateTime desc"] });
  await c.me.messages.byId(id).get({ expand: ["attachments"] });
  await c.me.messages.create(body);
  await c.me.messages.byId(id).update({ isRead: true });
  await c.me.messages.byId(id).delete();
  await c.me.sendMail(mail);
  await c.users("sadie@contoso.com").calendar.events.list({ select: ["subject", "start"], top: 5 });
  await c.me.messages.byId(id).attachments.cast(m.FileAttachmentCollectionBuilder).list({ select: ["name", "contentBytes"] });
  await c.me.reminderView({ StartDateTime: start, EndDateTime: end });
  await c.me.messages.delta();
  await c.me.photo.getContent();
  return r.log;
}
async function shapeD(): Promise<Req[]> {
  const m = await import(join(OUT, "D", "v1.0", "index.ts"));
  const r = recorder();
  const c = m.createClient({ fetch: r.fetch, getAccessToken: async () => "t" });
  await c.me.mailFolders.byId("inbox").messages.list({ select: ["subject", "from", "receivedDateTime"], top: 10, orderby: ["receivedDateTime desc"] });
  await c.me.messages.byId(id).get({ expand: ["attachments"] });
  await c.me.messages.create(body);
  await c.me.messages.byId(id).update({ isRead: true });
  await c.me.messages.byId(id).delete();
  await c.me.sendMail(mail);
  await c.users.byId("sadie@contoso.com").calendar.events.list({ select: ["subject", "start"], top: 5 });
  await c.me.messages.byId(id).attachments.cast("microsoft.graph.fileAttachment").list({ select: ["name", "contentBytes"] });
  await c.me.reminderView({ StartDateTime: start, EndDateTime: end }).list();
  await c.me.messages.delta().list();
  await c.me.photo.getContent();
  return r.log;
}
async function shapeC(): Promise<Req[]> {
  const m = await import(join(OUT, "C", "v1.0", "index.ts"));
  const { act, byId, call, cast, create, get, getContent, list, nav, remove, update } = m;
  const r = recorder();
  const c = m.createClient({ fetch: r.fetch, getAccessToken: async () => "t" });
  const me = nav(c, "me");
  const messages = nav(me, "messages");
  await list(nav(byId(nav(me, "mailFolders"), "inbox"), "messages"), { select: ["subject", "from", "receivedDateTime"], top: 10, orderby: ["receivedDateTime desc"] });
  await get(byId(messages, id), { expand: ["attachments"] });
  await create(messages, body);
  await update(byId(messages, id), { isRead: true });
  await remove(byId(messages, id));
  await act(me, "sendMail", mail);
  await list(nav(nav(byId(nav(c, "users"), "sadie@contoso.com"), "calendar"), "events"), { select: ["subject", "start"], top: 5 });
  await list(cast(nav(byId(messages, id), "attachments"), "microsoft.graph.fileAttachment"), { select: ["name", "contentBytes"] });
  await list(call(me, "reminderView", { StartDateTime: start, EndDateTime: end }));
  await list(call(messages, "delta", {}));
  await getContent(nav(me, "photo"));
  return r.log;
}

const a = await shapeA();
let failed = 0;
for (const [name, f] of [["C", shapeC], ["D", shapeD]] as const) {
  const got = await f();
  const diffs = a.map((x, i) => (x === got[i] ? undefined : `  A: ${x}\n  ${name}: ${got[i]}`)).filter((x) => x !== undefined);
  if (got.length !== a.length) diffs.push(`  ${a.length} requests from A, ${got.length} from ${name}`);
  failed += diffs.length;
  console.log(`${name}: ${diffs.length === 0 ? `the same ${a.length} requests as A` : `${diffs.length} differences\n${diffs.join("\n")}`}`);
}
console.log(a.join("\n"));
process.exitCode = failed ? 1 : 0;
