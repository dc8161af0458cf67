/**
 * The project's own metadata documents (metadata/*.xml) state exactly the schema
 * facts of the archived Outlook `$metadata` documents, in our own layout.
 *
 * Both documents go through the generator's parse and model stages; the models
 * must be equal member by member, in the same order, once `origin` (where a node
 * was written) is removed. The only other differences allowed are the two
 * notational devices of our layout, asserted separately: the schema's `Alias="os"`
 * and the `edmx:Reference`s that give vocabulary terms their aliases.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../generator/model/build.js";
import type { Annotation, EntityType, Schema, ServiceModel } from "../../generator/model/types.js";
import { parseXml, type XmlElement } from "../../generator/parse/xml.js";
import {
  VERSIONS,
  escapeAttribute,
  modelOf,
  originalPath,
  repoRoot,
  restate,
  restateVersion,
  restatedPath,
  type OutlookVersion,
} from "../tools/restate-metadata.js";

/** A deep copy of `value` without any `origin` field, at any depth. Nothing is reordered. */
function stripOrigin<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => stripOrigin(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (k !== "origin") out[k] = stripOrigin(v);
    return out as T;
  }
  return value;
}

/** The model with origins removed and the layout's notational devices (schema alias, references) set aside. */
function facts(model: ServiceModel): unknown {
  const m = stripOrigin(model);
  return {
    ...m,
    references: [],
    schemas: m.schemas.map(({ alias: _alias, ...rest }) => rest),
  };
}

const equivalent = (a: ServiceModel, b: ServiceModel): boolean => isDeepStrictEqual(facts(a), facts(b));

const ourText = (v: OutlookVersion): string => readFileSync(restatedPath(v), "utf8");
const originalText = (v: OutlookVersion): string => readFileSync(originalPath(v), "utf8");
const ours = (v: OutlookVersion, text = ourText(v)): ServiceModel => modelOf(text, restatedPath(v), v);
const original = (v: OutlookVersion): ServiceModel => modelOf(originalText(v), originalPath(v), v);

const only = (m: ServiceModel): Schema => {
  expect(m.schemas).toHaveLength(1);
  return m.schemas[0] as Schema;
};
const entity = (s: Schema, name: string): EntityType => {
  const t = s.entityTypes.find((e) => e.name === name);
  if (!t) throw new Error(`no entity type ${name}`);
  return t;
};

/** Every annotation of the model, wherever it is attached. */
function allAnnotations(node: unknown, out: Annotation[] = []): Annotation[] {
  if (Array.isArray(node)) for (const n of node) allAnnotations(n, out);
  else if (node !== null && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o["kind"] === "annotation") out.push(node as Annotation);
    else for (const [k, v] of Object.entries(o)) if (k !== "origin") allAnnotations(v, out);
  }
  return out;
}

const CAPABILITIES_REFERENCE = {
  kind: "reference",
  uri: "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml",
  includes: [{ namespace: "Org.OData.Capabilities.V1", alias: "Capabilities" }],
};
const CORE_REFERENCE = {
  kind: "reference",
  uri: "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml",
  includes: [{ namespace: "Org.OData.Core.V1", alias: "Core" }],
};

describe("stripOrigin", () => {
  it("removes origin at every depth and keeps order", () => {
    const o = { file: "f", line: 1, column: 1, path: "p" };
    const input = { origin: o, a: [{ origin: o, n: 2 }, { n: 1, b: { origin: o, c: [3, 1] } }] };
    expect(stripOrigin(input)).toStrictEqual({ a: [{ n: 2 }, { n: 1, b: { c: [3, 1] } }] });
    expect(input.origin).toBe(o);
  });
});

/** Computes once, on first use inside a test (a failure then fails that test, not the whole file). */
function lazy<T>(make: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: make() }).value;
}

describe.each(VERSIONS)("metadata/%s.xml", (v) => {
  const ourModel = lazy(() => ours(v));
  const theirModel = lazy(() => original(v));

  it("builds the same model as the archived original, member by member and in order", () => {
    expect(facts(ourModel())).toStrictEqual(facts(theirModel()));
    expect(equivalent(ourModel(), theirModel())).toBe(true);
  });

  it("differs from the original only by its alias and vocabulary references", () => {
    expect(only(theirModel()).alias).toBeUndefined();
    expect(theirModel().references).toStrictEqual([]);
    expect(only(ourModel()).alias).toBe("os");
    expect(ourModel().references).toStrictEqual(v === "beta" ? [CAPABILITIES_REFERENCE, CORE_REFERENCE] : [CAPABILITIES_REFERENCE]);
  });

  it("is what test/tools/restate-metadata.ts writes", () => {
    expect(ourText(v)).toBe(restateVersion(v));
  });

  it("is not a copy of the original", () => {
    expect(readFileSync(restatedPath(v))).not.toStrictEqual(readFileSync(originalPath(v)));
    expect(ourText(v)).not.toBe(originalText(v));
  });

  it("carries no documentation annotations", () => {
    const text = ourText(v);
    for (const term of ["Core.V1.Description", "Core.V1.LongDescription", "Core.Description", "Core.LongDescription"]) {
      expect(text).not.toContain(term);
    }
    expect(allAnnotations(ourModel().schemas).filter((a) => /\.(Long)?Description$/.test(a.term))).toStrictEqual([]);
  });

  it("follows the project's layout", () => {
    const text = ourText(v);
    const lines = text.split("\n");
    expect(lines[0]).toBe('<?xml version="1.0" encoding="utf-8"?>');
    expect(lines[1]).toBe(
      `<!-- Outlook REST API ${v} schema (Microsoft.OutlookServices), restated by this project. ` +
        "Equivalent to the service's archived $metadata; test/metadata/equivalence.test.ts proves it. -->",
    );
    expect(text.endsWith("</edmx:Edmx>\n")).toBe(true);
    expect(text).not.toMatch(/\r|\t/);
    for (const line of lines) expect((/^ */.exec(line)?.[0].length ?? 0) % 2, line).toBe(0);
    // Type references go through the alias: the namespace is spelled out only in the comment and the Namespace attribute.
    expect(text.split("Microsoft.OutlookServices").length - 1).toBe(2);
    expect(text).toContain(' Namespace="Microsoft.OutlookServices" Alias="os">');
    // Defaults are omitted.
    expect(text).not.toMatch(/Nullable="true"|Abstract="false"|OpenType="false"|HasStream="false"|IsBound="false"|ContainsTarget="false"/);
    // Vocabulary terms are written through their aliases.
    expect(text).not.toMatch(/(Term|EnumMember)="Org\.OData\./);
    expect(text).toContain('Term="Capabilities.');
  });

  it("orders the schema's children by group and keeps annotations out of line", () => {
    const root = parseXml(ourText(v), restatedPath(v)).root as XmlElement;
    const schema = root.children.find((c) => c.name === "DataServices")?.children[0] as XmlElement;
    const rank: Record<string, number> = {
      EnumType: 0, TypeDefinition: 1, ComplexType: 2, EntityType: 3, Action: 4, Function: 4, EntityContainer: 5, Annotations: 6,
    };
    const ranks = schema.children.map((c) => rank[c.name] ?? -1);
    expect(ranks).not.toContain(-1);
    expect(ranks).toStrictEqual([...ranks].sort((a, b) => a - b));
    // Every <Annotation> is inside an <Annotations> block, and each target has one block.
    const misplaced: string[] = [];
    const walk = (el: XmlElement, parent: string): void => {
      if (el.name === "Annotation" && parent !== "Annotations") misplaced.push(`${parent} line ${el.line}`);
      for (const c of el.children) walk(c, el.name);
    };
    walk(root, "");
    expect(misplaced).toStrictEqual([]);
    const targets = schema.children.filter((c) => c.name === "Annotations").map((c) => c.attributes.get("Target"));
    expect(new Set(targets).size).toBe(targets.length);
  });
});

describe("concrete facts", () => {
  it("v1.0: 15 entity, 11 complex, 13 enum types, 15 actions, no Extension type, User and Me", () => {
    const s = only(ours("v1.0"));
    expect(s.entityTypes).toHaveLength(15);
    expect(s.complexTypes).toHaveLength(11);
    expect(s.enumTypes).toHaveLength(13);
    expect(s.typeDefinitions).toHaveLength(0);
    expect(s.operations.map((o) => o.kind)).toStrictEqual(Array<string>(15).fill("action"));
    expect(s.entityTypes.map((t) => t.name)).not.toContain("Extension");
    expect(s.entityTypes.map((t) => t.name)).toContain("Folder");
    expect(s.container?.entitySets.map((e) => [e.name, e.entityType])).toStrictEqual([["Users", "Microsoft.OutlookServices.User"]]);
    expect(s.container?.singletons.map((e) => [e.name, e.type])).toStrictEqual([["Me", "Microsoft.OutlookServices.User"]]);
    expect(allAnnotations(s)).toHaveLength(32);
  });

  it("v2.0: 30 entity types, 27 operations, DateTime type definition, User/Messages not change-tracked", () => {
    const s = only(ours("v2.0"));
    expect(s.entityTypes).toHaveLength(30);
    expect(s.complexTypes).toHaveLength(13);
    expect(s.enumTypes).toHaveLength(16);
    expect(s.operations).toHaveLength(27);
    expect(s.operations.filter((o) => o.kind === "function").map((o) => o.name)).toStrictEqual(["ReminderView", "ReminderView_IgnoreThis"]);
    expect(s.typeDefinitions.map((t) => [t.name, t.underlyingType])).toStrictEqual([["DateTime", "Edm.String"]]);
    const messages = entity(s, "User").navigationProperties.find((n) => n.name === "Messages");
    expect(messages?.capabilities.changeTracking).toBe(false);
    expect(messages?.containsTarget).toBe(true);
    expect(messages?.type).toStrictEqual({ kind: "typeRef", name: "Microsoft.OutlookServices.Message", collection: true });
    const reminderView = s.operations.find((o) => o.name === "ReminderView");
    expect(reminderView?.bindingParameter?.name).toBe("bindingparameter");
    expect(reminderView?.returnType).toStrictEqual({
      type: { kind: "typeRef", name: "Microsoft.OutlookServices.Reminder", collection: true },
      nullable: false,
    });
    expect(entity(s, "Photo").hasStream).toBe(true);
    expect(entity(s, "OpenTypeExtension").openType).toBe(true);
    expect(s.enumTypes.find((e) => e.name === "ChangeType")?.isFlags).toBe(true);
    expect(s.container?.entitySets.map((e) => e.name)).toStrictEqual(["Users", "Groups"]);
    expect(s.container?.singletons.map((e) => e.name)).toStrictEqual(["Me"]);
    expect(allAnnotations(s)).toHaveLength(195);
  });

  it("beta: 41 entity types, 34 operations, Core.IsURL kept", () => {
    const s = only(ours("beta"));
    expect(s.entityTypes).toHaveLength(41);
    expect(s.complexTypes).toHaveLength(34);
    expect(s.enumTypes).toHaveLength(32);
    expect(s.operations).toHaveLength(34);
    expect(allAnnotations(s)).toHaveLength(257);
    const url = entity(s, "ReferenceAttachment").properties.find((p) => p.name === "SourceUrl");
    expect(url?.annotations.map((a) => a.term)).toStrictEqual(["Org.OData.Core.V1.IsURL"]);
  });
});

describe("the comparison fails when one fact changes", () => {
  const v2 = readFileSync(restatedPath("v2.0"), "utf8");
  const baseModel = lazy(() => original("v2.0"));
  const mutated = (from: string, to: string): ServiceModel => {
    expect(v2).toContain(from);
    const text = v2.replace(from, to);
    expect(text).not.toBe(v2);
    return ours("v2.0", text);
  };

  it("a flipped Nullable", () => {
    const m = mutated('<Property Name="Size" Type="Edm.Int32" Nullable="false"/>', '<Property Name="Size" Type="Edm.Int32"/>');
    expect(equivalent(m, baseModel())).toBe(false);
  });

  it("a dropped Capabilities annotation", () => {
    const block = /<Annotations Target="os\.User\/Messages">\n( *<Annotation Term="Capabilities\.ChangeTracking">\n(?: .*\n)*? *<\/Annotation>\n)/.exec(v2);
    expect(block?.[1]).toBeDefined();
    const m = mutated(block?.[0] ?? "", (block?.[0] ?? "").replace(block?.[1] ?? "", ""));
    expect(only(m).entityTypes.find((t) => t.name === "User")?.navigationProperties.find((n) => n.name === "Messages")?.capabilities.changeTracking).toBeUndefined();
    expect(equivalent(m, baseModel())).toBe(false);
  });

  it("two members swapped", () => {
    const a = '<Property Name="Name" Type="Edm.String"/>\n        <Property Name="ContentType" Type="Edm.String"/>';
    const b = '<Property Name="ContentType" Type="Edm.String"/>\n        <Property Name="Name" Type="Edm.String"/>';
    expect(equivalent(mutated(a, b), baseModel())).toBe(false);
  });

  it("a changed capability value", () => {
    const m = mutated('<PropertyValue Property="Supported" Bool="false"/>', '<PropertyValue Property="Supported" Bool="true"/>');
    expect(equivalent(m, baseModel())).toBe(false);
  });

  it("the unmutated text is equivalent (control)", () => {
    expect(equivalent(ours("v2.0", v2), baseModel())).toBe(true);
  });
});

describe("the metadata folder", () => {
  it("holds exactly the three restated documents", () => {
    const files = readdirSync(path.join(repoRoot, "metadata")).filter((f) => f.endsWith(".xml")).sort();
    expect(files).toStrictEqual(["beta.xml", "v1.0.xml", "v2.0.xml"]);
  });

  it("builds with zero diagnostics", () => {
    for (const v of VERSIONS) {
      const parsed = parseXml(ourText(v), restatedPath(v));
      expect(parsed.diagnostics).toStrictEqual([]);
      expect(buildModel(parsed.root as XmlElement, restatedPath(v), v).diagnostics).toStrictEqual([]);
    }
  });
});

describe("test/tools/restate-metadata.ts", () => {
  it("escapes & < > \" and control characters in attribute values", () => {
    expect(escapeAttribute('a&b<c>d"e\tf\ng\rh\u0001i\u007f\'é')).toBe("a&amp;b&lt;c&gt;d&quot;e&#x9;f&#xA;g&#xD;h&#x1;i&#x7F;'é");
    expect(escapeAttribute("&amp;")).toBe("&amp;amp;");
  });

  it("restates a document using every construct it knows, and the restatement builds the same model", () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="core.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="Test.Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="E" OpenType="true" HasStream="true">
        <Key><PropertyRef Name="Id"/></Key>
        <Property Name="Id" Type="Edm.String" Nullable="false" MaxLength="64" Unicode="false"/>
        <Property Name="Amount" Type="Edm.Decimal" Precision="9" Scale="variable" DefaultValue="0"/>
        <Property Name="Where" Type="Edm.GeographyPoint" SRID="4326"/>
        <Property Name="Tags" Type="Collection(Test.Ns.Short)"/>
        <NavigationProperty Name="Next" Type="Test.Ns.E" Nullable="false" Partner="Prev"/>
        <NavigationProperty Name="Prev" Type="Collection(Test.Ns.E)" ContainsTarget="true"/>
        <Annotation Term="Core.Description" String="a &amp; b &lt;c&gt; &quot;q&quot;&#xA;line two&#x9;tab"/>
        <Annotation Term="Test.Ns.Note" Qualifier="Q">
          <Record Type="Test.Ns.Box">
            <PropertyValue Property="Items"><Collection><String> spaced </String><Path>a/b</Path><Record><PropertyValue Property="X" Int="1"/></Record><Collection/></Collection></PropertyValue>
            <PropertyValue Property="Mode" EnumMember="Test.Ns.Mode/A Test.Ns.Mode/B"/>
          </Record>
        </Annotation>
      </EntityType>
      <ComplexType Name="Box" Abstract="true"/>
      <EnumType Name="Mode" IsFlags="true" UnderlyingType="Edm.Int64"><Member Name="A" Value="1"/><Member Name="B" Value="9007199254740993"/></EnumType>
      <EnumType Name="Plain"><Member Name="X"/><Member Name="Y"><Annotation Term="Core.Description" String="y"/></Member></EnumType>
      <TypeDefinition Name="Short" UnderlyingType="Edm.String" MaxLength="10"/>
      <Term Name="Note" Type="Test.Ns.Box" AppliesTo="EntityType Property" Nullable="false"/>
      <Function Name="f" IsBound="true" IsComposable="true">
        <Parameter Name="this" Type="Collection(Test.Ns.E)"/>
        <Parameter Name="n" Type="Edm.Int32" Nullable="false"><Annotation Term="Core.Description" String="n"/></Parameter>
        <ReturnType Type="Test.Ns.E" Nullable="false"/>
      </Function>
      <Function Name="f"><Parameter Name="s" Type="Edm.String"/><ReturnType Type="Edm.String"/></Function>
      <Action Name="go"><Parameter Name="e" Type="Test.Ns.E"/><Annotation Term="Core.Description" String="go"/></Action>
      <EntityContainer Name="Box1">
        <EntitySet Name="Es" EntityType="Test.Ns.E" IncludeInServiceDocument="false">
          <NavigationPropertyBinding Path="Next" Target="Es"/>
          <NavigationPropertyBinding Path="Test.Ns.E/Prev" Target="Test.Ns.Box1/Me/Prev"/>
          <Annotation Term="Core.Description" String="set"/>
        </EntitySet>
        <Singleton Name="Me" Type="Test.Ns.E" Nullable="true"/>
        <ActionImport Name="Go" Action="Test.Ns.go" EntitySet="Es"/>
        <FunctionImport Name="F" Function="Test.Ns.f" IncludeInServiceDocument="true"/>
      </EntityContainer>
      <Annotations Target="Test.Ns.f(Edm.String)/s"><Annotation Term="Core.Description" String="s"/></Annotations>
      <Annotations Target="Test.Ns"><Annotation Term="Core.Description" String="schema"/></Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
    const before = modelOf(text, "in.xml", "t");
    const restated = restate(before, "test");
    const after = modelOf(restated, "out.xml", "t");
    expect(facts(after)).toStrictEqual(facts(before));
    expect(after.references).toStrictEqual(before.references);
    expect(restated).toContain('String="a &amp; b &lt;c&gt; &quot;q&quot;&#xA;line two&#x9;tab"');
    expect(restated).toContain('<Annotations Target="os.f(Edm.String)/s">');
    expect(restated).toContain('<Annotations Target="os.f(Collection(os.E),Edm.Int32)/n">');
    expect(restated).toContain('<Annotations Target="os.go()">');
    expect(restated).toContain('<Annotations Target="Test.Ns">');
    expect(restated).toContain('EnumMember="os.Mode/A os.Mode/B"');
    expect(restated).not.toMatch(/<Annotation [^>]*>\s*<\/Annotation>/);
    const docs = (m: ServiceModel): unknown => only(m).entityTypes[0]?.docs;
    expect(docs(after)).toStrictEqual({ description: 'a & b <c> "q"\nline two\ttab' });
  });
});
