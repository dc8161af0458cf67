// Issue 12, "JSON `$batch` part URLs": Graph's default batch is JSON, posted to {root}/$batch, each part's URL relative
// to the version root after a slash ("/me", as Graph's documentation writes it), and split at Graph's 20 requests.
import type { Expected, Recorded, Row } from "./row.js";

const ROOT = "https://graph.test/v1.0";
const ACCEPT = { accept: "application/json" };

/** Graph's answer to a JSON batch: 200 for every request, with its id and a small body. */
function answerBatch(request: Recorded): Response {
  const { requests } = JSON.parse(request.body ?? "{}") as { requests: { id: string; url: string }[] };
  const responses = requests.map((r) => ({
    id: r.id,
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: { id: r.url },
  }));
  return new Response(JSON.stringify({ responses }), { status: 200, headers: { "Content-Type": "application/json" } });
}

const part = (id: number, url: string) => ({ id: String(id), method: "GET", url, headers: ACCEPT });

const batchPost = (requests: readonly ReturnType<typeof part>[]): Expected => ({
  method: "POST",
  url: `${ROOT}/$batch`,
  body: JSON.stringify({ requests }),
  headers: { "content-type": "application/json", accept: "application/json" },
});

const users = Array.from({ length: 21 }, (_, i) => part(i + 1, `/users/u${i}`));

export const rows: readonly Row[] = [
  {
    cause: "JSON `$batch` part URLs",
    calls: [
      {
        name: "a batch of two GETs: JSON parts with /me-style URLs, to /v1.0/$batch",
        imports: ["startBatch"],
        code: [
          "const batch = startBatch(client);",
          "const me = batch.add((c) => c.me.get());",
          "const inbox = batch.add((c) => c.me.mailFolders.byId(\"inbox\").messages.list({ top: 1 }));",
          "await batch.send();",
          "return [await me, await inbox];",
        ].join("\n"),
        requests: [batchPost([part(1, "/me"), part(2, "/me/mailFolders/inbox/messages?$top=1")])],
        answer: answerBatch,
        check: (result) => {
          const [me, inbox] = result as { ok: boolean; body: { id: string } }[];
          if (!me?.ok || me.body.id !== "/me") throw new Error(`me: ${JSON.stringify(me)}`);
          if (!inbox?.ok || inbox.body.id !== "/me/mailFolders/inbox/messages?$top=1")
            throw new Error(`inbox: ${JSON.stringify(inbox)}`);
        },
      },
      {
        name: "21 requests go as two $batch requests (20 and 1), results in the caller's order",
        imports: ["startBatch"],
        code: [
          "const batch = startBatch(client);",
          "const results = Array.from({ length: 21 }, (_, i) => batch.add((c) => c.users.byId(`u${i}`).get()));",
          "await batch.send();",
          "return Promise.all(results);",
        ].join("\n"),
        requests: [batchPost(users.slice(0, 20)), batchPost(users.slice(20))],
        answer: answerBatch,
        check: (result) => {
          const ids = (result as { ok: boolean; body: { id: string } }[]).map((r) => (r.ok ? r.body.id : "failed"));
          const expected = users.map((u) => u.url);
          if (JSON.stringify(ids) !== JSON.stringify(expected)) throw new Error(`results: ${JSON.stringify(ids)}`);
        },
      },
    ],
    refused: [
      {
        code: 'startBatch(client, { partUrls: "root" });',
        why: 'partUrls is "service", "relative" or "absolute"',
      },
    ],
  },
];
