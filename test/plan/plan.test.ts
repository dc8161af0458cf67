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

type Member = { partial: string; name: string; type?: string; params?: string; result?: string };
type EntityView = Record<string, unknown> & { node: string; itemMembers: Member[]; collectionMembers: Member[] };
type StructuredView = Record<string, unknown> & { name: string };

describe("planService", () => {
  const files = plan();
  const models = view(files, "v1/models.ts");
  const structured = (name: string): StructuredView => (models.structured as StructuredView[]).find((t) => t.name === name)!;
  const nodes = view(files, "v1/nodes.ts");
  const entity = (node: string): EntityView => (nodes.types as EntityView[]).find((t) => t.node === node)!;

  it("plans one models file, one nodes file, a client and a barrel per version", () => {
    expect(files.map((f) => [f.path, f.template])).toEqual([
      ["v1/models.ts", "models/models"],
      ["v1/nodes.ts", "nodes/nodes"],
      ["v1/client.ts", "client/client"],
      ["v1/index.ts", "barrels/index"],
    ]);
  });

  it("types properties from the model: flags, complex, collections, nullability", () => {
    const order = structured("Order");
    expect(order.extendsClause).toBe(" extends Base");
    // A doc that would only repeat the TypeScript type is left out; facts beyond it stay.
    expect(order.properties).toEqual([
      { doc: "", key: "Kinds", type: "Flags<Kind> | null" },
      { doc: "", key: "Total", type: "Money | null" },
      { doc: "", key: "Tags", type: "string[]" },
      { doc: "Navigation: Collection(Line), contained.", key: "Lines", type: "Line[]" },
    ]);
    // A derived type's query shape names its base's.
    expect(order.select).toBe('BaseQuery["select"] | "Kinds" | "Total" | "Tags"');
    expect(order.baseExpand).toBe('BaseQuery["expand"]');
    expect(order.union).toBe('MaybeTagged<Order, "#T.NS.Order"> | Tagged<RushOrder, "#T.NS.RushOrder">');
  });

  it("leaves an abstract base out of its own union, which names its derived types' unions", () => {
    const base = structured("Base");
    expect(base.union).toBe("AnyOrder");
  });

  it("takes forbidden operations out of a navigation's type", () => {
    const lines = entity("OrderNode").itemMembers.find((m) => m.name === "lines");
    expect(lines?.type).toBe('RestrictedCollection<LineCollection, LineNode, "create", "delete">');
  });

  it("binds the nearest overload, taking the base's member out, and passes type definitions as their underlying type", () => {
    const order = entity("OrderNode");
    // An action is a property whose node sends it with post(); every parameter optional → OptionalActionNode.
    expect(order.itemMembers.filter((m) => m.type?.includes("ActionNode")).map((m) => [m.name, m.type])).toEqual([
      ["ship", "OptionalActionNode<{ readonly Carrier?: string | null }>"],
    ]);
    expect(order.membersExtends).toBe(' extends Omit<BaseMembers, "ship">');
    // RushOrder declares nothing: its node extends Order's members.
    expect(entity("RushOrderNode").itemMembers).toEqual([]);
    expect(entity("RushOrderNode").nodeType).toBe('EntityNodeOf<RushOrder, RushOrderQuery, OrderMembers, RushOrder, {}, string, "upper">');
    expect(entity("BaseNode").itemMembers.find((m) => m.name === "ship")?.type).toBe("ActionNode<{ readonly When: Stamp }>");
  });

  it("puts collection-bound functions on the collection, as a call that returns a node", () => {
    const late = entity("OrderNode").collectionMembers.find((m) => m.name === "late");
    expect(late).toMatchObject({ partial: "function", params: "params: { readonly Days: number }", result: "FunctionNode<ODataValue<number>>" });
    expect(entity("OrderNode").collectionExtends).toBe("CollectionNode<AnyOrder, OrderQuery, OrderNode, string, OrderCollectionCasts>, Syncable<AnyOrder>, OrderCollectionMembers");
  });

  it("types compound keys as an object", () => {
    expect(entity("LineNode").collectionExtends).toBe(
      "CollectionNode<Line, LineQuery, LineNode, { readonly OrderId: string; readonly No: number }>, Syncable<Line>",
    );
  });

  it("lets casts name the derived types, and extend their casts", () => {
    const base = entity("BaseNode");
    expect(base.casts).toBe("BaseCasts");
    expect(base.derived).toEqual([{ qualifiedName: '"T.NS.Order"', node: "OrderNode", collection: "OrderCollection" }]);
    expect(base.castsExtends).toBe(" extends OrderCasts");
    expect(base.nodeType).toBe('EntityNodeOf<AnyBase, BaseQuery, BaseMembers, Base, BaseCasts, string, "upper">');
    expect(entity("RushOrderNode").casts).toBeUndefined();
  });

  it("puts entity sets and operation imports on the root, with the given base URL", () => {
    expect((nodes.root as Member[]).map((m) => [m.partial, m.name, m.type ?? m.result])).toEqual([
      ["navigation", "orders", "OrderCollection"],
      ["function", "now", "FunctionNode<ODataValue<Stamp | null>>"],
    ]);
    const client = view(files, "v1/client.ts");
    expect(client.defaults).toEqual(['  baseUrl: "https://x.test/odata",', "  sendAnchorMailbox: false,"]);
  });

  it("writes the wire table: rule and namespace; no function here has a parameter whose literal the runtime cannot infer", () => {
    expect(view(files, "v1/client.ts").table).toEqual(['  rule: "upper",', '  namespace: "T.NS",']);
  });

  it("computes imports instead of writing them into templates", () => {
    expect(models.imports).toEqual([{ typeOnly: true, names: "Flags, MaybeTagged, Tagged", from: "../runtime/index.js" }]);
    expect(view(files, "v1/nodes.ts").imports).toEqual([
      {
        typeOnly: true,
        names: "ActionNode, CollectionNode, EntityNodeOf, FunctionNode, ODataValue, OptionalActionNode, RestrictedCollection, Syncable",
        from: "../runtime/index.js",
      },
      { typeOnly: true, names: "AnyBase, AnyOrder, Base, BaseQuery, Line, LineQuery, Order, OrderQuery, RushOrder, RushOrderQuery, Stamp", from: "./models.js" },
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
