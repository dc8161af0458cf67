/**
 * Bad and hostile input: every problem becomes a diagnostic with a stable code,
 * the file, the line and column where the XML gives them, and the CSDL path of
 * the element concerned. Nothing throws, nothing hangs, nothing is fetched.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import { buildModel } from "../../generator/model/build.js";
import type { ServiceModel } from "../../generator/model/types.js";
import { parseXml } from "../../generator/parse/xml.js";

const FILE = "hostile.csdl.xml";

interface Loaded {
  readonly model?: ServiceModel;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse and model stages together, as the pipeline runs them. */
function load(text: string, file = FILE): Loaded {
  const parsed = parseXml(text, file);
  if (!parsed.root) return { diagnostics: parsed.diagnostics };
  const built = buildModel(parsed.root, file, "test");
  return { ...(built.model ? { model: built.model } : {}), diagnostics: [...parsed.diagnostics, ...built.diagnostics] };
}

function loadSafely(text: string): Loaded {
  let out: Loaded | undefined;
  expect(() => {
    out = load(text);
  }).not.toThrow();
  return out as Loaded;
}

const errors = (l: Loaded): Diagnostic[] => l.diagnostics.filter((d) => d.severity === "error");
const withCode = (l: Loaded, code: string): Diagnostic[] => l.diagnostics.filter((d) => d.code === code);

/** A document whose schema body starts on line 5, indented by 6 spaces (so elements start at column 7). */
const doc = (body: string, ns = "NS"): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    "  <edmx:DataServices>",
    `    <Schema Namespace="${ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    ...body.split("\n").map((l) => `      ${l}`),
    "    </Schema>",
    "  </edmx:DataServices>",
    "</edmx:Edmx>",
    "",
  ].join("\n");

const ENTITY = '<EntityType Name="Entity"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>';

interface Expected {
  readonly code: string;
  /** how many diagnostics of this code (default 1); the first is checked */
  readonly count?: number;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
}

const cases: readonly (readonly [string, string, Expected])[] = [
  [
    "malformed XML (mismatched closing tag)",
    doc(`<EntityType Name="A">\n</ComplexType>`),
    { code: "xml-malformed", line: 6 },
  ],
  [
    "malformed XML (repeated attribute)",
    doc(`<ComplexType Name="A" Name="B"/>`),
    { code: "xml-malformed", line: 5 },
  ],
  ["malformed XML (truncated)", doc(ENTITY).slice(0, 200), { code: "xml-malformed" }],
  [
    "an unresolved type",
    doc(`${ENTITY}\n<EntityType Name="Message" BaseType="NS.Entity">\n  <Property Name="Subject" Type="NS.Missing"/>\n</EntityType>`),
    { code: "unresolved-type", line: 7, column: 9, path: "Schema[NS]/EntityType[Message]/Property[Subject]" },
  ],
  [
    "an unresolved collection element type",
    doc(`<ComplexType Name="C">\n  <Property Name="Tags" Type="Collection(NS.Tag)"/>\n</ComplexType>`),
    { code: "unresolved-type", line: 6, column: 9, path: "Schema[NS]/ComplexType[C]/Property[Tags]" },
  ],
  [
    "an unresolved base type",
    doc(`<ComplexType Name="C" BaseType="NS.Nowhere"/>`),
    { code: "unresolved-type", line: 5, column: 7, path: "Schema[NS]/ComplexType[C]" },
  ],
  [
    "a cyclic BaseType",
    doc(`<ComplexType Name="A" BaseType="NS.B"/>\n<ComplexType Name="B" BaseType="NS.A"/>`),
    { code: "cyclic-base-type", count: 2, line: 5, column: 7, path: "Schema[NS]/ComplexType[A]" },
  ],
  [
    "a type that is its own base type",
    doc(`<ComplexType Name="A" BaseType="NS.A"/>`),
    { code: "cyclic-base-type", line: 5, column: 7, path: "Schema[NS]/ComplexType[A]" },
  ],
  [
    "a duplicate type name",
    doc(`<ComplexType Name="A"/>\n<EnumType Name="A"><Member Name="x"/></EnumType>`),
    { code: "duplicate-name", line: 6, column: 7, path: "Schema[NS]/EnumType[A]" },
  ],
  [
    "a duplicate property name",
    doc(`<ComplexType Name="A">\n  <Property Name="p" Type="Edm.String"/>\n  <Property Name="p" Type="Edm.Int32"/>\n</ComplexType>`),
    { code: "duplicate-name", line: 7, column: 9, path: "Schema[NS]/ComplexType[A]/Property[p]" },
  ],
  [
    "a navigation property named like a property",
    doc(`${ENTITY}\n<EntityType Name="B" BaseType="NS.Entity">\n  <Property Name="x" Type="Edm.String"/>\n  <NavigationProperty Name="x" Type="NS.Entity"/>\n</EntityType>`),
    { code: "duplicate-name", line: 8, column: 9, path: "Schema[NS]/EntityType[B]/NavigationProperty[x]" },
  ],
  [
    "a duplicate enum member",
    doc(`<EnumType Name="E">\n  <Member Name="a"/>\n  <Member Name="a"/>\n</EnumType>`),
    { code: "duplicate-name", line: 7, column: 9, path: "Schema[NS]/EnumType[E]/Member[a]" },
  ],
  [
    "a duplicate container child",
    doc(`${ENTITY}\n<EntityContainer Name="C">\n  <EntitySet Name="S" EntityType="NS.Entity"/>\n  <Singleton Name="S" Type="NS.Entity"/>\n</EntityContainer>`),
    { code: "duplicate-name", line: 8, column: 9, path: "Schema[NS]/EntityContainer[C]/Singleton[S]" },
  ],
  [
    "an entity type without key used by an entity set",
    doc(`<EntityType Name="NoKey">\n  <Property Name="Id" Type="Edm.String"/>\n</EntityType>\n<EntityContainer Name="C">\n  <EntitySet Name="Things" EntityType="NS.NoKey"/>\n</EntityContainer>`),
    { code: "missing-key", line: 5, column: 7, path: "Schema[NS]/EntityType[NoKey]" },
  ],
];

describe("each problem yields one diagnostic with code, file, position and CSDL path", () => {
  it.each(cases)("%s", (_name, text, expected) => {
    const loaded = loadSafely(text);
    const found = withCode(loaded, expected.code);
    expect(found, JSON.stringify(loaded.diagnostics, null, 2)).toHaveLength(expected.count ?? 1);
    const d = found[0] as Diagnostic;
    expect(d.severity).toBe("error");
    expect(d.file).toBe(FILE);
    expect(d.message.length).toBeGreaterThan(0);
    if (expected.line !== undefined) expect(d.line).toBe(expected.line);
    if (expected.column !== undefined) expect(d.column).toBe(expected.column);
    if (expected.path !== undefined) expect(d.path).toBe(expected.path);
    // Nothing else is wrong with these documents.
    expect(errors(loaded).filter((e) => e.code !== expected.code)).toStrictEqual([]);
  });
});

describe("XML-level attacks are refused before any expansion", () => {
  const lol = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE lolz [",
    '  <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    "]>",
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
    '<Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="&lol9;"/></Schema>',
    "</edmx:DataServices></edmx:Edmx>",
  ].join("\n");

  it("billion laughs: xml-entity-expansion, at the DOCTYPE, quickly, without a model", () => {
    const started = performance.now();
    const loaded = loadSafely(lol);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(loaded.model).toBeUndefined();
    expect(loaded.diagnostics).toStrictEqual([
      expect.objectContaining({ severity: "error", code: "xml-entity-expansion", file: FILE, line: 2, column: 1 }),
    ]);
  });

  it("a quadratic blow-up (one huge entity used many times) is refused the same way", () => {
    const big = `<!DOCTYPE a [<!ENTITY x "${"x".repeat(100_000)}">]>\n<a>${"&x;".repeat(1000)}</a>`;
    const loaded = loadSafely(big);
    expect(loaded.diagnostics.map((d) => [d.code, d.line, d.column])).toStrictEqual([["xml-entity-expansion", 1, 1]]);
  });

  it("an external entity: xml-external-entity, never resolved", () => {
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<!DOCTYPE edmx:Edmx [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>',
      '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
      '<Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="&x;"/></Schema>',
      "</edmx:DataServices></edmx:Edmx>",
    ].join("\n");
    const loaded = loadSafely(text);
    expect(loaded.model).toBeUndefined();
    expect(loaded.diagnostics).toStrictEqual([
      expect.objectContaining({ severity: "error", code: "xml-external-entity", file: FILE, line: 2, column: 1 }),
    ]);
    expect(JSON.stringify(loaded)).not.toContain("root:");
  });

  it("an external parameter entity (PUBLIC) is an external entity too", () => {
    const text = '<!DOCTYPE a [<!ENTITY % p PUBLIC "-//x//y" "http://example.invalid/x.dtd"> %p;]>\n<a/>';
    expect(loadSafely(text).diagnostics.map((d) => d.code)).toStrictEqual(["xml-external-entity"]);
  });
});

describe("several problems in one document", () => {
  it("are all reported together, each at its own place", () => {
    const text = doc(
      [
        '<ComplexType Name="A" BaseType="NS.B"/>',
        '<ComplexType Name="B" BaseType="NS.A"/>',
        '<ComplexType Name="C">',
        '  <Property Name="p" Type="NS.Nope"/>',
        '  <Property Name="p" Type="Edm.String"/>',
        "</ComplexType>",
        '<EnumType Name="C"><Member Name="x"/></EnumType>',
        '<EntityType Name="K"><Property Name="Id" Type="Edm.String"/></EntityType>',
        '<EntityContainer Name="Box">',
        '  <EntitySet Name="Ks" EntityType="NS.K"/>',
        '  <EntitySet Name="Ls" EntityType="NS.Unknown"/>',
        "</EntityContainer>",
      ].join("\n"),
    );
    const loaded = loadSafely(text);
    expect(loaded.model).toBeDefined();
    const got = errors(loaded)
      .map((d) => `${d.code} ${d.line}:${d.column} ${d.path ?? ""}`)
      .sort();
    expect(got).toStrictEqual(
      [
        "cyclic-base-type 5:7 Schema[NS]/ComplexType[A]",
        "cyclic-base-type 6:7 Schema[NS]/ComplexType[B]",
        "unresolved-type 8:9 Schema[NS]/ComplexType[C]/Property[p]",
        "duplicate-name 9:9 Schema[NS]/ComplexType[C]/Property[p]",
        "duplicate-name 11:7 Schema[NS]/EnumType[C]",
        "missing-key 12:7 Schema[NS]/EntityType[K]",
        "unresolved-type 15:9 Schema[NS]/EntityContainer[Box]/EntitySet[Ls]",
      ].sort(),
    );
    expect(loaded.diagnostics.every((d) => d.file === FILE)).toBe(true);
  });
});

describe("positions", () => {
  it("an element on line 5, column 7 of a small document is reported there", () => {
    const text = [
      '<?xml version="1.0"?>',
      '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
      "<edmx:DataServices>",
      '<Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="T">',
      '      <Property Name="Subject" Type="NS.Undeclared"/>',
      "</ComplexType></Schema></edmx:DataServices></edmx:Edmx>",
    ].join("\n");
    const loaded = loadSafely(text);
    expect(loaded.diagnostics).toStrictEqual([
      expect.objectContaining({
        code: "unresolved-type",
        file: FILE,
        line: 5,
        column: 7,
        path: "Schema[NS]/ComplexType[T]/Property[Subject]",
      }),
    ]);
    const property = loaded.model?.schemas[0]?.complexTypes[0]?.properties[0];
    expect(property?.origin).toStrictEqual({ file: FILE, line: 5, column: 7, path: "Schema[NS]/ComplexType[T]/Property[Subject]" });
  });

  it("positions survive comments, CDATA and multi-line tags before the element", () => {
    const text = [
      '<?xml version="1.0"?>',
      '<!-- a comment with a <fake> tag -->',
      '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
      '<Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm"><!-- <ComplexType Name="Z"/> -->',
      '<ComplexType Name="T"><Property Name="a"',
      '  Type="Edm.String"/><![CDATA[ <Property Name="c"/> ]]>  <Property Name="b" Type="NS.X"/>',
      "</ComplexType></Schema></edmx:DataServices></edmx:Edmx>",
    ].join("\n");
    const column = (text.split("\n")[5] ?? "").indexOf('<Property Name="b"') + 1;
    expect(column).toBe(58);
    const loaded = loadSafely(text);
    expect(loaded.diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toStrictEqual([
      ["unresolved-type", 6, column, "Schema[NS]/ComplexType[T]/Property[b]"],
    ]);
  });

  it("a malformed document reports the line and column of the fault", () => {
    const loaded = loadSafely('<a>\n  <b>\n    <c x="1" x="2"/>\n  </b>\n</a>');
    expect(loaded.diagnostics).toStrictEqual([expect.objectContaining({ code: "xml-malformed", file: FILE, line: 3 })]);
    expect(loaded.diagnostics[0]?.column).toBeGreaterThan(0);
  });
});

describe("never throws", () => {
  const inputs: readonly (readonly [string, string])[] = [
    ["empty text", ""],
    ["only a declaration", '<?xml version="1.0"?>'],
    ["not CSDL", "<html><body/></html>"],
    ["Edmx without DataServices", '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"/>'],
    ["a Schema without Namespace", doc("").replace(' Namespace="NS"', "")],
    ["a Property without Type", doc('<ComplexType Name="A"><Property Name="p"/></ComplexType>')],
    ["a non-integer enum value", doc('<EnumType Name="E"><Member Name="a" Value="one"/></EnumType>')],
    ["a bound action without parameters", doc('<Action Name="Go" IsBound="true"/>')],
    ["an ActionImport of nothing", doc('<EntityContainer Name="C"><ActionImport Name="x" Action="NS.nothing"/></EntityContainer>')],
    ["an annotation aimed at nothing", doc('<Annotations Target="NS.Nothing/Here"><Annotation Term="Core.Description" String="x"/></Annotations>')],
    ["binary noise", "\u0000\u0001<\u0002>&&&<<<]]>"],
  ];
  it.each(inputs)("%s", (_name, text) => {
    const loaded = loadSafely(text);
    expect(loaded.diagnostics.length).toBeGreaterThan(0);
    for (const d of loaded.diagnostics) {
      expect(d.file).toBe(FILE);
      expect(typeof d.code).toBe("string");
    }
  });
});
