/**
 * The $batch a generated client starts with (issue 12): the service profile's endpoint, wire format, request limit and
 * part URL form, as startBatch sends them. Microsoft Graph: JSON to `{root}/$batch`, parts named `/things/a`, 20 per
 * request. The Outlook REST API: multipart with the absolute path in each request line, to `{root}/me/$batch` in v2.0
 * and beta (their batching pages), `{root}/$batch` in v1.0 (which documents no batching). Any other service: the
 * runtime's defaults, multipart to `{root}/$batch`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { recorder, type Sent } from "../extensions/recorder.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-batch-profile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csdl = (namespace: string): string => `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${namespace}">
  <EntityType Name="T"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityContainer Name="C"><EntitySet Name="things" EntityType="${namespace}.T"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

/** Answers a JSON batch with 200 for each request, a multipart one with an empty multipart body. */
function answer(r: Sent): Response {
  if (r.body?.startsWith("{")) {
    const { requests } = JSON.parse(r.body) as { requests: { id: string }[] };
    const responses = requests.map((q) => ({ id: q.id, status: 200, body: {} }));
    return new Response(JSON.stringify({ responses }), { headers: { "Content-Type": "application/json" } });
  }
  return new Response("--b--\r\n", { headers: { "Content-Type": "multipart/mixed; boundary=b" } });
}

let n = 0;
async function batchOf(namespace: string, label: string, count = 2): Promise<Sent[]> {
  const case_ = join(dir, String(n++));
  const file = `${case_}.xml`;
  writeFileSync(file, csdl(namespace));
  const result = await generate({ inputs: [{ label, source: file, baseUrl: "https://k.test/svc" }] });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  await writeOutput(case_, result.files);
  const mod = (await import(join(case_, label, "index.ts"))) as {
    createClient(options: object): any;
    startBatch(client: unknown): { add(f: (c: any) => Promise<unknown>): Promise<unknown>; send(): Promise<void> };
  };
  const r = recorder(answer);
  const batch = mod.startBatch(mod.createClient({ fetch: r.fetch, sendAnchorMailbox: false }));
  for (let i = 0; i < count; i++) void batch.add((c) => c.things.byId(`a${i}`).get());
  await batch.send();
  return r.sent;
}

const partUrls = (s: Sent | undefined): string[] =>
  (JSON.parse(s?.body ?? "") as { requests: { url: string }[] }).requests.map((q) => q.url);
const requestLines = (s: Sent | undefined): string[] => s?.body?.match(/^[A-Z]+ \S+ HTTP\/1\.1(?=\r$)/gm) ?? [];

describe("startBatch's defaults follow the service profile", () => {
  it("Microsoft Graph: JSON to {root}/$batch, part URLs relative to the root after a slash, segment keys", async () => {
    const sent = await batchOf("microsoft.graph", "v1.0");
    expect(sent.map((s) => [s.method, s.url])).toEqual([["POST", "https://k.test/svc/$batch"]]);
    expect(partUrls(sent[0])).toEqual(["/things/a0", "/things/a1"]);
  });

  it("Microsoft Graph: 21 requests go as 20 and 1", async () => {
    const sent = await batchOf("microsoft.graph", "v1.0", 21);
    expect(sent.map((s) => partUrls(s).length)).toEqual([20, 1]);
  });

  it.each([
    ["v2.0", "https://k.test/svc/me/$batch"],
    ["beta", "https://k.test/svc/me/$batch"],
    ["v1.0", "https://k.test/svc/$batch"],
  ])("Outlook %s: multipart to %s, the absolute path in each request line", async (label, url) => {
    const sent = await batchOf("Microsoft.OutlookServices", label);
    expect(sent.map((s) => [s.method, s.url])).toEqual([["POST", url]]);
    expect(requestLines(sent[0])).toEqual(["GET /svc/things('a0') HTTP/1.1", "GET /svc/things('a1') HTTP/1.1"]);
  });

  it("any other service: multipart to {root}/$batch, absolute paths", async () => {
    const sent = await batchOf("Tracker", "v1");
    expect(sent.map((s) => [s.method, s.url])).toEqual([["POST", "https://k.test/svc/$batch"]]);
    expect(requestLines(sent[0])).toEqual(["GET /svc/things('a0') HTTP/1.1", "GET /svc/things('a1') HTTP/1.1"]);
  });
});
