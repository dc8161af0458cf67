// Issue 12, "Property paths": structural properties addressed by path, `$value` and `$count`.
import type { Row } from "./row.js";

export const rows: readonly Row[] = [
  {
    cause: "Property paths",
    calls: [
      {
        name: "reads the mailbox settings (a complex property)",
        code: "const s = await client.me.mailboxSettings.get();\nreturn s.timeZone;",
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/mailboxSettings", headers: { accept: "application/json" } }],
        answer: () => new Response('{"timeZone":"UTC","dateFormat":"yyyy-MM-dd"}', { status: 200, headers: { "content-type": "application/json" } }),
        check: (r) => {
          if (r !== "UTC") throw new Error(`not the time zone: ${String(r)}`);
        },
      },
      {
        name: "updates the mailbox settings (PATCH of a complex property)",
        code: 'return client.me.mailboxSettings.update({ timeZone: "Pacific Standard Time" });',
        requests: [{ method: "PATCH", url: "https://graph.test/v1.0/me/mailboxSettings", body: '{"timeZone":"Pacific Standard Time"}' }],
      },
      {
        name: "reads a nested complex property",
        code: "return client.me.mailboxSettings.automaticRepliesSetting.get();",
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/mailboxSettings/automaticRepliesSetting" }],
        answer: () => new Response('{"status":"disabled"}', { status: 200 }),
      },
      {
        name: "reads a primitive property as { value } and its raw $value",
        code:
          "const v = await client.me.displayName.get();\n" +
          "const raw = await (await client.me.displayName.$value.get()).text();\n" +
          "return [v.value, raw];",
        requests: [
          { method: "GET", url: "https://graph.test/v1.0/me/displayName" },
          { method: "GET", url: "https://graph.test/v1.0/me/displayName/$value" },
        ],
        answer: (_, i) => (i === 0 ? new Response('{"value":"Adele"}', { status: 200 }) : new Response("Adele", { status: 200 })),
        check: (r) => {
          if (JSON.stringify(r) !== '["Adele","Adele"]') throw new Error(`not the values: ${JSON.stringify(r)}`);
        },
      },
      {
        name: "reads a collection-valued property with query options",
        code: 'return client.me.businessPhones.list({ top: 1, filter: "startswith($it,\'+1\')" });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/businessPhones?$filter=startswith($it,'+1')&$top=1" }],
      },
      {
        name: "counts the unread messages ($count with $filter)",
        code: 'return client.me.messages.$count.get({ filter: "isRead eq false" });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/messages/$count?$filter=isRead eq false" }],
        answer: () => new Response("3", { status: 200, headers: { "content-type": "text/plain" } }),
      },
      {
        name: "counts the inbox ($count as a node)",
        code: 'return client.me.mailFolders.byId("inbox").messages.$count.get();',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/mailFolders/inbox/messages/$count", headers: { accept: "text/plain" } }],
        answer: () => new Response("42", { status: 200, headers: { "content-type": "text/plain" } }),
        check: (r) => {
          if (r !== 42) throw new Error(`not 42: ${String(r)}`);
        },
      },
    ],
    refused: [
      { code: 'await client.me.mailboxSettings.update({ timeZone: 7 });', why: "a property path's update is typed by the property's type" },
      { code: "await client.me.displayName.update({});", why: "a primitive property offers get() and $value, not update()" },
      { code: "client.me.messages.get;", why: "navigations keep their collection node, not a property path" },
    ],
  },
];
