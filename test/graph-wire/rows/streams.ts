// Issue 12, "Stream properties and stream results": Edm.Stream properties, media entities' $value, and operations
// returning Edm.Stream, each answered with the raw Response (never parsed as JSON).
import type { Row } from "./row.js";

const CSV = "Report Refresh Date,User Principal Name\n2026-12-01,adele@contoso.test\n";

export const rows: readonly Row[] = [
  {
    cause: "Stream properties and stream results",
    calls: [
      {
        name: "downloads a drive item's content converted to PDF (a stream property with ?format=)",
        code: 'const r = await client.drives.byId("d1").items.byId("x1").content.get({ params: { format: "pdf" } });\nreturn r;',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/drives/d1/items/x1/content?format=pdf" }],
        answer: () => new Response('{"looks":"like json"}', { status: 200, headers: { "content-type": "application/json" } }),
        check: async (r) => {
          if (!(r instanceof Response)) throw new Error("not a Response");
          const text = await r.text();
          if (text !== '{"looks":"like json"}') throw new Error(`body changed: ${text}`);
        },
      },
      {
        name: "uploads a drive item's content (PUT, the bytes as they are)",
        code:
          'const body = new TextEncoder().encode("hello, drive");\n' +
          'return client.me.drive.items.byId("x2").content.put(body, { contentType: "text/plain" });',
        requests: [
          { method: "PUT", url: "https://graph.test/v1.0/me/drive/items/x2/content", body: "hello, drive", headers: { "content-type": "text/plain" } },
        ],
        answer: () => new Response('{"id":"x2"}', { status: 200, headers: { "content-type": "application/json" } }),
        check: async (r) => {
          if (!(r instanceof Response) || r.status !== 200) throw new Error("not the upload's Response");
        },
      },
      {
        name: "reads the email activity report as CSV (a function returning Edm.Stream)",
        code:
          'const r: Response = await client.reports.getEmailActivityUserDetail({ period: "D7" }).get();\n' +
          "return r.text();",
        requests: [{ method: "GET", url: "https://graph.test/v1.0/reports/getEmailActivityUserDetail(period='D7')" }],
        answer: () => new Response(CSV, { status: 200, headers: { "content-type": "application/octet-stream" } }),
        check: (r) => {
          if (r !== CSV) throw new Error(`not the CSV: ${String(r)}`);
        },
      },
      {
        name: "downloads the signed-in user's photo ($value of a media entity)",
        code: "const r = await client.me.photo.$value.get();\nreturn new Uint8Array(await r.arrayBuffer());",
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/photo/$value" }],
        answer: () => new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { "content-type": "image/jpeg" } }),
        check: (r) => {
          if (!(r instanceof Uint8Array) || r.length !== 3 || r[0] !== 0xff) throw new Error("not the photo's bytes");
        },
      },
      {
        name: "uploads the signed-in user's photo ($value, PUT)",
        code: 'return client.me.photo.$value.put(new Blob(["jpeg"], { type: "image/jpeg" }));',
        requests: [{ method: "PUT", url: "https://graph.test/v1.0/me/photo/$value", body: "jpeg", headers: { "content-type": "image/jpeg" } }],
      },
    ],
    refused: [
      { code: 'await client.me.photo.$value.put("not a stream");', why: "a stream upload takes Blob, ArrayBuffer, Uint8Array or a ReadableStream" },
      { code: 'const s: string = await client.reports.getEmailActivityUserDetail({ period: "D7" }).get();', why: "a stream result is a Response" },
    ],
  },
];
