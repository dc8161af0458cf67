/**
 * The wire table's `functions` and the names it maps, over a small service built to hit each rule: a parameter whose
 * literal the runtime infers (Int32, Double, a collection) is left out; one it cannot (Date, an enum) is listed; a
 * function whose bindings give a parameter different enums gets an entry per previous name segment, and none where two
 * bindings share that segment (the value is then sent as a quoted string). A function named after a verb, and one
 * bound beside an action of its name, take an underscore; the action keeps the plain name. Checked in the table's text,
 * on the wire through the generated client with a recording fetch, and in the types (sync refuses a collection whose
 * change tracking is off).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { writeOutput } from "../../generator/write/write.js";
import { json, recorder, type Sent } from "../extensions/recorder.js";
import { typecheckInMemory } from "../helpers/typecheck.js";

const key = `<Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/>`;
const CSDL = `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="W">
  <EnumType Name="EA"><Member Name="x" Value="0"/></EnumType>
  <EnumType Name="EB"><Member Name="x" Value="0"/></EnumType>
  <EntityType Name="A">${key}</EntityType>
  <EntityType Name="B">${key}</EntityType>
  <EntityType Name="Hub">${key}
    <NavigationProperty Name="alphas" Type="Collection(W.A)" ContainsTarget="true"/>
    <NavigationProperty Name="betas" Type="Collection(W.B)" ContainsTarget="true"/>
    <NavigationProperty Name="mixed" Type="Collection(W.A)" ContainsTarget="true"/>
  </EntityType>
  <EntityType Name="Other">${key}<NavigationProperty Name="mixed" Type="Collection(W.B)" ContainsTarget="true"/></EntityType>
  <Function Name="pick" IsBound="true"><Parameter Name="b" Type="Collection(W.A)"/><Parameter Name="on" Type="W.EA" Nullable="false"/><Parameter Name="day" Type="Edm.Date" Nullable="false"/><ReturnType Type="Collection(W.A)"/></Function>
  <Function Name="pick" IsBound="true"><Parameter Name="b" Type="Collection(W.B)"/><Parameter Name="on" Type="W.EB" Nullable="false"/><Parameter Name="day" Type="Edm.Date" Nullable="false"/><ReturnType Type="Collection(W.B)"/></Function>
  <Function Name="scale" IsBound="true"><Parameter Name="b" Type="W.A"/><Parameter Name="by" Type="Edm.Double" Nullable="false"/><Parameter Name="n" Type="Edm.Int32" Nullable="false"/><Parameter Name="days" Type="Collection(Edm.Date)" Nullable="false"/><ReturnType Type="Edm.Int32" Nullable="false"/></Function>
  <Function Name="count" IsBound="true"><Parameter Name="b" Type="W.A"/><ReturnType Type="Edm.Int32" Nullable="false"/></Function>
  <Action Name="browse" IsBound="true"><Parameter Name="b" Type="W.A"/><Parameter Name="n" Type="Edm.String"/></Action>
  <Function Name="browse" IsBound="true"><Parameter Name="b" Type="W.A"/><Parameter Name="t" Type="Edm.String" Nullable="false"/><ReturnType Type="Edm.String"/></Function>
  <EntityContainer Name="C">
    <EntitySet Name="hubs" EntityType="W.Hub"/>
    <EntitySet Name="others" EntityType="W.Other"/>
    <EntitySet Name="frozen" EntityType="W.A">
      <Annotation Term="Org.OData.Capabilities.V1.ChangeTracking"><Record><PropertyValue Property="Supported" Bool="false"/></Record></Annotation>
    </EntitySet>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

const out = mkdtempSync(join(tmpdir(), "codegen-wire-table-"));
let result: GenerateResult;
const BASE = "https://w.test/svc";

beforeAll(async () => {
  writeFileSync(join(out, "w.xml"), CSDL);
  result = await generate({ inputs: [{ label: "w", source: join(out, "w.xml"), baseUrl: BASE }] });
  await writeOutput(join(out, "gen"), result.files);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (path: string): string => result.files.find((f) => f.path === path)?.text ?? "";

async function sent(call: (client: any) => Promise<unknown>): Promise<[string, string, string | undefined]> {
  const mod = (await import(join(out, "gen", "w", "index.ts"))) as { createClient(options: object): unknown };
  const r = recorder((req) => (req.method === "GET" ? json({ value: [] }) : new Response(null, { status: 204 })));
  await call(mod.createClient({ fetch: r.fetch }));
  const one: Sent = r.only();
  return [one.method, one.decoded, one.body];
}

describe("the wire table's functions", () => {
  it("generates with no errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("lists only parameters the runtime cannot infer, per previous name segment where bindings disagree", () => {
    const client = file("w/client.ts");
    const table = client.slice(client.indexOf("const TABLE"), client.indexOf("\n};", client.indexOf("const TABLE")) + 3);
    expect(table).toBe(`const TABLE: WireTable = {
  rule: "same",
  names: {
    count_: "count",
    browse_: "browse",
  },
  functions: {
    pick: {
      day: "Edm.Date",
    },
    "frozen/pick": {
      on: "W.EA",
      day: "Edm.Date",
    },
    "alphas/pick": {
      on: "W.EA",
      day: "Edm.Date",
    },
    "betas/pick": {
      on: "W.EB",
      day: "Edm.Date",
    },
  },
  namespace: "W",
};`);
  });

  it("sends each binding's enum, a quoted string where the previous segment is ambiguous, and the renamed functions", async () => {
    const hub = (c: any) => c.hubs.byId("h");
    expect(await sent((c) => hub(c).alphas.pick({ on: "x", day: "2026-01-01" }).list())).toEqual([
      "GET",
      `${BASE}/hubs('h')/alphas/pick(on=W.EA'x',day=2026-01-01)`,
      undefined,
    ]);
    expect(await sent((c) => hub(c).betas.pick({ on: "x", day: "2026-01-01" }).list())).toEqual([
      "GET",
      `${BASE}/hubs('h')/betas/pick(on=W.EB'x',day=2026-01-01)`,
      undefined,
    ]);
    // `mixed` leads to A on Hub and to B on Other: no entry, so the enum goes as a quoted string (OData 4.01).
    expect(await sent((c) => hub(c).mixed.pick({ on: "x", day: "2026-01-01" }).list())).toEqual([
      "GET",
      `${BASE}/hubs('h')/mixed/pick(on='x',day=2026-01-01)`,
      undefined,
    ]);
    expect(await sent((c) => hub(c).alphas.byId("a").scale({ by: 1.5, n: 2, days: ["2026-01-01"] }).get())).toEqual([
      "GET",
      `${BASE}/hubs('h')/alphas('a')/scale(by=1.5,n=2,days=@days)?@days=["2026-01-01"]`,
      undefined,
    ]);
    expect(await sent((c) => hub(c).alphas.byId("a").count_().get())).toEqual(["GET", `${BASE}/hubs('h')/alphas('a')/count()`, undefined]);
    expect(await sent((c) => hub(c).alphas.byId("a").browse_({ t: "q" }).get())).toEqual(["GET", `${BASE}/hubs('h')/alphas('a')/browse(t='q')`, undefined]);
    expect(await sent((c) => hub(c).alphas.byId("a").browse.post({ n: "z" }))).toEqual(["POST", `${BASE}/hubs('h')/alphas('a')/browse`, '{"n":"z"}']);
  });

  it("types the members: the action keeps browse, the function takes browse_; sync refuses a collection without change tracking", () => {
    const usage = `import { createClient, sync } from "./index.js";
const client = createClient();
export async function calls(): Promise<void> {
  const a = client.hubs.byId("h").alphas.byId("a");
  await a.browse.post({ n: "z" });
  const t: { value: string | null } | undefined = await a.browse_({ t: "q" }).get();
  const n: { value: number } = await a.count_().get();
  void t; void n;
  await client.hubs.byId("h").alphas.pick({ on: "x", day: "2026-01-01" }).list();
  sync(client.hubs.byId("h").alphas);
  // @ts-expect-error change tracking is off for the entity set frozen
  sync(client.frozen);
  // @ts-expect-error the function named count is count_ (a call of count would run the verb)
  a.count();
}
`;
    expect(typecheckInMemory([...result.files, { path: "w/usage.ts", text: usage }])).toEqual([]);
  });
});
