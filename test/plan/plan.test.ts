import { describe, expect, it } from "vitest";
import { buildModel } from "../../generator/model/build.js";
import { parseXml } from "../../generator/parse/xml.js";
import { planService, type PlannedFile } from "../../generator/plan/plan.js";

const CSDL = `<?xml version="1.0"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="T.NS" Alias="t">
  <EnumType Name="Kind" IsFlags="true"><Member Name="A" Value="1"/><Member Name="B" Value="2"/></EnumType>
  <TypeDefinition Name="Stamp" UnderlyingType="Edm.String"/>
  <ComplexType Name="Money"><Property Name="Amount" Type="Edm.Decimal" Nullable="false"/></ComplexType>
  <EntityType Name="Base" Abstract="true"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="Order" BaseType="t.Base">
    <Property Name="Kinds" Type="t.Kind"/>
    <Property Name="Total" Type="t.Money"/>
    <Property Name="Tags" Type="Collection(Edm.String)"/>
    <NavigationProperty Name="Lines" Type="Collection(t.Line)" ContainsTarget="true">
      <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false"/></Record></Annotation>
      <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="false"/></Record></Annotation>
    </NavigationProperty>
  </EntityType>
  <EntityType Name="RushOrder" BaseType="t.Order"/>
  <EntityType Name="Line"><Key><PropertyRef Name="OrderId"/><PropertyRef Name="No"/></Key>
    <Property Name="OrderId" Type="Edm.String" Nullable="false"/><Property Name="No" Type="Edm.Int32" Nullable="false"/></EntityType>
  <Action Name="Ship" IsBound="true"><Parameter Name="bindingParameter" Type="t.Base"/><Parameter Name="When" Type="t.Stamp" Nullable="false"/></Action>
  <Action Name="Ship" IsBound="true"><Parameter Name="it" Type="t.Order"/><Parameter Name="Carrier" Type="Edm.String"/></Action>
  <Function Name="Late" IsBound="true"><Parameter Name="b" Type="Collection(t.Order)"/><Parameter Name="Days" Type="Edm.Int32" Nullable="false"/><ReturnType Type="Edm.Int32" Nullable="false"/></Function>
  <Function Name="Now"><ReturnType Type="t.Stamp"/></Function>
  <EntityContainer Name="C"><EntitySet Name="Orders" EntityType="t.Order"/><FunctionImport Name="Now" Function="t.Now"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>`;

function plan(): PlannedFile[] {
  const parsed = parseXml(CSDL, "t.xml");
  const built = buildModel(parsed.root!, "t.xml", "v1");
  expect(built.diagnostics).toEqual([]);
  return planService({ label: "v1", sourceName: "t.xml", model: built.model!, baseUrl: "https://x.test/odata" });
}

const view = (files: PlannedFile[], path: string): Record<string, unknown> => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${files.map((x) => x.path).join(", ")}`);
  return f.view as Record<string, unknown>;
};

type Member = { partial: string; name?: string; type?: string; keyType?: string; keyEdmType?: string; resultType?: string; paramsType?: string };

describe("planService", () => {
  const files = plan();

  it("plans one model file per type, a builder per entity type, a client and a barrel", () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        "v1/builders/Base.ts", "v1/builders/Line.ts", "v1/builders/Order.ts", "v1/builders/RushOrder.ts", "v1/client.ts", "v1/index.ts",
        "v1/models/Base.ts", "v1/models/Kind.ts", "v1/models/Line.ts", "v1/models/Money.ts", "v1/models/Order.ts", "v1/models/RushOrder.ts", "v1/models/Stamp.ts",
      ].sort(),
    );
  });

  it("types properties from the model: flags, complex, collections, nullability", () => {
    const order = view(files, "v1/models/Order.ts");
    expect(order.extendsClause).toBe(" extends Base");
    expect(order.properties).toEqual([
      { docLines: ["Kind."], key: "Kinds", type: "Flags<Kind> | null" },
      { docLines: ["Money."], key: "Total", type: "Money | null" },
      { docLines: ["Collection(Edm.String)."], key: "Tags", type: "string[]" },
      { docLines: ["Navigation: Collection(Line), contained."], key: "Lines", type: "Line[]" },
    ]);
    expect(order.select).toBe('"Id" | "Kinds" | "Total" | "Tags"');
    expect(order.union).toBe('MaybeTagged<Order, "#T.NS.Order"> | Tagged<RushOrder, "#T.NS.RushOrder">');
  });

  it("leaves an abstract base out of its own union", () => {
    const base = view(files, "v1/models/Base.ts");
    expect(base.union as string).not.toContain("<Base,");
    expect(base.union as string).toContain("Tagged<Order,");
  });

  it("takes forbidden operations out of a navigation's type", () => {
    const members = view(files, "v1/builders/Order.ts").itemMembers as Member[];
    const lines = members.find((m) => m.name === "lines");
    expect(lines?.type).toBe('RestrictedCollection<LineCollectionBuilder, LineBuilder, "create", "delete">');
  });

  it("binds the nearest overload and passes type definitions as their underlying type", () => {
    const members = view(files, "v1/builders/Order.ts").itemMembers as Member[];
    const ship = members.filter((m) => m.partial === "action");
    expect(ship).toHaveLength(1);
    expect(ship[0]?.paramsType).toBe("{ readonly Carrier?: string | null }");
    const rush = view(files, "v1/builders/RushOrder.ts").itemMembers as Member[];
    expect(rush.find((m) => m.partial === "action")?.paramsType).toBe("{ readonly Carrier?: string | null }");
    const base = view(files, "v1/builders/Base.ts").itemMembers as Member[];
    expect(base.find((m) => m.partial === "action")?.paramsType).toBe("{ readonly When: Stamp }");
  });

  it("puts collection-bound functions on the collection builder, unwrapping primitive results", () => {
    const members = view(files, "v1/builders/Order.ts").collectionMembers as (Member & { unwrap?: boolean; callParams?: unknown[] })[];
    const late = members.find((m) => m.name === "late");
    expect(late?.resultType).toBe("number");
    expect(late?.unwrap).toBe(true);
    expect(late?.callParams).toEqual([{ wireName: '"Days"', access: "params.Days", type: '"Edm.Int32"', kind: '"primitive"' }]);
  });

  it("types compound keys as an object", () => {
    // The key's type is the collection builder's K; its EDM types go into the static keyType byId reads.
    const line = view(files, "v1/builders/Line.ts");
    expect(line.collectionTypeArgs).toBe("Line, LineQuery, LineBuilder, { readonly OrderId: string; readonly No: number }");
    expect(line.keyEdmType).toBe('{ OrderId: "Edm.String", No: "Edm.Int32" }');
    expect(line.hasKey).toBe(true);
  });

  it("lets casts name every derived type, and only those", () => {
    const base = view(files, "v1/builders/Base.ts");
    expect(base.derivedAlias).toBe("BaseDerived");
    expect(base.derivedUnion).toBe('"T.NS.Order" | "T.NS.RushOrder"');
    expect(base.typeArgs).toBe("AnyBase, BaseQuery, BaseDerived");
    expect(view(files, "v1/builders/RushOrder.ts").derivedAlias).toBeUndefined();
  });

  it("puts entity sets and operation imports on the root, with the given base URL", () => {
    const client = view(files, "v1/client.ts");
    expect(client.defaultBaseUrl).toBe('"https://x.test/odata"');
    expect(client.sendAnchorMailbox).toBe("false");
    const members = client.members as Member[];
    expect(members.map((m) => [m.partial, m.name])).toEqual([
      ["root-entity-set", "orders"],
      ["root-function", "now"],
    ]);
    expect(members[1]?.resultType).toBe("Stamp | null");
  });

  it("computes imports instead of writing them into templates", () => {
    const order = view(files, "v1/models/Order.ts");
    expect(order.imports).toEqual([
      { typeOnly: true, names: "Flags, MaybeTagged, Tagged", from: "../../runtime/index.js" },
      { typeOnly: true, names: "Base", from: "./Base.js" },
      { typeOnly: true, names: "Kind", from: "./Kind.js" },
      { typeOnly: true, names: "Line, LineQuery", from: "./Line.js" },
      { typeOnly: true, names: "Money", from: "./Money.js" },
      { typeOnly: true, names: "RushOrder", from: "./RushOrder.js" },
    ]);
  });
});

describe("version labels", () => {
  it("refuses two labels that would share an output folder", async () => {
    const { generate } = await import("../../generator/pipeline.js");
    const r = await generate({
      inputs: [
        { label: "a/b", source: "metadata/v1.0.xml" },
        { label: "A_B", source: "metadata/v1.0.xml" },
      ],
      format: false,
    });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message])).toEqual([
      ["duplicate-label", "version label A_B gives the same output folder as a/b"],
    ]);
  });
});
