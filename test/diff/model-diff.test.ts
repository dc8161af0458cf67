/**
 * The model diff on hand-made pairs: a base document and one change to it each, so that each kind of change is
 * isolated; every test states the whole list of changes, so a wrong kind, path or breaking flag fails it.
 */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../generator/model/build.js";
import { parseXmlInPieces } from "../../generator/parse/incremental.js";
import { diffModels, type ModelChange, type RenameTable } from "../../generator/diff/model-diff.js";
import type { ServiceModel } from "../../generator/model/types.js";

const BASE = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="NS">
      <EnumType Name="Color"><Member Name="Red" Value="0"/><Member Name="Blue" Value="1"/></EnumType>
      <TypeDefinition Name="Tag" UnderlyingType="Edm.String"/>
      <ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
      <EntityType Name="Item" Abstract="true"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
      <EntityType Name="Message" BaseType="NS.Item">
        <Property Name="Subject" Type="Edm.String"/>
        <Property Name="Size" Type="Edm.Int32" Nullable="false"/>
        <NavigationProperty Name="Parent" Type="NS.Message"/>
        <NavigationProperty Name="Attachments" Type="Collection(NS.Attachment)" ContainsTarget="true"/>
      </EntityType>
      <EntityType Name="Attachment"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="Name" Type="Edm.String"/></EntityType>
      <Action Name="Send" IsBound="true"><Parameter Name="bindingParameter" Type="NS.Message"/><Parameter Name="Comment" Type="Edm.String"/></Action>
      <Function Name="Total"><Parameter Name="Top" Type="Edm.Int32"/><ReturnType Type="Edm.Int32"/></Function>
      <EntityContainer Name="C">
        <EntitySet Name="Messages" EntityType="NS.Message"/>
        <Singleton Name="Me" Type="NS.Message"/>
        <FunctionImport Name="Total" Function="NS.Total"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

function model(text: string): ServiceModel {
  const parsed = parseXmlInPieces(text, "test.xml");
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const built = buildModel(parsed.root!, "test.xml", "t");
  expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return built.model!;
}

/** BASE with each `find` replaced once (each must occur). */
function edit(...edits: [string, string][]): string {
  let text = BASE;
  for (const [find, replace] of edits) {
    expect(text.includes(find), find).toBe(true);
    text = text.replace(find, replace);
  }
  return text;
}

type Shown = Pick<ModelChange, "kind" | "element" | "breaking"> & { from?: string; to?: string; before?: string; after?: string; match?: string };

function diff(from: string, to: string, renames?: RenameTable): Shown[] {
  return diffModels(model(from), model(to), renames ? { renames } : {}).map((c) => ({
    kind: c.kind,
    element: c.element,
    breaking: c.breaking,
    ...(c.fromPath !== undefined ? { from: c.fromPath } : {}),
    ...(c.toPath !== undefined ? { to: c.toPath } : {}),
    ...(c.before !== undefined ? { before: c.before } : {}),
    ...(c.after !== undefined ? { after: c.after } : {}),
    ...(c.match !== undefined ? { match: c.match } : {}),
  }));
}

const MSG = "EntityType[Message]";

describe("diffModels: one change at a time", () => {
  it("finds nothing between a model and itself", () => {
    expect(diff(BASE, BASE)).toEqual([]);
  });

  it("a removed property is breaking, an added one is not", () => {
    expect(diff(BASE, edit(['<Property Name="Subject" Type="Edm.String"/>', ""]))).toEqual([
      { kind: "removed", element: "property", breaking: true, from: `${MSG}/Property[Subject]`, before: "Subject" },
    ]);
    expect(diff(BASE, edit(['<Property Name="Subject" Type="Edm.String"/>', '<Property Name="Subject" Type="Edm.String"/><Property Name="Body" Type="Edm.String" Nullable="false"/>']))).toEqual([
      { kind: "added", element: "property", breaking: false, to: `${MSG}/Property[Body]`, after: "Body" },
    ]);
  });

  it("a name that differs only in case is renamed (case), and breaking", () => {
    expect(diff(BASE, edit(['Name="Subject"', 'Name="subject"']))).toEqual([
      { kind: "renamed", element: "property", breaking: true, from: `${MSG}/Property[Subject]`, to: `${MSG}/Property[subject]`, before: "Subject", after: "subject", match: "case" },
    ]);
  });

  it("the rename table matches what the rules cannot; without it, a removal and an addition", () => {
    const to = edit(['Name="Subject"', 'Name="Title"']);
    expect(diff(BASE, to, { "NS.Message/Subject": "Title" })).toEqual([
      { kind: "renamed", element: "property", breaking: true, from: `${MSG}/Property[Subject]`, to: `${MSG}/Property[Title]`, before: "Subject", after: "Title", match: "table" },
    ]);
    expect(diff(BASE, to).map((c) => c.kind)).toEqual(["removed", "added"]);
  });

  it("the table goes first: its target is not given to a name the rules would pair with it", () => {
    // Id → name by the table, although `name` would be Name's own case-insensitive match.
    const to = edit(['<Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="Name" Type="Edm.String"/>', '<Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="name" Type="Edm.String"/>']);
    expect(diff(BASE, to, { "NS.Attachment/Id": "name" }).map((c) => `${c.kind} ${c.from ?? ""} ${c.to ?? ""} ${c.match ?? ""}`)).toEqual([
      // Id (the key) is now `name` by the table; the new side's own Id is an addition, its Name is gone.
      "key-changed EntityType[Attachment] EntityType[Attachment] ",
      "added  EntityType[Attachment]/Property[Id] ",
      "nullability-changed EntityType[Attachment]/Property[Id] EntityType[Attachment]/Property[name] ",
      "renamed EntityType[Attachment]/Property[Id] EntityType[Attachment]/Property[name] table",
      "removed EntityType[Attachment]/Property[Name]  ",
    ]);
  });

  it('a table value of "" says there is no counterpart: no rule pairs the type, member or operation', () => {
    // The case rule would pair each of these with its lower-case namesake in the new model.
    const to = edit(['<EntityType Name="Attachment">', '<EntityType Name="attachment">'], ["Collection(NS.Attachment)", "Collection(NS.attachment)"], ['Name="Subject"', 'Name="subject"'], ['<Action Name="Send"', '<Action Name="send"']);
    const shown = (renames?: RenameTable) => diff(BASE, to, renames).map((c) => `${c.kind} ${c.from ?? c.to ?? ""}`);
    expect(shown()).toEqual([
      "renamed Action[Send(Message)]",
      "renamed EntityType[Attachment]",
      "renamed EntityType[Message]/Property[Subject]",
    ]);
    expect(shown({ "NS.Attachment": "", "NS.Message/Subject": "", "NS.Send": "" })).toEqual([
      "removed Action[Send(Message)]",
      "added Action[send(Message)]",
      "removed EntityType[Attachment]",
      "type-changed EntityType[Message]/NavigationProperty[Attachments]",
      "removed EntityType[Message]/Property[Subject]",
      "added EntityType[Message]/Property[subject]",
      "added EntityType[attachment]",
    ]);
  });

  it("a renamed type through the table keeps its members matched, and references to it follow", () => {
    const to = edit(['<EntityType Name="Attachment">', '<EntityType Name="FileItem">'], ["Collection(NS.Attachment)", "Collection(NS.FileItem)"]);
    expect(diff(BASE, to, { "NS.Attachment": "NS.FileItem" })).toEqual([
      { kind: "renamed", element: "entityType", breaking: true, from: "EntityType[Attachment]", to: "EntityType[FileItem]", before: "Attachment", after: "FileItem", match: "table" },
    ]);
    // Without the table the navigation's type no longer matches either.
    expect(diff(BASE, to).map((c) => `${c.kind} ${c.from ?? c.to}`)).toEqual([
      "removed EntityType[Attachment]",
      "added EntityType[FileItem]",
      `type-changed ${MSG}/NavigationProperty[Attachments]`,
    ]);
  });

  it("a changed type and a changed collection flag are breaking", () => {
    expect(diff(BASE, edit(['Name="Size" Type="Edm.Int32"', 'Name="Size" Type="Edm.Int64"']))).toEqual([
      { kind: "type-changed", element: "property", breaking: true, from: `${MSG}/Property[Size]`, to: `${MSG}/Property[Size]`, before: "Edm.Int32", after: "Edm.Int64" },
    ]);
    expect(diff(BASE, edit(['Name="Subject" Type="Edm.String"', 'Name="Subject" Type="Collection(Edm.String)"']))).toEqual([
      { kind: "collection-changed", element: "property", breaking: true, from: `${MSG}/Property[Subject]`, to: `${MSG}/Property[Subject]`, before: "Edm.String", after: "Collection(Edm.String)" },
    ]);
  });

  it("a property's nullability is breaking either way; a navigation's only when it becomes nullable", () => {
    expect(diff(BASE, edit(['Name="Size" Type="Edm.Int32" Nullable="false"', 'Name="Size" Type="Edm.Int32"']))).toMatchObject([
      { kind: "nullability-changed", element: "property", breaking: true, before: "false", after: "true" },
    ]);
    expect(diff(BASE, edit(['Name="Subject" Type="Edm.String"', 'Name="Subject" Type="Edm.String" Nullable="false"']))).toMatchObject([
      { kind: "nullability-changed", element: "property", breaking: true, before: "true", after: "false" },
    ]);
    expect(diff(BASE, edit(['Type="NS.Message"/>', 'Type="NS.Message" Nullable="false"/>']))).toMatchObject([
      { kind: "nullability-changed", element: "navigationProperty", breaking: false, before: "true", after: "false" },
    ]);
    const notNull = edit(['Type="NS.Message"/>', 'Type="NS.Message" Nullable="false"/>']);
    expect(diff(notNull, BASE)).toMatchObject([{ kind: "nullability-changed", element: "navigationProperty", breaking: true }]);
  });

  it("containment changed is breaking", () => {
    expect(diff(BASE, edit([' ContainsTarget="true"', ""]))).toEqual([
      { kind: "containment-changed", element: "navigationProperty", breaking: true, from: `${MSG}/NavigationProperty[Attachments]`, to: `${MSG}/NavigationProperty[Attachments]`, before: "true", after: "false" },
    ]);
  });

  it("base type, abstract, open and key", () => {
    expect(diff(BASE, edit(['<EntityType Name="Item" Abstract="true">', '<EntityType Name="Item">']))).toMatchObject([
      { kind: "abstract-changed", breaking: false, from: "EntityType[Item]" },
    ]);
    expect(diff(edit(['<EntityType Name="Item" Abstract="true">', '<EntityType Name="Item">']), BASE)).toMatchObject([{ kind: "abstract-changed", breaking: true }]);
    expect(diff(BASE, edit(['<ComplexType Name="Address">', '<ComplexType Name="Address" OpenType="true">']))).toMatchObject([
      { kind: "open-changed", element: "complexType", breaking: false },
    ]);
    expect(diff(edit(['<ComplexType Name="Address">', '<ComplexType Name="Address" OpenType="true">']), BASE)).toMatchObject([{ kind: "open-changed", breaking: true }]);
    expect(diff(BASE, edit(['<PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="Name"', '<PropertyRef Name="Name"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="Name"']))).toEqual([
      { kind: "key-changed", element: "entityType", breaking: true, from: "EntityType[Attachment]", to: "EntityType[Attachment]", before: "Id", after: "Name" },
    ]);
    // Message loses its base type and declares Id itself: Id moved from Item to Message, the key is the same.
    const noBase = edit([' BaseType="NS.Item"', ""], ['<Property Name="Subject"', '<Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/><Property Name="Subject"']);
    expect(diff(BASE, noBase)).toEqual([
      { kind: "moved", element: "property", breaking: false, from: "EntityType[Item]/Property[Id]", to: `${MSG}/Property[Id]`, before: "Item", after: "Message" },
      { kind: "base-type-changed", element: "entityType", breaking: true, from: MSG, to: MSG, before: "NS.Item", after: "(none)" },
    ]);
  });

  it("enum members: removed and renumbered are breaking, added is not", () => {
    expect(diff(BASE, edit(['<Member Name="Blue" Value="1"/>', '<Member Name="Blue" Value="2"/><Member Name="Green" Value="3"/>']))).toEqual([
      { kind: "value-changed", element: "enumMember", breaking: true, from: "EnumType[Color]/Member[Blue]", to: "EnumType[Color]/Member[Blue]", before: "1", after: "2" },
      { kind: "added", element: "enumMember", breaking: false, to: "EnumType[Color]/Member[Green]", after: "Green" },
    ]);
    expect(diff(BASE, edit(['<Member Name="Blue" Value="1"/>', ""]))).toEqual([
      { kind: "removed", element: "enumMember", breaking: true, from: "EnumType[Color]/Member[Blue]", before: "Blue" },
    ]);
    expect(diff(BASE, edit(['<EnumType Name="Color">', '<EnumType Name="Color" IsFlags="true">']))).toMatchObject([{ kind: "flags-changed", breaking: true }]);
  });

  it("a type definition's underlying type", () => {
    expect(diff(BASE, edit(['UnderlyingType="Edm.String"', 'UnderlyingType="Edm.Guid"']))).toEqual([
      { kind: "type-changed", element: "typeDefinition", breaking: true, from: "TypeDefinition[Tag]", to: "TypeDefinition[Tag]", before: "Edm.String", after: "Edm.Guid" },
    ]);
  });

  it("parameters: a new required one is breaking, a new optional one is not; removed and made required are breaking", () => {
    const send = "Action[Send(Message)]";
    expect(diff(BASE, edit(['<Parameter Name="Comment" Type="Edm.String"/>', '<Parameter Name="Comment" Type="Edm.String"/><Parameter Name="To" Type="Edm.String"/>']))).toEqual([
      { kind: "added", element: "parameter", breaking: true, to: `${send}/Parameter[To]`, after: "To (required)" },
    ]);
    const optional = '<Parameter Name="Comment" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.OptionalParameter"/></Parameter>';
    expect(diff(BASE, edit(['<Parameter Name="Comment" Type="Edm.String"/>', `<Parameter Name="Comment" Type="Edm.String"/>${optional.replace("Comment", "Cc")}`]))).toEqual([
      { kind: "added", element: "parameter", breaking: false, to: `${send}/Parameter[Cc]`, after: "Cc (optional)" },
    ]);
    const withOptional = edit(['<Parameter Name="Comment" Type="Edm.String"/>', optional]);
    expect(diff(withOptional, BASE)).toEqual([
      { kind: "optionality-changed", element: "parameter", breaking: true, from: `${send}/Parameter[Comment]`, to: `${send}/Parameter[Comment]`, before: "optional", after: "required" },
    ]);
    expect(diff(BASE, withOptional)).toMatchObject([{ kind: "optionality-changed", breaking: false }]);
    expect(diff(BASE, edit(['<Parameter Name="Comment" Type="Edm.String"/>', ""]))).toEqual([
      { kind: "removed", element: "parameter", breaking: true, from: `${send}/Parameter[Comment]`, before: "Comment" },
    ]);
    expect(diff(BASE, edit(['<Parameter Name="Top" Type="Edm.Int32"/>', '<Parameter Name="Top" Type="Edm.Int32" Nullable="false"/>']))).toMatchObject([
      { kind: "nullability-changed", element: "parameter", breaking: true, from: "Function[Total()]/Parameter[Top]" },
    ]);
  });

  it("operations: return type, binding, removal", () => {
    expect(diff(BASE, edit(['<ReturnType Type="Edm.Int32"/>', '<ReturnType Type="Edm.Int64"/>']))).toEqual([
      { kind: "type-changed", element: "returnType", breaking: true, from: "Function[Total()]/ReturnType", to: "Function[Total()]/ReturnType", before: "Edm.Int32", after: "Edm.Int64" },
    ]);
    expect(diff(BASE, edit(['<Parameter Name="bindingParameter" Type="NS.Message"/>', '<Parameter Name="bindingParameter" Type="Collection(NS.Message)"/>']))).toEqual([
      { kind: "binding-changed", element: "action", breaking: true, from: "Action[Send(Message)]", to: "Action[Send(Collection(Message))]", before: "Message", after: "Collection(Message)" },
    ]);
    expect(diff(BASE, edit(['<Action Name="Send" IsBound="true"><Parameter Name="bindingParameter" Type="NS.Message"/><Parameter Name="Comment" Type="Edm.String"/></Action>', ""]))).toEqual([
      { kind: "removed", element: "action", breaking: true, from: "Action[Send(Message)]", before: "NS.Send" },
    ]);
  });

  it("capabilities: a lost one is breaking, a gained one is not", () => {
    const restricted = edit([
      '<EntitySet Name="Messages" EntityType="NS.Message"/>',
      '<EntitySet Name="Messages" EntityType="NS.Message"><Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="false"/></Record></Annotation></EntitySet>',
    ]);
    expect(diff(BASE, restricted)).toEqual([
      { kind: "capability-changed", element: "capability", breaking: true, from: "EntitySet[Messages]/Capability[deletable]", to: "EntitySet[Messages]/Capability[deletable]", before: "true", after: "false" },
    ]);
    expect(diff(restricted, BASE)).toMatchObject([{ kind: "capability-changed", breaking: false, before: "false", after: "true" }]);
  });

  it("the container: entity sets, singletons, operation imports", () => {
    expect(diff(BASE, edit(['<Singleton Name="Me" Type="NS.Message"/>', ""], ['<EntitySet Name="Messages"', '<EntitySet Name="Attachments" EntityType="NS.Attachment"/><EntitySet Name="Messages"']))).toEqual([
      { kind: "added", element: "entitySet", breaking: false, to: "EntitySet[Attachments]", after: "Attachments" },
      { kind: "removed", element: "singleton", breaking: true, from: "Singleton[Me]", before: "Me" },
    ]);
    expect(diff(BASE, edit(['<EntitySet Name="Messages" EntityType="NS.Message"/>', '<EntitySet Name="Messages" EntityType="NS.Attachment"/>']))).toMatchObject([
      { kind: "entity-type-changed", element: "entitySet", breaking: true },
    ]);
    expect(diff(BASE, edit(['<FunctionImport Name="Total" Function="NS.Total"/>', ""]))).toEqual([
      { kind: "removed", element: "functionImport", breaking: true, from: "FunctionImport[Total]", before: "Total" },
    ]);
  });

  it("another namespace is one change; the types are matched without it", () => {
    const other = BASE.replace('Namespace="NS"', 'Namespace="other.ns"').replaceAll("NS.", "other.ns.");
    expect(diff(BASE, other)).toEqual([{ kind: "namespace-changed", element: "schema", breaking: true, from: "Schema[NS]", to: "Schema[other.ns]", before: "NS", after: "other.ns" }]);
    // … and types that differ in case are renamed (case), with their references.
    const lower = other.replace('<EntityType Name="Attachment">', '<EntityType Name="attachment">').replace("Collection(other.ns.Attachment)", "Collection(other.ns.attachment)");
    expect(diff(BASE, lower).map((c) => `${c.kind} ${c.from} ${c.match ?? ""}`)).toEqual(["renamed EntityType[Attachment] case", "namespace-changed Schema[NS] "]);
  });

  it("is deterministic: the same list for the same models, in path order", () => {
    const to = edit(['Name="Subject"', 'Name="subject"'], ['<Member Name="Blue" Value="1"/>', ""], ['<Singleton Name="Me" Type="NS.Message"/>', ""]);
    const one = diffModels(model(BASE), model(to));
    const two = diffModels(model(BASE), model(to));
    expect(one).toEqual(two);
    expect(one.map((c) => c.fromPath)).toEqual(["EntityType[Message]/Property[Subject]", "EnumType[Color]/Member[Blue]", "Singleton[Me]"]);
  });
});
