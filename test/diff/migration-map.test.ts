/**
 * The migration map (generator/diff/migration-map.ts): hand-made pairs for each rule, then the shipped maps
 * (generator/diff/maps/outlook-<v>-to-graph-v1.0.map.json): current with the models, tables and reasons they come from,
 * every counterpart real in Graph v1.0, and every element without one explained by a reviewed reason.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMigrationMap, mapElements, migrationCoverage, UNREVIEWED } from "../../generator/diff/migration-map.js";
import { readRenameTable, readReasons } from "../../generator/cli/diff-command.js";
import type { ServiceModel } from "../../generator/model/types.js";
import { loadModels } from "../../generator/pipeline.js";
import { findMember, type MigrationMap } from "../../templates/runtime/migration-map.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

const MAPS = join(REPO, "generator", "diff", "maps");

async function fromText(xml: string): Promise<ServiceModel> {
  const r = await loadModels({ inputs: [{ label: "x", source: `data:${xml}` }] }).catch(() => undefined);
  if (r !== undefined && r.models.length === 1) return r.models[0]!.model;
  // data: sources may not be supported: write to a temporary file instead.
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "mapcore-"));
  writeFileSync(join(dir, "m.xml"), xml);
  const l = await loadModels({ inputs: [{ label: "x", source: join(dir, "m.xml") }] });
  expect(l.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return l.models[0]!.model;
}

const doc = (ns: string, body: string): string => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="${ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${body}</Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

describe("buildMigrationMap on hand-made pairs", () => {
  let map: MigrationMap;
  beforeAll(async () => {
    const from = await fromText(
      doc(
        "Old",
        `
      <EntityType Name="Entity" Abstract="true"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="Sub" BaseType="Old.Entity" Abstract="true"><Property Name="Resource" Type="Edm.String"/></EntityType>
      <EntityType Name="PushSub" BaseType="Old.Sub"><Property Name="NotificationURL" Type="Edm.String"/><Property Name="Gone" Type="Edm.Int32"/></EntityType>
      <EntityType Name="Note" BaseType="Old.Entity"><Property Name="SubscriptionId" Type="Edm.String"/></EntityType>
      <EntityType Name="User" BaseType="Old.Entity"><Property Name="DisplayName" Type="Edm.String"/>
        <NavigationProperty Name="Subs" Type="Collection(Old.Sub)" ContainsTarget="true"/></EntityType>
      <EnumType Name="Change" IsFlags="true"><Member Name="Created" Value="1"/><Member Name="Missed" Value="16"/></EnumType>
      <Action Name="Send" IsBound="true"><Parameter Name="bindingParameter" Type="Old.User"/><Parameter Name="Comment" Type="Edm.String"/><Parameter Name="Old" Type="Edm.Int32"/></Action>
      <Function Name="Lost" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(Old.User)"/><ReturnType Type="Edm.Int32"/></Function>
      <EntityContainer Name="C"><Singleton Name="Me" Type="Old.User"/><EntitySet Name="Users" EntityType="Old.User"/><EntitySet Name="Notes" EntityType="Old.Note"/></EntityContainer>`,
      ),
    );
    const to = await fromText(
      doc(
        "new.ns",
        `
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="subscription" BaseType="new.ns.entity"><Property Name="resource" Type="Edm.String"/><Property Name="notificationUrl" Type="Edm.String"/></EntityType>
      <ComplexType Name="changeNotification"><Property Name="subscriptionId" Type="Edm.String"/></ComplexType>
      <EntityType Name="user" BaseType="new.ns.entity"><Property Name="displayName" Type="Edm.String"/></EntityType>
      <EnumType Name="change"><Member Name="created" Value="1"/></EnumType>
      <Action Name="send" IsBound="true"><Parameter Name="bindingParameter" Type="new.ns.user"/><Parameter Name="comment" Type="Edm.String"/></Action>
      <Function Name="delta" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(new.ns.user)"/><ReturnType Type="Collection(new.ns.user)"/></Function>
      <EntityContainer Name="C"><Singleton Name="me" Type="new.ns.user"/><EntitySet Name="users" EntityType="new.ns.user"/></EntityContainer>`,
      ),
    );
    map = buildMigrationMap(from, to, {
      fromLabel: "old",
      toLabel: "new",
      renames: { "Old.PushSub": "new.ns.subscription", "Old.PushSub/NotificationURL": "notificationUrl", "Old.Note": "new.ns.changeNotification" },
      none: { "EntityType[Sub]": "the abstract base has none", "EnumType[Change]/Member[Missed]": "a lifecycle event in new", "EntitySet[Notes]": "notes are posted, not read" },
    });
  });

  it("names each side and pairs roots, with the reason for one that has none", () => {
    expect(map.from).toEqual({ label: "old", namespace: "Old" });
    expect(map.to).toEqual({ label: "new", namespace: "new.ns" });
    expect(map.roots).toEqual({
      Me: { to: "me", kind: "singleton", type: "Old.User" },
      Notes: { to: null, kind: "entitySet", type: "Old.Note", why: "notes are posted, not read" },
      Users: { to: "users", kind: "entitySet", type: "Old.User" },
    });
  });

  it("maps types by rule and by table, with delta where new has one, and reasons where there is none", () => {
    expect(map.types["Old.User"]).toMatchObject({ to: "new.ns.user", kind: "entityType", delta: true });
    expect(map.types["Old.PushSub"]?.to).toBe("new.ns.subscription");
    expect(map.types["Old.PushSub"]?.delta).toBeUndefined();
    expect(map.types["Old.Sub"]).toMatchObject({ to: null, why: "the abstract base has none" });
  });

  it("lifts members inherited from a base with no counterpart onto the subtype", () => {
    expect(findMember(map, "Old.PushSub", "Resource")).toEqual({ owner: "Old.PushSub", member: { to: "resource", kind: "property", type: "Edm.String" } });
    expect(findMember(map, "Old.PushSub", "NotificationURL")?.member.to).toBe("notificationUrl");
    expect(findMember(map, "Old.PushSub", "Gone")?.member).toEqual({ to: null, kind: "property", type: "Edm.Int32", why: UNREVIEWED });
    // The base itself keeps its own members, without a counterpart.
    expect(map.types["Old.Sub"]?.members?.["Resource"]).toEqual({ to: null, kind: "property", type: "Edm.String", why: "Sub has no counterpart" });
    // Inherited from a base that has one: answered on the base.
    expect(findMember(map, "Old.User", "Id")).toEqual({ owner: "Old.Entity", member: { to: "id", kind: "property", type: "Edm.String" } });
  });

  it("pairs the members of types that change kind (entity → complex)", () => {
    expect(map.types["Old.Note"]).toMatchObject({ to: "new.ns.changeNotification", kind: "entityType" });
    expect(map.types["Old.Note"]?.members?.["SubscriptionId"]?.to).toBe("subscriptionId");
  });

  it("maps navigations with their type, collection and containment", () => {
    expect(map.types["Old.User"]?.members?.["Subs"]).toEqual({
      to: null,
      kind: "navigationProperty",
      type: "Old.Sub",
      collection: true,
      contained: true,
      why: UNREVIEWED,
    });
  });

  it("maps enum members, with why for one that has none", () => {
    expect(map.types["Old.Change"]).toMatchObject({ to: "new.ns.change", enumMembers: { Created: "created", Missed: null }, enumMembersWhy: { Missed: "a lifecycle event in new" } });
  });

  it("maps bound operations by binding, and their parameters", () => {
    expect(map.operations["Old.User"]?.["Send"]).toEqual({
      to: "send",
      kind: "action",
      parameters: { Comment: { to: "comment", type: "Edm.String" }, Old: { to: null, type: "Edm.Int32", why: UNREVIEWED } },
    });
    expect(map.operations["Collection(Old.User)"]?.["Lost"]).toEqual({ to: null, kind: "function", parameters: {}, returns: { type: "Edm.Int32" }, why: UNREVIEWED });
  });

  it("counts one-to-one, renamed and none", () => {
    const c = migrationCoverage(map);
    const all = mapElements(map);
    expect(c.oneToOne + c.renamed + c.none).toBe(all.length);
    expect(all.filter((e) => e.to === null).every((e) => typeof e.why === "string" && e.why.length > 0)).toBe(true);
    expect(all.find((e) => e.from === "Old.PushSub")).toEqual({ element: "entityType", from: "Old.PushSub", to: "new.ns.subscription" });
    // PushSub → subscription and Note → changeNotification; NotificationURL → notificationUrl differs only in case.
    expect(c.renamed).toBe(2);
    expect(c.none).toBe(all.filter((e) => e.to === null).length);
  });
});

const SHIPPED = [
  { version: "v1.0", table: "outlook-v1.0-to-graph" },
  { version: "v2.0", table: "outlook-to-graph" },
] as const;

describe.each(SHIPPED)("the shipped Outlook $version → Graph v1.0 map", ({ version, table }) => {
  let built: MigrationMap;
  let shipped: MigrationMap;
  let graph: ServiceModel;
  beforeAll(async () => {
    const r = await loadModels({
      inputs: [
        { label: version, source: join(METADATA, `${version}.xml`) },
        { label: "graph-v1.0", source: corpusFile("graph-v1.0.csdl.xml") },
      ],
    });
    const [from, to] = r.models;
    graph = to!.model;
    built = buildMigrationMap(from!.model, graph, {
      fromLabel: version,
      toLabel: "graph-v1.0",
      renames: readRenameTable(join(MAPS, `${table}.json`)),
      none: readReasons(join(MAPS, `${table}.notes.json`)),
    });
    shipped = JSON.parse(readFileSync(join(MAPS, `outlook-${version}-to-graph-v1.0.map.json`), "utf8")) as MigrationMap;
  }, 120_000);

  it("is current: what codegen diff --format map builds now, byte for byte", () => {
    const file = readFileSync(join(MAPS, `outlook-${version}-to-graph-v1.0.map.json`), "utf8");
    expect(file, `regenerate with: codegen diff --from ${version}=metadata/${version}.xml --to graph-v1.0=../shared/corpus/graph-v1.0.csdl.xml --renames generator/diff/maps/${table}.json --reasons generator/diff/maps/${table}.notes.json --format map --force --out generator/diff/maps/outlook-${version}-to-graph-v1.0.map.json`).toBe(
      `${JSON.stringify(built, null, 2)}\n`,
    );
  });

  it("gives a reviewed reason for every element without a counterpart, and uses every reason", () => {
    const none = mapElements(shipped).filter((e) => e.to === null);
    expect(none.filter((e) => e.why === UNREVIEWED).map((e) => e.from)).toEqual([]);
    const reasons = Object.values(readReasons(join(MAPS, `${table}.notes.json`)));
    const used = new Set(mapElements(shipped).map((e) => e.why));
    expect(reasons.filter((r) => !used.has(r))).toEqual([]);
  });

  it("names only things Graph v1.0 has", () => {
    const types = new Map<string, { members: Set<string>; base?: string | undefined; enum?: Set<string> }>();
    for (const s of graph.schemas) {
      for (const t of [...s.entityTypes, ...s.complexTypes]) types.set(t.qualifiedName, { members: new Set([...t.properties, ...t.navigationProperties].map((m) => m.name)), base: t.baseType });
      for (const t of s.enumTypes) types.set(t.qualifiedName, { members: new Set(), enum: new Set(t.members.map((m) => m.name)) });
      for (const t of s.typeDefinitions) types.set(t.qualifiedName, { members: new Set() });
    }
    const hasMember = (type: string, name: string): boolean => {
      for (let t = types.get(type), n = 0; t !== undefined && n < 20; t = t.base === undefined ? undefined : types.get(t.base), n++) if (t.members.has(name)) return true;
      return false;
    };
    const ops = graph.schemas.flatMap((s) => s.operations);
    const roots = new Set(graph.schemas.flatMap((s) => [...(s.container?.entitySets ?? []), ...(s.container?.singletons ?? [])].map((x) => x.name)));
    const wrong: string[] = [];
    for (const [name, r] of Object.entries(shipped.roots)) if (r.to !== null && !roots.has(r.to)) wrong.push(name);
    for (const [q, t] of Object.entries(shipped.types)) {
      if (t.to === null) continue;
      const target = types.get(t.to);
      if (target === undefined) {
        wrong.push(q);
        continue;
      }
      for (const [n, m] of Object.entries(t.members ?? {})) if (m.to !== null && !hasMember(t.to, m.to)) wrong.push(`${q}/${n} → ${m.to}`);
      for (const [n, to] of Object.entries(t.enumMembers ?? {})) if (to !== null && !target.enum?.has(to)) wrong.push(`${q}/${n} → ${to}`);
    }
    for (const [binding, byName] of Object.entries(shipped.operations)) {
      for (const [n, op] of Object.entries(byName)) {
        if (op.to === null) continue;
        const match = ops.filter((o) => o.isBound && o.name === op.to && o.kind === op.kind);
        if (match.length === 0) wrong.push(`${binding}/${n} → ${op.to}`);
        for (const [p, par] of Object.entries(op.parameters)) {
          if (par.to !== null && !match.some((o) => o.parameters.some((x) => x.name === par.to))) wrong.push(`${binding}/${n}/${p} → ${par.to}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has the coverage the README states", () => {
    const c = migrationCoverage(shipped);
    expect(c).toEqual(version === "v1.0" ? { oneToOne: 290, renamed: 12, none: 5 } : { oneToOne: 437, renamed: 12, none: 14 });
  });
});
