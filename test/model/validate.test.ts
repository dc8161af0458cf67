/**
 * The model's validation pass (generator/model/validate.ts): for each CSDL rule whose breach gave a client that did
 * not compile, or one that meant something else than the metadata, a small document that breaks it yields one
 * located diagnostic (code, severity, line, column, CSDL path). Constructs CSDL allows build without any.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic, WARNING_CODES, type Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import { buildModel } from "../../generator/model/build.js";
import type { EntityType, ServiceModel } from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";

const FILE = "validate.csdl.xml";

interface Loaded {
  readonly model?: ServiceModel;
  readonly diagnostics: readonly Diagnostic[];
}

function load(text: string): Loaded {
  const parsed = parseXml(text, FILE);
  if (!parsed.root) return { diagnostics: parsed.diagnostics };
  const built = buildModel(parsed.root, FILE, "test");
  return { ...(built.model ? { model: built.model } : {}), diagnostics: [...parsed.diagnostics, ...built.diagnostics] };
}

/**
 * A document of one or more schemas. The first schema's body starts on line 5, indented by 6 spaces (its elements
 * start at column 7); each further schema follows it.
 */
function doc(body: string, options: { ns?: string; alias?: string; version?: string; more?: string; references?: string } = {}): string {
  const alias = options.alias === undefined ? "" : ` Alias="${options.alias}"`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<edmx:Edmx Version="${options.version ?? "4.0"}" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">${options.references ?? ""}`,
    "  <edmx:DataServices>",
    `    <Schema Namespace="${options.ns ?? "NS"}"${alias} xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    ...body.split("\n").map((l) => `      ${l}`),
    "    </Schema>",
    ...(options.more === undefined ? [] : [`    ${options.more}`]),
    "  </edmx:DataServices>",
    "</edmx:Edmx>",
    "",
  ].join("\n");
}

const ENTITY = '<EntityType Name="Entity"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>';
const CORE_REF =
  '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>';

interface Expected {
  readonly code: string;
  readonly severity?: "error" | "warning";
  readonly line: number;
  readonly column: number;
  readonly path: string;
  /** a part of the message */
  readonly says?: string;
}

const cases: readonly (readonly [string, string, Expected])[] = [
  // Parameters
  [
    "duplicate parameter names in an operation",
    doc(`<Action Name="Send">\n  <Parameter Name="To" Type="Edm.String"/>\n  <Parameter Name="To" Type="Edm.Int32"/>\n</Action>`),
    { code: "duplicate-name", line: 7, column: 9, path: "Schema[NS]/Action[Send]/Parameter[To]", says: "parameter To of action NS.Send is declared twice" },
  ],
  [
    "a parameter named like the binding parameter",
    doc(`${ENTITY}\n<Function Name="F" IsBound="true">\n  <Parameter Name="it" Type="NS.Entity"/>\n  <Parameter Name="it" Type="Edm.String"/>\n  <ReturnType Type="Edm.Int32"/>\n</Function>`),
    { code: "duplicate-name", line: 8, column: 9, path: "Schema[NS]/Function[F]/Parameter[it]" },
  ],
  // Members along the inheritance chain
  [
    "a derived type that redeclares an inherited property (two levels up)",
    doc(
      `<ComplexType Name="A">\n  <Property Name="p" Type="Edm.String"/>\n</ComplexType>\n<ComplexType Name="B" BaseType="NS.A"/>\n<ComplexType Name="C" BaseType="NS.B">\n  <Property Name="p" Type="Edm.Int32"/>\n</ComplexType>`,
    ),
    { code: "duplicate-name", line: 10, column: 9, path: "Schema[NS]/ComplexType[C]/Property[p]", says: "C redeclares p, which it inherits from NS.A" },
  ],
  [
    "a derived entity type that redeclares an inherited navigation",
    doc(`${ENTITY}\n<EntityType Name="Base" BaseType="NS.Entity">\n  <NavigationProperty Name="next" Type="NS.Entity"/>\n</EntityType>\n<EntityType Name="Derived" BaseType="NS.Base">\n  <NavigationProperty Name="next" Type="NS.Base"/>\n</EntityType>`),
    { code: "duplicate-name", line: 10, column: 9, path: "Schema[NS]/EntityType[Derived]/NavigationProperty[next]" },
  ],
  [
    "a derived entity type whose property shares an inherited key property's name",
    doc(`${ENTITY}\n<EntityType Name="Derived" BaseType="NS.Entity">\n  <Property Name="Id" Type="Edm.Int32"/>\n</EntityType>`),
    { code: "duplicate-name", line: 7, column: 9, path: "Schema[NS]/EntityType[Derived]/Property[Id]" },
  ],
  // Names
  [
    "an empty entity set name (it gave GET <root>/)",
    doc(`${ENTITY}\n<EntityContainer Name="C">\n  <EntitySet Name="" EntityType="NS.Entity"/>\n</EntityContainer>`),
    { code: "invalid-name", line: 7, column: 9, path: "Schema[NS]/EntityContainer[C]/EntitySet[]", says: "empty name" },
  ],
  [
    "an entity set named .. (the parent of the service root, once in a URL)",
    doc(`${ENTITY}\n<EntityContainer Name="C">\n  <EntitySet Name=".." EntityType="NS.Entity"/>\n</EntityContainer>`),
    { code: "invalid-name", line: 7, column: 9, path: "Schema[NS]/EntityContainer[C]/EntitySet[..]" },
  ],
  [
    "a blank singleton name (attribute values are kept as written)",
    doc(`${ENTITY}\n<EntityContainer Name="C">\n  <Singleton Name=" " Type="NS.Entity"/>\n</EntityContainer>`),
    { code: "invalid-name", line: 7, column: 9, path: "Schema[NS]/EntityContainer[C]/Singleton[ ]", says: "the name  , which addresses nothing" },
  ],
  [
    "an entity set named $metadata (a system resource)",
    doc(`${ENTITY}\n<EntityContainer Name="C">\n  <EntitySet Name="$metadata" EntityType="NS.Entity"/>\n</EntityContainer>`),
    { code: "invalid-name", line: 7, column: 9, path: "Schema[NS]/EntityContainer[C]/EntitySet[$metadata]", says: "system resource" },
  ],
  [
    "an empty bound function name (fuzz F7)",
    doc(`${ENTITY}\n<Function Name="" IsBound="true"><Parameter Name="it" Type="NS.Entity"/><ReturnType Type="Edm.String"/></Function>`),
    { code: "invalid-name", line: 6, column: 7, path: "Schema[NS]/Function[]" },
  ],
  ["an empty property name", doc(`<ComplexType Name="A">\n  <Property Name="" Type="Edm.String"/>\n</ComplexType>`), { code: "invalid-name", line: 6, column: 9, path: "Schema[NS]/ComplexType[A]/Property[]" }],
  ["a namespace with an empty segment", doc(ENTITY, { ns: "A..B" }), { code: "invalid-name", line: 4, column: 5, path: "Schema[A..B]" }],
  ["a namespace ending in a dot", doc(ENTITY, { ns: "A." }), { code: "invalid-name", line: 4, column: 5, path: "Schema[A.]" }],
  [
    "a property name with a space (a warning: the client quotes it)",
    doc(`<ComplexType Name="A">\n  <Property Name="first name" Type="Edm.String"/>\n</ComplexType>`),
    { code: "invalid-identifier", severity: "warning", line: 6, column: 9, path: "Schema[NS]/ComplexType[A]/Property[first name]" },
  ],
  [
    "a type name starting with a digit",
    doc(`<ComplexType Name="1A"/>`),
    { code: "invalid-identifier", severity: "warning", line: 5, column: 7, path: "Schema[NS]/ComplexType[1A]" },
  ],
  [
    "a name of 129 characters",
    doc(`<ComplexType Name="${"x".repeat(129)}"/>`),
    { code: "invalid-identifier", severity: "warning", line: 5, column: 7, path: `Schema[NS]/ComplexType[${"x".repeat(129)}]`, says: "129 characters long" },
  ],
  [
    "a name with a right-to-left override (Trojan Source)",
    doc(`<ComplexType Name="Admin\u202e\u2066tpecxe"/>`),
    { code: "invisible-character-in-name", severity: "warning", line: 5, column: 7, path: "Schema[NS]/ComplexType[Admin\u202e\u2066tpecxe]", says: "Admin\\u202e\\u2066tpecxe" },
  ],
  [
    "a name with a zero-width space",
    doc(`<ComplexType Name="A">\n  <Property Name="Id\u200b" Type="Edm.String"/>\n</ComplexType>`),
    { code: "invisible-character-in-name", severity: "warning", line: 6, column: 9, path: "Schema[NS]/ComplexType[A]/Property[Id\u200b]" },
  ],
  // Keys
  [
    "a key of type Edm.Stream",
    doc(`<EntityType Name="E">\n  <Key>\n    <PropertyRef Name="Body"/>\n  </Key>\n  <Property Name="Body" Type="Edm.Stream" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 7, column: 11, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Body]", says: "Edm.Stream" },
  ],
  [
    "a key of a complex type",
    doc(`<ComplexType Name="C"/>\n<EntityType Name="E">\n  <Key><PropertyRef Name="K"/></Key>\n  <Property Name="K" Type="NS.C" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 7, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[K]", says: "structured type NS.C" },
  ],
  [
    "a key of type Edm.GeographyPoint",
    doc(`<EntityType Name="E">\n  <Key><PropertyRef Name="Where"/></Key>\n  <Property Name="Where" Type="Edm.GeographyPoint" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 6, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Where]" },
  ],
  [
    "a key of a type definition over Edm.Geometry",
    doc(`<TypeDefinition Name="Shape" UnderlyingType="Edm.Geometry"/>\n<EntityType Name="E">\n  <Key><PropertyRef Name="S"/></Key>\n  <Property Name="S" Type="NS.Shape" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 7, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[S]" },
  ],
  [
    "a collection-valued key",
    doc(`<EntityType Name="E">\n  <Key><PropertyRef Name="Ids"/></Key>\n  <Property Name="Ids" Type="Collection(Edm.String)" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 6, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Ids]" },
  ],
  [
    "a derived entity type with its own Key",
    doc(`${ENTITY}\n<EntityType Name="Derived" BaseType="NS.Entity">\n  <Key><PropertyRef Name="Code"/></Key>\n  <Property Name="Code" Type="Edm.String" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 7, column: 14, path: "Schema[NS]/EntityType[Derived]/Key/PropertyRef[Code]", says: "inherits one from NS.Entity" },
  ],
  [
    "a key that lists one property twice (fuzz F1: TS2300)",
    doc(`<EntityType Name="E">\n  <Key><PropertyRef Name="Id"/><PropertyRef Name="Id"/></Key>\n  <Property Name="Id" Type="Edm.String" Nullable="false"/>\n</EntityType>`),
    { code: "duplicate-name", line: 6, column: 38, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Id]", says: "key part Id of NS.E is declared twice" },
  ],
  [
    "an Alias on a key part that is not a path (fuzz F1)",
    doc(`<EntityType Name="E">\n  <Key><PropertyRef Name="Id" Alias="x"/></Key>\n  <Property Name="Id" Type="Edm.String" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 6, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Id]", says: "takes no Alias" },
  ],
  [
    "a key path through a complex property that lacks the leaf",
    doc(`<ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>\n<EntityType Name="E">\n  <Key><PropertyRef Name="Address/Town" Alias="Town"/></Key>\n  <Property Name="Address" Type="NS.Address" Nullable="false"/>\n</EntityType>`),
    { code: "unresolved-key", line: 7, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Address/Town]" },
  ],
  [
    "a key path without an Alias",
    doc(`<ComplexType Name="Address"><Property Name="City" Type="Edm.String" Nullable="false"/></ComplexType>\n<EntityType Name="E">\n  <Key><PropertyRef Name="Address/City"/></Key>\n  <Property Name="Address" Type="NS.Address" Nullable="false"/>\n</EntityType>`),
    { code: "invalid-key", line: 7, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Address/City]", says: "needs an Alias" },
  ],
  [
    "a key alias equal to a property's name",
    doc(
      `<ComplexType Name="Address"><Property Name="City" Type="Edm.String" Nullable="false"/></ComplexType>\n<EntityType Name="E">\n  <Key><PropertyRef Name="Address/City" Alias="Address"/></Key>\n  <Property Name="Address" Type="NS.Address" Nullable="false"/>\n</EntityType>`,
    ),
    { code: "invalid-key", line: 7, column: 14, path: "Schema[NS]/EntityType[E]/Key/PropertyRef[Address/City]", says: "also the name of a member" },
  ],
  // Kinds of targets
  [
    "a navigation to a primitive type",
    doc(`${ENTITY}\n<EntityType Name="E" BaseType="NS.Entity">\n  <NavigationProperty Name="n" Type="Edm.String"/>\n</EntityType>`),
    { code: "csdl-invalid-navigation", line: 7, column: 9, path: "Schema[NS]/EntityType[E]/NavigationProperty[n]", says: "primitive type Edm.String" },
  ],
  [
    "a navigation to a complex type",
    doc(`${ENTITY}\n<ComplexType Name="C"/>\n<EntityType Name="E" BaseType="NS.Entity">\n  <NavigationProperty Name="n" Type="Collection(NS.C)"/>\n</EntityType>`),
    { code: "csdl-invalid-navigation", line: 8, column: 9, path: "Schema[NS]/EntityType[E]/NavigationProperty[n]" },
  ],
  [
    "an entity set of a complex type (it was dropped)",
    doc(`<ComplexType Name="C"/>\n<EntityContainer Name="Box">\n  <EntitySet Name="Cs" EntityType="NS.C"/>\n</EntityContainer>`),
    { code: "csdl-wrong-kind", line: 7, column: 9, path: "Schema[NS]/EntityContainer[Box]/EntitySet[Cs]", says: "complex type NS.C" },
  ],
  [
    "a singleton of an enum type",
    doc(`<EnumType Name="Color"><Member Name="Red"/></EnumType>\n<EntityContainer Name="Box">\n  <Singleton Name="Favourite" Type="NS.Color"/>\n</EntityContainer>`),
    { code: "csdl-wrong-kind", line: 7, column: 9, path: "Schema[NS]/EntityContainer[Box]/Singleton[Favourite]" },
  ],
  [
    "an ActionImport naming a Function",
    doc(`<Function Name="Now"><ReturnType Type="Edm.DateTimeOffset"/></Function>\n<EntityContainer Name="Box">\n  <ActionImport Name="Now" Action="NS.Now"/>\n</EntityContainer>`),
    { code: "csdl-wrong-kind", line: 7, column: 9, path: "Schema[NS]/EntityContainer[Box]/ActionImport[Now]", says: "which is a function" },
  ],
  [
    "a FunctionImport naming an Action",
    doc(`<Action Name="Reset"/>\n<EntityContainer Name="Box">\n  <FunctionImport Name="Reset" Function="NS.Reset"/>\n</EntityContainer>`),
    { code: "csdl-wrong-kind", line: 7, column: 9, path: "Schema[NS]/EntityContainer[Box]/FunctionImport[Reset]", says: "which is an action" },
  ],
  [
    "an ActionImport naming a bound-only action",
    doc(`${ENTITY}\n<Action Name="Touch" IsBound="true"><Parameter Name="it" Type="NS.Entity"/></Action>\n<EntityContainer Name="Box">\n  <ActionImport Name="Touch" Action="NS.Touch"/>\n</EntityContainer>`),
    { code: "csdl-wrong-kind", line: 8, column: 9, path: "Schema[NS]/EntityContainer[Box]/ActionImport[Touch]", says: "no unbound overload" },
  ],
  [
    "a structural property of an entity type",
    doc(`${ENTITY}\n<ComplexType Name="C">\n  <Property Name="owner" Type="NS.Entity"/>\n</ComplexType>`),
    { code: "csdl-wrong-kind", line: 7, column: 9, path: "Schema[NS]/ComplexType[C]/Property[owner]", says: "navigation property" },
  ],
  [
    "a type definition based on a complex type",
    doc(`<ComplexType Name="C"/>\n<TypeDefinition Name="T" UnderlyingType="NS.C"/>`),
    { code: "csdl-wrong-kind", line: 6, column: 7, path: "Schema[NS]/TypeDefinition[T]" },
  ],
  [
    "an enum type over Edm.String",
    doc(`<EnumType Name="Color" UnderlyingType="Edm.String">\n  <Member Name="Red"/>\n</EnumType>`),
    { code: "csdl-wrong-kind", line: 5, column: 7, path: "Schema[NS]/EnumType[Color]" },
  ],
  [
    "a function without a ReturnType",
    doc(`<Function Name="Ping"/>`),
    { code: "csdl-invalid-operation", line: 5, column: 7, path: "Schema[NS]/Function[Ping]", says: "no ReturnType" },
  ],
  // Aliases and namespaces
  [
    "one qualified name from two schemas (a dotted type name)",
    doc(`<ComplexType Name="B.C"/>`, { ns: "A", more: '<Schema Namespace="A.B" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="C"/></Schema>' }),
    { code: "duplicate-name", line: 7, column: 77, path: "Schema[A.B]/ComplexType[C]", says: "A.B.C is declared in namespace A and again in namespace A.B" },
  ],
  [
    "an alias equal to another schema's namespace",
    doc(ENTITY, { alias: "Other", more: '<Schema Namespace="Other" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="Entity"/></Schema>' }),
    { code: "invalid-alias", line: 4, column: 5, path: "Schema[NS]", says: "also the name of a namespace" },
  ],
  [
    "an alias equal to a referenced namespace",
    doc(ENTITY, { alias: "Org.OData.Core.V1", references: CORE_REF }),
    { code: "invalid-alias", line: 4, column: 5, path: "Schema[NS]" },
  ],
  [
    "two schemas with one alias",
    doc(ENTITY, { alias: "x", more: '<Schema Namespace="Two" Alias="x" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>' }),
    { code: "duplicate-name", line: 7, column: 5, path: "Schema[Two]", says: "alias x is declared twice" },
  ],
  [
    "a reserved alias",
    doc(ENTITY, { alias: "Edm" }),
    { code: "invalid-alias", line: 4, column: 5, path: "Schema[NS]", says: "reserved" },
  ],
  // The document
  [
    'edmx Version="2.0"',
    doc(ENTITY, { version: "2.0" }),
    { code: "unsupported-csdl-version", line: 2, column: 1, path: "Edmx", says: 'Version="2.0"' },
  ],
  [
    "no edmx Version (read as 4.0)",
    doc(ENTITY).replace(' Version="4.0"', ""),
    { code: "csdl-version-missing", severity: "warning", line: 2, column: 1, path: "Edmx", says: "read as 4.0" },
  ],
  [
    "a second EntityContainer in another schema (it was dropped)",
    doc(`${ENTITY}\n<EntityContainer Name="One"/>`, { more: '<Schema Namespace="Two" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityContainer Name="Box"/></Schema>' }),
    { code: "duplicate-container", line: 8, column: 77, path: "Schema[Two]/EntityContainer[Box]", says: "after NS.One" },
  ],
  [
    "a second EntityContainer in the same schema",
    doc(`<EntityContainer Name="One"/>\n<EntityContainer Name="Two"/>`),
    { code: "duplicate-container", line: 6, column: 7, path: "Schema[NS]/EntityContainer[Two]" },
  ],
  [
    "an Annotations element without a Target (fuzz F6)",
    doc(`${ENTITY}\n<Annotations>\n  <Annotation Term="Core.Description" String="x"/>\n</Annotations>`, { references: CORE_REF }),
    { code: "annotation-target-unresolved", severity: "warning", line: 6, column: 7, path: "Schema[NS]/Annotations[]", says: "has no Target" },
  ],
  [
    "an annotation target that matches nothing is located at its Annotations element",
    doc(`${ENTITY}\n<Annotations Target="NS.Nowhere">\n  <Annotation Term="Core.Description" String="x"/>\n</Annotations>`, { references: CORE_REF }),
    { code: "annotation-target-unresolved", severity: "warning", line: 6, column: 7, path: "Schema[NS]/Annotations[NS.Nowhere]" },
  ],
];

describe("each broken rule yields one located diagnostic", () => {
  it.each(cases)("%s", (_name, text, expected) => {
    let loaded: Loaded | undefined;
    expect(() => (loaded = load(text))).not.toThrow();
    const found = (loaded as Loaded).diagnostics.filter((d) => d.code === expected.code);
    expect(found, JSON.stringify((loaded as Loaded).diagnostics, null, 1)).toHaveLength(1);
    const d = found[0] as Diagnostic;
    expect({ severity: d.severity, file: d.file, line: d.line, column: d.column, path: d.path }).toStrictEqual({
      severity: expected.severity ?? "error",
      file: FILE,
      line: expected.line,
      column: expected.column,
      path: expected.path,
    });
    if (expected.says !== undefined) expect(d.message).toContain(expected.says);
  });

  it("the printed diagnostic shows a bidi override in a name escaped, in the message and the path", () => {
    const { diagnostics } = load(doc(`<ComplexType Name="A\u202eB">\n  <Property Name="p\u2066" Type="Edm.Nope"/>\n</ComplexType>`));
    const printed = diagnostics.map(formatDiagnostic).join("\n");
    expect(printed).toContain("Schema[NS]/ComplexType[A\\u202eB]/Property[p\\u2066]");
    expect(printed).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const odd = formatDiagnostic({ severity: "error", code: "c", message: "soft\u00adhyphen private\ue000 astral\u{1d173} lone\ud800", file: "f" });
    expect(odd).toBe("f: error c: soft\\u00adhyphen private\\ue000 astral\\u{1d173} lone\\ud800");
  });

  it("every warning code used here is one --silence accepts", () => {
    const warned = cases.filter(([, , e]) => e.severity === "warning").map(([, , e]) => e.code);
    for (const code of warned) expect(WARNING_CODES as readonly string[]).toContain(code);
  });
});

describe("what CSDL allows builds without a diagnostic", () => {
  const clean = (text: string): ServiceModel => {
    const { model, diagnostics } = load(text);
    expect(diagnostics).toStrictEqual([]);
    return model as ServiceModel;
  };

  it("format characters CSDL admits and that hide nothing (a soft hyphen is \\p{Cf} too, but shows)", () => {
    clean(doc(`<ComplexType Name="Caf\u00e9_\u00c5">\n  <Property Name="x\u203f" Type="Edm.String"/>\n</ComplexType>`));
  });

  it("shows a name of 2 MB cut in its message, not whole", () => {
    const name = `${"\u202e".repeat(3)}${"z".repeat(2_000_000)}`;
    const { diagnostics } = load(doc(`<ComplexType Name="${name}"/>`));
    const warnings = diagnostics.filter((d) => d.code === "invalid-identifier" || d.code === "invisible-character-in-name");
    expect(warnings.length).toBeGreaterThan(0);
    for (const d of warnings) {
      expect(d.message.length).toBeLessThan(400);
      expect(d.message).toContain("\\u202e\\u202e\\u202ezzz");
      expect(d.message).toContain("…");
    }
  });

  it("a name of 128 characters, a dotted namespace, a derived type adding its own members", () => {
    clean(doc(`${ENTITY}\n<EntityType Name="${"y".repeat(128)}" BaseType="A.B.C.Entity"><Property Name="More" Type="Edm.Int32"/></EntityType>`, { ns: "A.B.C" }));
  });

  it("an enum, Int64 and Guid keys, a key on an abstract base inherited by a derived type", () => {
    clean(
      doc(
        `<EnumType Name="Kind"><Member Name="a"/></EnumType>\n<EntityType Name="Base" Abstract="true"><Key><PropertyRef Name="K"/><PropertyRef Name="N"/><PropertyRef Name="G"/></Key>` +
          `<Property Name="K" Type="NS.Kind" Nullable="false"/><Property Name="N" Type="Edm.Int64" Nullable="false"/><Property Name="G" Type="Edm.Guid" Nullable="false"/></EntityType>\n` +
          `<EntityType Name="D" BaseType="NS.Base"/>`,
      ),
    );
  });

  it("an ActionImport and a FunctionImport naming operations that share a type's name (Graph does this): no unresolved-operation", () => {
    for (const order of ["type first", "operation first"]) {
      const type = '<ComplexType Name="reset"/>\n<ComplexType Name="now"/>';
      const ops = '<Action Name="reset"/>\n<Function Name="now"><ReturnType Type="Edm.DateTimeOffset"/></Function>';
      const text = doc(`${order === "type first" ? `${type}\n${ops}` : `${ops}\n${type}`}\n<EntityContainer Name="Box">\n  <ActionImport Name="reset" Action="NS.reset"/>\n  <FunctionImport Name="now" Function="NS.now"/>\n</EntityContainer>`);
      const { model, diagnostics } = load(text);
      expect(diagnostics.map((d) => `${d.severity} ${d.code}`), order).toStrictEqual(["warning operation-shares-type-name", "warning operation-shares-type-name"]);
      expect(model?.schemas[0]?.container?.operationImports.map((i) => i.operation)).toStrictEqual(["NS.reset", "NS.now"]);
    }
  });

  it("a CSDL 4.01 key alias: the model keeps the path and the alias", () => {
    const model = clean(
      doc(
        `<ComplexType Name="Address"><Property Name="City" Type="Edm.String" Nullable="false"/></ComplexType>\n` +
          `<EntityType Name="Place"><Key><PropertyRef Name="Address/City" Alias="City"/><PropertyRef Name="Id"/></Key>` +
          `<Property Name="Id" Type="Edm.Int32" Nullable="false"/><Property Name="Address" Type="NS.Address" Nullable="false"/></EntityType>`,
        { version: "4.01" },
      ),
    );
    const place = model.schemas[0]?.entityTypes[0] as EntityType;
    expect(place.key).toStrictEqual(["Address/City", "Id"]);
    expect(place.keyAliases).toStrictEqual([{ path: "Address/City", alias: "City" }]);
  });

  it("a schema whose alias is its own namespace (it rebinds nothing)", () => {
    clean(doc(`${ENTITY}\n<EntityType Name="D" BaseType="NS.Entity"/>`, { alias: "NS" }));
  });

  it("a type without aliases has no keyAliases field", () => {
    expect(clean(doc(ENTITY)).schemas[0]?.entityTypes[0]).not.toHaveProperty("keyAliases");
  });
});
