/**
 * The model stage on small inline CSDL documents: aliases, types, defaults,
 * facets, enums, annotations and their targets, operations, the container.
 * Then the real documents of the corpus build without errors.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import { buildModel } from "../../generator/model/build.js";
import type {
  Annotation,
  ComplexType,
  EntityContainer,
  EntityType,
  EnumType,
  Operation,
  Schema,
  ServiceModel,
} from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = (name: string): string => path.resolve(repoRoot, "../shared/corpus", name);

const CORE_REF =
  '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">' +
  '<edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>';
const CAP_REF =
  '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml">' +
  '<edmx:Include Namespace="Org.OData.Capabilities.V1" Alias="Capabilities"/></edmx:Reference>';

/** A document with one schema `NS` (alias `self`) holding `body`, referencing Core and Capabilities. */
function csdl(body: string, references = `${CORE_REF}${CAP_REF}`): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">${references}`,
    "<edmx:DataServices>",
    '<Schema Namespace="NS" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    body,
    "</Schema>",
    "</edmx:DataServices>",
    "</edmx:Edmx>",
  ].join("\n");
}

/** Parse and model stages; every diagnostic of both is returned, nothing is asserted here. */
function build(text: string, file = "inline.xml"): { model: ServiceModel; diagnostics: readonly Diagnostic[] } {
  const parsed = parseXml(text, file);
  if (!parsed.root) throw new Error(`no root: ${JSON.stringify(parsed.diagnostics)}`);
  const built = buildModel(parsed.root, file, "test");
  if (!built.model) throw new Error(`no model: ${JSON.stringify(built.diagnostics)}`);
  return { model: built.model, diagnostics: [...parsed.diagnostics, ...built.diagnostics] };
}

/** The single schema of an inline document, with the diagnostics (for describe-level fixtures). */
function compile(body: string, references?: string): { schema: Schema; diagnostics: readonly Diagnostic[] } {
  const { model, diagnostics } = build(csdl(body, references));
  return { schema: model.schemas[0] as Schema, diagnostics };
}

/** The single schema of an inline document that must build without any diagnostic (inside a test). */
function schemaOf(body: string, references?: string): Schema {
  const { schema, diagnostics } = compile(body, references);
  expect(diagnostics).toStrictEqual([]);
  return schema;
}

function named<T extends { readonly name: string }>(list: readonly T[], name: string): T {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`nothing named ${name}`);
  return found;
}

const ENTITY = '<EntityType Name="E"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>';
const terms = (a: readonly Annotation[]): string[] => a.map((x) => x.term);

describe("aliases", () => {
  const { schema: s, diagnostics } = compile(`
    <ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
    <ComplexType Name="Base" Abstract="true"/>
    <ComplexType Name="Derived" BaseType="self.Base">
      <Property Name="Home" Type="self.Address"/>
      <Property Name="Others" Type="Collection(self.Address)"/>
      <Property Name="Full" Type="NS.Address"/>
      <Annotation Term="Core.Description" String="derived"/>
      <Annotation Term="self.Tag" Bool="true"/>
    </ComplexType>
    <Term Name="Tag" Type="Edm.Boolean"/>
    <Annotations Target="self.Derived/Home"><Annotation Term="Core.LongDescription" String="home"/></Annotations>
  `);

  it("builds without diagnostics", () => {
    expect(diagnostics).toStrictEqual([]);
  });
  const derived = named(s.complexTypes, "Derived");

  it.each([
    ["Home", { kind: "typeRef", name: "NS.Address", collection: false }],
    ["Others", { kind: "typeRef", name: "NS.Address", collection: true }],
    ["Full", { kind: "typeRef", name: "NS.Address", collection: false }],
  ])("type reference of %s is fully qualified", (prop, type) => {
    expect(named(derived.properties, prop).type).toStrictEqual(type);
  });

  it("resolves base types, annotation terms and annotation targets written through aliases", () => {
    expect(s.alias).toBe("self");
    expect(derived.baseType).toBe("NS.Base");
    expect(terms(derived.annotations)).toStrictEqual(["Org.OData.Core.V1.Description", "NS.Tag"]);
    expect(derived.docs).toStrictEqual({ description: "derived" });
    expect(named(derived.properties, "Home").docs).toStrictEqual({ longDescription: "home" });
    expect(named(s.complexTypes, "Base").abstract).toBe(true);
  });
});

describe("types, nullability and facets", () => {
  const { schema: s, diagnostics } = compile(`
    <TypeDefinition Name="Short" UnderlyingType="Edm.String" MaxLength="10" Unicode="false"/>
    <ComplexType Name="C">
      <Property Name="Plain" Type="Edm.String"/>
      <Property Name="Required" Type="Edm.String" Nullable="false"/>
      <Property Name="Explicit" Type="Edm.String" Nullable="true"/>
      <Property Name="Tags" Type="Collection(Edm.String)"/>
      <Property Name="Spaced" Type=" Collection( Edm.Int32 ) "/>
      <Property Name="Name" Type="Edm.String" MaxLength="max" Unicode="false"/>
      <Property Name="Amount" Type="Edm.Decimal" Precision="10" Scale="variable"/>
      <Property Name="Ratio" Type="Edm.Decimal" Precision="5" Scale="2"/>
      <Property Name="Where" Type="Edm.GeographyPoint" SRID="4326"/>
      <Property Name="Code" Type="self.Short" DefaultValue="abc"/>
    </ComplexType>
  `);

  it("builds without diagnostics", () => {
    expect(diagnostics).toStrictEqual([]);
  });
  const c = named(s.complexTypes, "C");

  it.each([
    ["Plain", "Edm.String", false, true, {}],
    ["Required", "Edm.String", false, false, {}],
    ["Explicit", "Edm.String", false, true, {}],
    ["Tags", "Edm.String", true, true, {}],
    ["Spaced", "Edm.Int32", true, true, {}],
    ["Name", "Edm.String", false, true, { maxLength: "max", unicode: false }],
    ["Amount", "Edm.Decimal", false, true, { precision: 10, scale: "variable" }],
    ["Ratio", "Edm.Decimal", false, true, { precision: 5, scale: "2" }],
    ["Where", "Edm.GeographyPoint", false, true, { srid: "4326" }],
    ["Code", "NS.Short", false, true, {}],
  ] as const)("%s: %s collection=%s nullable=%s facets=%o", (name, type, collection, nullable, facets) => {
    const p = named(c.properties, name);
    expect(p.type).toStrictEqual({ kind: "typeRef", name: type, collection });
    expect(p.nullable).toBe(nullable);
    expect(p.facets).toStrictEqual(facets);
  });

  it("keeps a default value and declaration order", () => {
    expect(named(c.properties, "Code").defaultValue).toBe("abc");
    expect(named(c.properties, "Plain")).not.toHaveProperty("defaultValue");
    expect(c.properties.map((p) => p.name)).toStrictEqual(["Plain", "Required", "Explicit", "Tags", "Spaced", "Name", "Amount", "Ratio", "Where", "Code"]);
  });

  it("reads a TypeDefinition", () => {
    expect(s.typeDefinitions).toHaveLength(1);
    const t = s.typeDefinitions[0];
    expect(t).toMatchObject({ kind: "typeDefinition", name: "Short", qualifiedName: "NS.Short", underlyingType: "Edm.String" });
    expect(t?.facets).toStrictEqual({ maxLength: "10", unicode: false });
  });

  it("defaults Nullable per element kind", () => {
    const t = schemaOf(`
      ${ENTITY}
      <EntityType Name="F" BaseType="self.E">
        <NavigationProperty Name="One" Type="self.E"/>
        <NavigationProperty Name="Many" Type="Collection(self.E)" ContainsTarget="true" Partner="Back"/>
        <NavigationProperty Name="Must" Type="self.E" Nullable="false"/>
      </EntityType>
      <Function Name="f"><Parameter Name="p" Type="Edm.String"/><ReturnType Type="Edm.String"/></Function>
      <Function Name="g"><Parameter Name="p" Type="Edm.String" Nullable="false"/><ReturnType Type="Edm.String" Nullable="false"/></Function>
      <EntityContainer Name="Box">
        <Singleton Name="Me" Type="self.E"/>
        <Singleton Name="Maybe" Type="self.E" Nullable="true"/>
      </EntityContainer>
    `);
    const f = named(t.entityTypes, "F");
    expect(f.navigationProperties.map((n) => [n.name, n.nullable, n.containsTarget, n.type.collection])).toStrictEqual([
      ["One", true, false, false],
      ["Many", true, true, true],
      ["Must", false, false, false],
    ]);
    expect(named(f.navigationProperties, "Many").partner).toBe("Back");
    const [fn, gn] = t.operations;
    expect([fn?.parameters[0]?.nullable, fn?.returnType?.nullable]).toStrictEqual([true, true]);
    expect([gn?.parameters[0]?.nullable, gn?.returnType?.nullable]).toStrictEqual([false, false]);
    expect(t.container?.singletons.map((x) => [x.name, x.nullable])).toStrictEqual([
      ["Me", false],
      ["Maybe", true],
    ]);
  });
});

describe("enum types", () => {
  const { schema: s, diagnostics } = compile(`
    <EnumType Name="Implicit"><Member Name="A"/><Member Name="B"/><Member Name="C"/></EnumType>
    <EnumType Name="Explicit"><Member Name="Minus" Value="-1"/><Member Name="Ten" Value="10"/><Member Name="Two" Value="2"/></EnumType>
    <EnumType Name="Big" UnderlyingType="Edm.Int64">
      <Member Name="Max" Value="9223372036854775807"/>
      <Member Name="Past53" Value="9007199254740993"/>
    </EnumType>
    <EnumType Name="Flags" IsFlags="true" UnderlyingType="Edm.Byte">
      <Member Name="None" Value="0"/><Member Name="Read" Value="1"/><Member Name="Write" Value="2"/><Member Name="All" Value="3"/>
    </EnumType>
  `);

  it("builds without diagnostics", () => {
    expect(diagnostics).toStrictEqual([]);
  });
  const values = (e: EnumType): string[][] => e.members.map((m) => [m.name, m.value]);

  it.each([
    ["Implicit", "Edm.Int32", false, [["A", "0"], ["B", "1"], ["C", "2"]]],
    ["Explicit", "Edm.Int32", false, [["Minus", "-1"], ["Ten", "10"], ["Two", "2"]]],
    ["Big", "Edm.Int64", false, [["Max", "9223372036854775807"], ["Past53", "9007199254740993"]]],
    ["Flags", "Edm.Byte", true, [["None", "0"], ["Read", "1"], ["Write", "2"], ["All", "3"]]],
  ] as const)("%s (%s, flags=%s)", (name, underlying, isFlags, members) => {
    const e = named(s.enumTypes, name);
    expect(e.underlyingType).toBe(underlying);
    expect(e.isFlags).toBe(isFlags);
    expect(values(e)).toStrictEqual(members);
  });

  it("keeps Int64 values beyond 2^53 exactly (they are not Numbers)", () => {
    const v = named(named(s.enumTypes, "Big").members, "Past53").value;
    expect(BigInt(v)).toBe(2n ** 53n + 1n);
    expect(String(Number(v))).not.toBe(v);
  });

  it("continues implicit values after an explicit one (lenient reading)", () => {
    const t = schemaOf('<EnumType Name="Mixed"><Member Name="A" Value="5"/><Member Name="B"/></EnumType>');
    expect(values(t.enumTypes[0] as EnumType)).toStrictEqual([["A", "5"], ["B", "6"]]);
  });
});

describe("annotations", () => {
  const { schema: s, diagnostics } = compile(`
    ${ENTITY}
    <EntityType Name="Owner" BaseType="self.E">
      <Property Name="Name" Type="Edm.String">
        <Annotation Term="Core.Description" String="inline"/>
      </Property>
      <NavigationProperty Name="Items" Type="Collection(self.E)" ContainsTarget="true">
        <Annotation Term="Capabilities.InsertRestrictions">
          <Record><PropertyValue Property="Insertable" Bool="false"/></Record>
        </Annotation>
      </NavigationProperty>
      <NavigationProperty Name="Others" Type="Collection(self.E)"/>
    </EntityType>
    <EntityContainer Name="Container">
      <EntitySet Name="Set" EntityType="self.Owner"/>
      <EntitySet Name="Plain" EntityType="self.E"/>
    </EntityContainer>
    <Annotations Target="self.Owner/Name">
      <Annotation Term="Org.OData.Core.V1.LongDescription" String="external"/>
      <Annotation Term="Core.Description" Qualifier="Short" String="qualified"/>
    </Annotations>
    <Annotations Target="NS.Container/Set">
      <Annotation Term="Capabilities.InsertRestrictions">
        <Record><PropertyValue Property="Insertable" Bool="false"/></Record>
      </Annotation>
      <Annotation Term="Capabilities.ChangeTracking">
        <Record><PropertyValue Property="Supported" Bool="true"/></Record>
      </Annotation>
      <Annotation Term="Capabilities.TopSupported" Bool="false"/>
    </Annotations>
    <Annotations Target="self.Owner/Others">
      <Annotation Term="Capabilities.NavigationRestrictions">
        <Record>
          <PropertyValue Property="Navigability" EnumMember="Capabilities.NavigationType/Single"/>
          <PropertyValue Property="Paths"><Collection><NavigationPropertyPath>a/b</NavigationPropertyPath><String>x</String></Collection></PropertyValue>
        </Record>
      </Annotation>
    </Annotations>
  `);

  it("builds without diagnostics", () => {
    expect(diagnostics).toStrictEqual([]);
  });
  const owner = named(s.entityTypes, "Owner");
  const container = s.container as EntityContainer;

  it("inline Core.Description and external LongDescription become docs; inline first, then external", () => {
    const name = named(owner.properties, "Name");
    expect(name.docs).toStrictEqual({ description: "inline", longDescription: "external" });
    expect(name.annotations).toStrictEqual([
      { kind: "annotation", term: "Org.OData.Core.V1.Description", value: { kind: "constant", type: "String", value: "inline" } },
      { kind: "annotation", term: "Org.OData.Core.V1.LongDescription", value: { kind: "constant", type: "String", value: "external" } },
      { kind: "annotation", term: "Org.OData.Core.V1.Description", qualifier: "Short", value: { kind: "constant", type: "String", value: "qualified" } },
    ]);
  });

  it("Capabilities.InsertRestrictions Insertable=false on a navigation property", () => {
    expect(named(owner.navigationProperties, "Items").capabilities).toStrictEqual({ insertable: false });
    expect(named(owner.navigationProperties, "Others").capabilities).toStrictEqual({});
  });

  it("Capabilities on an entity set via Target=NS.Container/Set", () => {
    expect(named(container.entitySets, "Set").capabilities).toStrictEqual({ insertable: false, changeTracking: true, topSupported: false });
    expect(named(container.entitySets, "Plain").capabilities).toStrictEqual({});
  });

  it("keeps values of terms it does not interpret, aliases resolved", () => {
    expect(named(owner.navigationProperties, "Others").annotations).toStrictEqual([
      {
        kind: "annotation",
        term: "Org.OData.Capabilities.V1.NavigationRestrictions",
        value: {
          kind: "record",
          properties: [
            { name: "Navigability", value: { kind: "constant", type: "EnumMember", value: "Org.OData.Capabilities.V1.NavigationType/Single" } },
            {
              name: "Paths",
              value: {
                kind: "collection",
                items: [
                  { kind: "path", type: "NavigationPropertyPath", value: "a/b" },
                  { kind: "constant", type: "String", value: "x" },
                ],
              },
            },
          ],
        },
      },
    ]);
  });

  it("an annotation target that matches nothing is a warning", () => {
    const { diagnostics } = build(csdl(`${ENTITY}<Annotations Target="self.E/Nope"><Annotation Term="Core.Description" String="x"/></Annotations>`));
    expect(diagnostics.map((d) => [d.severity, d.code])).toStrictEqual([["warning", "annotation-target-unresolved"]]);
  });
});

describe("operations", () => {
  const { schema: s, diagnostics } = compile(`
    ${ENTITY}
    <EntityType Name="F" BaseType="self.E"/>
    <Function Name="f" IsBound="true"><Parameter Name="bindingparameter" Type="self.E"/><ReturnType Type="Edm.Int32"/></Function>
    <Function Name="f" IsBound="true" IsComposable="true">
      <Parameter Name="this" Type="self.E"/><Parameter Name="x" Type="Edm.String"/><ReturnType Type="Collection(self.E)"/>
    </Function>
    <Function Name="f" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(self.E)"/><Parameter Name="x" Type="Edm.String"/><ReturnType Type="Edm.Int32"/></Function>
    <Action Name="a" IsBound="true" EntitySetPath="b"><Parameter Name="b" Type="self.E"/><ReturnType Type="self.E"/></Action>
    <Action Name="a" IsBound="true"><Parameter Name="b" Type="self.F"/><Parameter Name="n" Type="Edm.Int32"/></Action>
    <Action Name="reset"/>
    <Function Name="now"><ReturnType Type="Edm.DateTimeOffset" Nullable="false"/></Function>
    <EntityContainer Name="Box">
      <EntitySet Name="Es" EntityType="self.E"/>
      <ActionImport Name="Reset" Action="self.reset"/>
      <FunctionImport Name="Now" Function="NS.now" IncludeInServiceDocument="true"/>
      <FunctionImport Name="Fs" Function="self.now" EntitySet="Es"/>
    </EntityContainer>
    <Annotations Target="self.f(self.E)"><Annotation Term="Core.Description" String="first f"/></Annotations>
    <Annotations Target="NS.f(NS.E, Edm.String)"><Annotation Term="Core.Description" String="second f"/></Annotations>
    <Annotations Target="self.f(Collection(self.E), Edm.String)"><Annotation Term="Core.Description" String="third f"/></Annotations>
    <Annotations Target="self.f(Collection(self.E),Edm.String)/x"><Annotation Term="Core.Description" String="third f, x"/></Annotations>
    <Annotations Target="self.a(self.F)"><Annotation Term="Core.Description" String="a on F"/></Annotations>
    <Annotations Target="self.a"><Annotation Term="Core.LongDescription" String="every a"/></Annotations>
    <Annotations Target="self.reset()"><Annotation Term="Core.Description" String="reset"/></Annotations>
  `);

  it("builds without diagnostics", () => {
    expect(diagnostics).toStrictEqual([]);
  });
  const fs = s.operations.filter((o) => o.name === "f");
  const as = s.operations.filter((o) => o.name === "a");

  it("keeps overloads in declaration order", () => {
    expect(s.operations.map((o) => `${o.kind} ${o.qualifiedName}`)).toStrictEqual([
      "function NS.f",
      "function NS.f",
      "function NS.f",
      "action NS.a",
      "action NS.a",
      "action NS.reset",
      "function NS.now",
    ]);
  });

  it.each([
    [0, "bindingparameter", "NS.E", false, []],
    [1, "this", "NS.E", false, ["x"]],
    [2, "bindingParameter", "NS.E", true, ["x"]],
  ] as const)("f overload %i: binding parameter %s of %s (collection=%s), parameters %o", (i, name, type, collection, rest) => {
    const f = fs[i] as Operation;
    expect(f.isBound).toBe(true);
    expect(f.bindingParameter?.name).toBe(name);
    expect(f.bindingParameter?.type).toStrictEqual({ kind: "typeRef", name: type, collection });
    expect(f.parameters.map((p) => p.name)).toStrictEqual(rest);
  });

  it("reads return types, IsComposable, EntitySetPath and unbound operations", () => {
    expect(fs[1]?.isComposable).toBe(true);
    expect(fs[0]?.isComposable).toBe(false);
    expect(fs[1]?.returnType).toStrictEqual({ type: { kind: "typeRef", name: "NS.E", collection: true }, nullable: true });
    expect(as[0]?.entitySetPath).toBe("b");
    expect(as[1]?.returnType).toBeUndefined();
    const reset = named(s.operations, "reset");
    expect(reset.isBound).toBe(false);
    expect(reset).not.toHaveProperty("bindingParameter");
    expect(reset.parameters).toStrictEqual([]);
  });

  it("an overload target NS.op(NS.T) annotates that overload only", () => {
    expect(fs.map((f) => f.docs.description)).toStrictEqual(["first f", "second f", "third f"]);
    expect(fs[2]?.parameters[0]?.docs).toStrictEqual({ description: "third f, x" });
    expect(as.map((a) => a.docs)).toStrictEqual([{ longDescription: "every a" }, { description: "a on F", longDescription: "every a" }]);
    expect(named(s.operations, "reset").docs).toStrictEqual({ description: "reset" });
  });

  it("reads ActionImport and FunctionImport", () => {
    expect(s.container?.operationImports.map((i) => ({ ...i, annotations: undefined, docs: undefined, origin: undefined }))).toStrictEqual([
      { kind: "actionImport", name: "Reset", operation: "NS.reset", includeInServiceDocument: false, annotations: undefined, docs: undefined, origin: undefined },
      { kind: "functionImport", name: "Now", operation: "NS.now", includeInServiceDocument: true, annotations: undefined, docs: undefined, origin: undefined },
      { kind: "functionImport", name: "Fs", operation: "NS.now", entitySet: "Es", includeInServiceDocument: false, annotations: undefined, docs: undefined, origin: undefined },
    ]);
  });
});

describe("the entity container", () => {
  it("reads NavigationPropertyBindings with path targets, aliases resolved", () => {
    const s = schemaOf(`
      ${ENTITY}
      <EntityType Name="Person" BaseType="self.E"><NavigationProperty Name="Friends" Type="Collection(self.E)"/></EntityType>
      <EntityType Name="Manager" BaseType="self.Person"><NavigationProperty Name="Reports" Type="Collection(self.Person)"/></EntityType>
      <EntityType Name="Org" BaseType="self.E"><NavigationProperty Name="People" Type="Collection(self.Person)" ContainsTarget="true"/></EntityType>
      <EntityContainer Name="Box">
        <EntitySet Name="People" EntityType="self.Person" IncludeInServiceDocument="false">
          <NavigationPropertyBinding Path="Friends" Target="People"/>
          <NavigationPropertyBinding Path="self.Manager/Reports" Target="self.Box/People"/>
        </EntitySet>
        <Singleton Name="Company" Type="self.Org">
          <NavigationPropertyBinding Path="People/Friends" Target="NS.Box/Company/People"/>
        </Singleton>
      </EntityContainer>
    `);
    const box = s.container as EntityContainer;
    expect(box).toMatchObject({ kind: "entityContainer", name: "Box", namespace: "NS", qualifiedName: "NS.Box" });
    const people = named(box.entitySets, "People");
    expect(people.entityType).toBe("NS.Person");
    expect(people.includeInServiceDocument).toBe(false);
    expect(people.navigationBindings).toStrictEqual([
      { path: "Friends", target: "People" },
      { path: "NS.Manager/Reports", target: "NS.Box/People" },
    ]);
    expect(named(box.singletons, "Company").navigationBindings).toStrictEqual([{ path: "People/Friends", target: "NS.Box/Company/People" }]);
  });
});

describe("references and terms", () => {
  it("reads edmx:Reference/Include with and without Alias", () => {
    const refs =
      '<edmx:Reference Uri="https://example.invalid/core.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="C"/></edmx:Reference>' +
      '<edmx:Reference Uri="other.xml"><edmx:Include Namespace="Other.V1"/><edmx:Include Namespace="Third.V2" Alias="T"/></edmx:Reference>';
    const { model, diagnostics } = build(
      csdl('<ComplexType Name="X"><Property Name="o" Type="Other.V1.Thing"/><Property Name="t" Type="T.Thing"/><Annotation Term="C.Description" String="via C"/></ComplexType>', refs),
    );
    expect(diagnostics).toStrictEqual([]);
    expect(model.references).toStrictEqual([
      { kind: "reference", uri: "https://example.invalid/core.xml", includes: [{ namespace: "Org.OData.Core.V1", alias: "C" }] },
      { kind: "reference", uri: "other.xml", includes: [{ namespace: "Other.V1" }, { namespace: "Third.V2", alias: "T" }] },
    ]);
    const x = model.schemas[0]?.complexTypes[0] as ComplexType;
    expect(x.properties.map((p) => p.type.name)).toStrictEqual(["Other.V1.Thing", "Third.V2.Thing"]);
    expect(x.docs).toStrictEqual({ description: "via C" });
  });

  it("reads Term declarations", () => {
    const s = schemaOf(`
      <Term Name="Base" Type="Edm.String"/>
      <Term Name="Tags" Type="Collection(Edm.String)" Nullable="false" BaseTerm="self.Base" AppliesTo="EntityType Property" DefaultValue="none">
        <Annotation Term="Core.Description" String="tags"/>
      </Term>
    `);
    expect(s.terms.map((t) => ({ ...t, annotations: [], origin: undefined }))).toStrictEqual([
      {
        kind: "term", name: "Base", namespace: "NS", qualifiedName: "NS.Base", type: { kind: "typeRef", name: "Edm.String", collection: false },
        nullable: true, appliesTo: [], annotations: [], docs: {}, origin: undefined,
      },
      {
        kind: "term", name: "Tags", namespace: "NS", qualifiedName: "NS.Tags", type: { kind: "typeRef", name: "Edm.String", collection: true },
        nullable: false, baseTerm: "NS.Base", appliesTo: ["EntityType", "Property"], defaultValue: "none", annotations: [], docs: { description: "tags" }, origin: undefined,
      },
    ]);
  });
});

describe("entity types", () => {
  it("reads keys, Abstract, OpenType, HasStream and origins", () => {
    const text = csdl(`${ENTITY}
<EntityType Name="Doc" BaseType="self.E" OpenType="true" HasStream="true"/>
<EntityType Name="Pair"><Key><PropertyRef Name="A"/><PropertyRef Name="B"/></Key><Property Name="A" Type="Edm.Int32" Nullable="false"/><Property Name="B" Type="Edm.Int32" Nullable="false"/></EntityType>`);
    const { model, diagnostics } = build(text, "types.xml");
    expect(diagnostics).toStrictEqual([]);
    const s = model.schemas[0] as Schema;
    const t = (n: string): EntityType => named(s.entityTypes, n);
    expect([t("E").key, t("Doc").key, t("Pair").key]).toStrictEqual([["Id"], [], ["A", "B"]]);
    expect([t("Doc").openType, t("Doc").hasStream, t("Doc").abstract, t("E").openType, t("E").hasStream]).toStrictEqual([true, true, false, false, false]);
    expect(t("Doc").origin).toStrictEqual({ file: "types.xml", line: 6, column: 1, path: "Schema[NS]/EntityType[Doc]" });
    expect(model.version).toBe("test");
  });
});

describe("the corpus builds without errors", () => {
  const load = (file: string): { model: ServiceModel; diagnostics: readonly Diagnostic[] } => {
    const text = readFileSync(corpus(file), "utf8");
    const parsed = parseXml(text, file);
    expect(parsed.diagnostics).toStrictEqual([]);
    if (!parsed.root) throw new Error("no root");
    const built = buildModel(parsed.root, file, "v");
    if (!built.model) throw new Error("no model");
    return { model: built.model, diagnostics: built.diagnostics };
  };
  const count = (m: ServiceModel, f: (s: Schema) => number): number => m.schemas.reduce((n, s) => n + f(s), 0);

  it.each([
    ["outlook-v1.0.csdl.xml", 15, 15],
    ["outlook-v2.0.csdl.xml", 30, 27],
    ["outlook-beta.csdl.xml", 41, 34],
  ])("%s: no diagnostics at all, %i entity types, %i operations", (file, entities, operations) => {
    const { model, diagnostics } = load(file);
    expect(diagnostics).toStrictEqual([]);
    expect(model.schemas.map((s) => s.namespace)).toStrictEqual(["Microsoft.OutlookServices"]);
    expect(count(model, (s) => s.entityTypes.length)).toBe(entities);
    expect(count(model, (s) => s.operations.length)).toBe(operations);
  });

  it("graph-v1.0: zero errors, 11 schemas, 1182 entity types, 1183 actions and functions", { timeout: 60_000 }, () => {
    const { model, diagnostics } = load("graph-v1.0.csdl.xml");
    expect(diagnostics.filter((d) => d.severity === "error")).toStrictEqual([]);
    // Graph names an operation like a type (`image`); every overload-signature annotation target resolves.
    expect([...new Set(diagnostics.map((d) => d.code))]).toStrictEqual(["operation-shares-type-name"]);
    expect(model.schemas).toHaveLength(11);
    expect(model.schemas[0]?.namespace).toBe("microsoft.graph");
    expect(model.schemas.find((s) => s.namespace === "microsoft.graph.security")?.alias).toBe("self");
    expect(count(model, (s) => s.entityTypes.length)).toBe(1182);
    expect(count(model, (s) => s.complexTypes.length)).toBe(1779);
    expect(count(model, (s) => s.enumTypes.length)).toBe(861);
    expect(count(model, (s) => s.operations.length)).toBe(1183);
    expect(count(model, (s) => s.operations.filter((o) => o.kind === "action").length)).toBe(857);
    expect(count(model, (s) => s.terms.length)).toBe(11);
    const container = model.schemas.find((s) => s.container)?.container;
    expect([container?.name, container?.entitySets.length, container?.singletons.length]).toStrictEqual(["GraphService", 41, 31]);
    // Numeric character references in attribute values are decoded (`&#xA;` → newline).
    const docs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "docs" && typeof (v as { description?: unknown }).description === "string") docs.push((v as { description: string }).description);
          else if (k !== "origin") walk(v);
        }
      }
    };
    walk(model.schemas);
    expect(docs.some((d) => d.startsWith("Represents a community in Viva Engage that is a central place for conversations,\nfiles,"))).toBe(true);
    expect(docs.filter((d) => d.includes("&#x"))).toStrictEqual([]);
  });
});
