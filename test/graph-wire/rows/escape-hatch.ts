// Issue 12, "Service-specific addressing": OneDrive's `root:/path:` addressing and upload sessions, through request(),
// the typed escape hatch, which keeps the client's auth, retries and errors.
import type { Row } from "./row.js";

const ROOT = "https://graph.test/v1.0";
const item = { id: "01BYE5RZ", name: "file.txt", size: 5 };
const json = (body: unknown): Response =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

export const rows: readonly Row[] = [
  {
    cause: "Service-specific addressing",
    calls: [
      {
        name: "GET /me/drive/root:/folder/file.txt: (path addressing below a node), typed by the caller",
        imports: ["request", "type DriveItem"],
        code: [
          'const file = await request<DriveItem>(client.me.drive.root, { path: ":/folder/file.txt:" });',
          "return file.name;",
        ].join("\n"),
        requests: [{ method: "GET", url: `${ROOT}/me/drive/root:/folder/file.txt:`, headers: { accept: "application/json" } }],
        answer: () => json(item),
        check: (name) => {
          if (name !== "file.txt") throw new Error(`name: ${String(name)}`);
        },
      },
      {
        name: "GET /me/drive/root:/folder/file.txt:/content as a Response (a stream)",
        imports: ["request"],
        code: 'return request(client.me.drive.root, { path: ":/folder/file.txt:/content", responseType: "response" });',
        requests: [{ method: "GET", url: `${ROOT}/me/drive/root:/folder/file.txt:/content` }],
        answer: () => new Response("hello", { status: 200, headers: { "Content-Type": "text/plain" } }),
        check: async (r) => {
          if (!(r instanceof Response) || (await r.text()) !== "hello") throw new Error("not the content's Response");
        },
      },
      {
        name: "POST /me/drive/root:/folder/file.txt:/createUploadSession (path from the service root)",
        imports: ["request"],
        code: [
          "const session = await request<{ uploadUrl: string }>(client, {",
          '  method: "POST",',
          '  path: "/me/drive/root:/folder/file.txt:/createUploadSession",',
          '  body: { item: { "@microsoft.graph.conflictBehavior": "rename" } },',
          "});",
          "return session.uploadUrl;",
        ].join("\n"),
        requests: [
          {
            method: "POST",
            url: `${ROOT}/me/drive/root:/folder/file.txt:/createUploadSession`,
            body: '{"item":{"@microsoft.graph.conflictBehavior":"rename"}}',
            headers: { "content-type": "application/json" },
          },
        ],
        answer: () => json({ uploadUrl: "https://contoso.sharepoint.test/up/1", expirationDateTime: "2026-12-06T00:00:00Z" }),
        check: (url) => {
          if (url !== "https://contoso.sharepoint.test/up/1") throw new Error(`uploadUrl: ${String(url)}`);
        },
      },
    ],
    refused: [
      { code: 'await request(client, { method: "OPTIONS", path: "me" });', why: "method is GET, POST, PATCH, PUT or DELETE" },
      { code: "const n: number = await request<string>(client, { path: \"me\" });", why: "the caller's type is the result's" },
    ],
  },
];
