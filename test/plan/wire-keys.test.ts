/**
 * The wire table's `keys` and `namespaces` where one wire name reaches different things. `keys`: CAP's localized
 * `texts` navigation under Books (Int32 key parts) and under Genres (Guid key parts) must not take one another's key
 * types; such a name is left out and its values inferred. `namespaces`: an operation bound in two namespaces gets a
 * per-binding entry only where the previous name segment tells the bindings apart; a segment that reaches bindings in
 * both namespaces gets none (the plain entry, the namespace most bindings have, applies). Checked on the wire through
 * the generated client with a recording fetch.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { json, recorder, type Sent } from "../extensions/recorder.js";

const id = (type: string): string => `<Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="${type}" Nullable="false"/>`;
const texts = (type: string): string =>
  `<Key><PropertyRef Name="locale"/><PropertyRef Name="ID"/></Key><Property Name="locale" Type="Edm.String" Nullable="false"/><Property Name="ID" Type="${type}" Nullable="false"/>`;
const CSDL = `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="A">
  <EntityType Name="Book">${id("Edm.Int32")}<NavigationProperty Name="texts" Type="Collection(A.BookText)" ContainsTarget="true"/></EntityType>
  <EntityType Name="BookText">${texts("Edm.Int32")}</EntityType>
  <EntityType Name="Genre">${id("Edm.Guid")}<NavigationProperty Name="texts" Type="Collection(A.GenreText)" ContainsTarget="true"/></EntityType>
  <EntityType Name="GenreText">${texts("Edm.Guid")}</EntityType>
  <EntityType Name="Job">${id("Edm.String")}</EntityType>
  <EntityType Name="Task">${id("Edm.String")}</EntityType>
  <EntityType Name="Printer">${id("Edm.String")}<NavigationProperty Name="jobs" Type="Collection(A.Job)" ContainsTarget="true"/><NavigationProperty Name="tasks" Type="Collection(A.Task)" ContainsTarget="true"/></EntityType>
  <Action Name="cancel" IsBound="true"><Parameter Name="b" Type="A.Job"/></Action>
  <Action Name="cancel" IsBound="true"><Parameter Name="b" Type="A.Task"/></Action>
  <EntityContainer Name="C">
    <EntitySet Name="Books" EntityType="A.Book"/>
    <EntitySet Name="Genres" EntityType="A.Genre"/>
    <EntitySet Name="printers" EntityType="A.Printer"/>
    <EntitySet Name="recoveries" EntityType="B.Recovery"/>
  </EntityContainer>
</Schema>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="B">
  <EntityType Name="RecoveryJob">${id("Edm.String")}</EntityType>
  <EntityType Name="Recovery">${id("Edm.String")}<NavigationProperty Name="jobs" Type="Collection(B.RecoveryJob)" ContainsTarget="true"/><NavigationProperty Name="recoveryJobs" Type="Collection(B.RecoveryJob)" ContainsTarget="true"/></EntityType>
  <Action Name="cancel" IsBound="true"><Parameter Name="b" Type="B.RecoveryJob"/></Action>
</Schema></edmx:DataServices></edmx:Edmx>`;

const out = mkdtempSync(join(tmpdir(), "codegen-wire-keys-"));
let result: GenerateResult;
const BASE = "https://k.test/svc";

beforeAll(async () => {
  writeFileSync(join(out, "k.xml"), CSDL);
  result = await generate({ inputs: [{ label: "k", source: join(out, "k.xml"), baseUrl: BASE }] });
  await writeOutput(join(out, "gen"), result.files);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function sent(call: (client: any) => Promise<unknown>, options: object = {}): Promise<[string, string]> {
  const mod = (await import(join(out, "gen", "k", "index.ts"))) as { createClient(options: object): unknown };
  const r = recorder((req) => (req.method === "GET" ? json({ value: [] }) : new Response(null, { status: 204 })));
  await call(mod.createClient({ fetch: r.fetch, ...options }));
  const one: Sent = r.only();
  return [one.method, one.decoded];
}

describe("the wire table's keys and namespaces where one wire name reaches different things", () => {
  it("generates with no errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("leaves out a key name whose targets disagree, and keeps the others", async () => {
    const client = result.files.find((f) => f.path === "k/client.ts")?.text ?? "";
    expect(client).toMatch(/Genres: "Edm\.Guid"/);
    expect(client).not.toMatch(/\btexts\b/);
    expect(await sent((c) => c.books.byId(201).texts.byId({ locale: "en", ID: 201 }).get())).toEqual([
      "GET",
      `${BASE}/Books(201)/texts(locale='en',ID=201)`,
    ]);
    const guid = "0b8c4a3e-2f6d-4c1a-9e7b-5d3f2a1c0e9f";
    expect(await sent((c) => c.genres.byId(guid).get())).toEqual(["GET", `${BASE}/Genres(${guid})`]);
  });

  it("qualifies each binding with its own namespace where the previous segment tells them apart", async () => {
    const mod = (await import(join(out, "gen", "k", "index.ts"))) as { operationNamespaces: object };
    // The exceptions are the version's export, not the wire table's: the table names the export only.
    const q = { qualifiedOperations: mod.operationNamespaces };
    expect(await sent((c) => c.printers.byId("p").jobs.byId("j").cancel.post(), q)).toEqual(["POST", `${BASE}/printers('p')/jobs('j')/A.cancel`]);
    expect(await sent((c) => c.printers.byId("p").tasks.byId("t").cancel.post(), q)).toEqual(["POST", `${BASE}/printers('p')/tasks('t')/A.cancel`]);
    expect(await sent((c) => c.recoveries.byId("r").recoveryJobs.byId("j").cancel.post(), q)).toEqual([
      "POST",
      `${BASE}/recoveries('r')/recoveryJobs('j')/B.cancel`,
    ]);
    // `jobs` reaches Job (A) and RecoveryJob (B): no per-binding entry, so the plain one (A, most bindings) applies.
    const client = result.files.find((f) => f.path === "k/client.ts")?.text ?? "";
    expect(client).not.toContain('"jobs/cancel"');
    expect(client).toContain('"recoveryJobs/cancel": "B"');
    expect(mod.operationNamespaces).toEqual({ "recoveryJobs/cancel": "B" });
    const table = client.slice(client.indexOf("const TABLE"), client.indexOf("\n};\n", client.indexOf("const TABLE")));
    expect(table).toContain('  namespace: "A",\n  namespaces: "operationNamespaces",');
    expect(table).not.toContain("recoveryJobs/cancel");
  });

  it("refuses qualifiedOperations: true, naming the export to pass", async () => {
    await expect(sent((c) => c.printers.byId("p").jobs.byId("j").cancel.post(), { qualifiedOperations: true })).rejects.toThrow(
      new TypeError("qualifiedOperations: pass operationNamespaces"),
    );
  });
});
