/**
 * The incremental parse --watch uses: for any text, the same tree (positions included) and the same diagnostics as
 * parseXml; after an edit, only the changed pieces are parsed again.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXmlIncremental, parseXmlInPieces, schemaPieces } from "../../generator/parse/incremental.js";
import { parseXml } from "../../generator/parse/xml.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

const FIXTURES = join(REPO, "test", "fixtures");
const documents = [
  ...readdirSync(METADATA).map((f) => join(METADATA, f)),
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".xml"))
    .map((f) => join(FIXTURES, f)),
  corpusFile("graph-v1.0.csdl.xml"),
  corpusFile("cap-mailbox.csdl.xml"),
];

describe("parseXmlIncremental", () => {
  it.each(documents.map((d) => [basename(d), d]))("gives parseXml's result for %s, cold and warm", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const whole = parseXml(text, file);
    const cold = parseXmlIncremental(text, file);
    expect(cold.parsed).toEqual(whole);
    const warm = parseXmlIncremental(text, file, cold.cache);
    expect(warm.parsed).toEqual(whole);
    if (cold.fresh !== undefined) expect(warm.fresh).toBe(0);
    // A run that parses once (generate without a run cache) places each piece where it stands, keeping none.
    expect(parseXmlInPieces(text, file)).toEqual(whole);
  }, 60_000);

  it("parseXmlInPieces places the elements of a piece where they stand in the document", () => {
    const text = [
      '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
      '<Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">  <EntityType Name="A"><Key><PropertyRef Name="id"/></Key>',
      '      <Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>',
      "</Schema></edmx:DataServices></edmx:Edmx>",
    ].join("\n");
    const parsed = parseXmlInPieces(text, "p.xml");
    const type = parsed.root?.children[0]?.children[0]?.children[0];
    expect(type).toMatchObject({ name: "EntityType", line: 2, column: 73 });
    // On the piece's first line a column moves right by the piece's own; on the lines after it, it stays.
    expect(type?.children.map((c) => [c.name, c.line, c.column])).toEqual([
      ["Key", 2, 94],
      ["Property", 3, 7],
    ]);
    expect(parsed).toEqual(parseXml(text, "p.xml"));
  });

  it("after an edit to one type of Graph, parses that one piece again and gives parseXml's tree", () => {
    const file = corpusFile("graph-v1.0.csdl.xml");
    const text = readFileSync(file, "utf8");
    const first = parseXmlIncremental(text, file);
    expect(first.fresh).toBeGreaterThan(5000);
    // A new line inside `message`: every piece after it moves down one line.
    const edited = text.replace(/(<EntityType Name="message"[^>]*>)/, '$1\n    <Property Name="added" Type="Edm.String"/>');
    expect(edited).not.toBe(text);
    const second = parseXmlIncremental(edited, file, first.cache);
    expect(second.fresh).toBe(1);
    expect(second.parsed).toEqual(parseXml(edited, file));
  }, 60_000);

  it.each([
    ["a tag left open inside a type", (t: string) => t.replace('<Property Name="Subject"', '<Property Name="Subject"><Oops')],
    ["a mismatched end tag", (t: string) => t.replace("</EntityType>", "</ComplexType>")],
    ["a DOCTYPE", (t: string) => t.replace("<edmx:Edmx", '<!DOCTYPE x [<!ENTITY a "b">]><edmx:Edmx')],
    ["a quote left open", (t: string) => t.replace('Name="Subject"', 'Name="Subject')],
    ["text cut short", (t: string) => t.slice(0, Math.floor(t.length / 2))],
    // Taken out, the type would join "&am" and "p;" into a good reference: the skeleton must not accept it.
    ["an entity reference split by a type", (t: string) => t.replace("<EntityType", "&am<EntityType").replace("</EntityType>", "</EntityType>p;")],
  ])("with %s, reports what parseXml reports", (_what, edit) => {
    const file = join(METADATA, "v2.0.xml");
    const text = readFileSync(file, "utf8");
    const warm = parseXmlIncremental(text, file).cache;
    const bad = edit(text);
    expect(bad).not.toBe(text);
    const whole = parseXml(bad, file);
    expect(whole.diagnostics.length).toBeGreaterThan(0);
    expect(parseXmlInPieces(bad, file)).toEqual(whole);
    const broken = parseXmlIncremental(bad, file, warm);
    expect(broken.parsed).toEqual(whole);
    // Mended again: nothing to parse afresh, the pieces were kept.
    expect(parseXmlIncremental(text, file, broken.cache).fresh).toBe(0);
  });

  it("agrees with parseXml on generated documents (property)", () => {
    const name = fc.constantFrom("A", "B", "message", "x-y");
    const member = fc.record({ name, type: fc.constantFrom("Edm.String", "Edm.Int32"), gap: fc.constantFrom("", "\n", "\n  ", " ", "<!-- c -->") });
    const element = fc.record({
      kind: fc.constantFrom("EntityType", "ComplexType", "EnumType", "Term"),
      name,
      members: fc.array(member, { maxLength: 3 }),
      attr: fc.constantFrom("", ' Abstract="true"', ' Note="a > b"', " X='1'"),
      gap: fc.constantFrom("", "\n", "\r\n    ", "  ", "t", "&am", "p;"),
    });
    const schema = fc.record({ ns: fc.constantFrom("N", "M"), elements: fc.array(element, { maxLength: 5 }) });
    const doc = fc.array(schema, { minLength: 1, maxLength: 3 }).map(
      (schemas) =>
        `<?xml version="1.0"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n<edmx:DataServices>` +
        schemas
          .map(
            (s) =>
              `<Schema Namespace="${s.ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
              s.elements
                .map((e) =>
                  e.members.length === 0
                    ? `${e.gap}<${e.kind} Name="${e.name}"${e.attr}/>`
                    : `${e.gap}<${e.kind} Name="${e.name}"${e.attr}>${e.members.map((m) => `${m.gap}<Property Name="${m.name}" Type="${m.type}"/>`).join("")}${e.gap}</${e.kind}>`,
                )
                .join("") +
              "</Schema>",
          )
          .join("\n") +
        "</edmx:DataServices></edmx:Edmx>\n",
    );
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const first = parseXmlIncremental(a, "a.xml");
        expect(first.parsed).toEqual(parseXml(a, "a.xml"));
        expect(parseXmlInPieces(a, "a.xml")).toEqual(first.parsed);
        expect(parseXmlIncremental(b, "a.xml", first.cache).parsed).toEqual(parseXml(b, "a.xml"));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("cuts a document into the top-level elements of its schemas", () => {
    const text = '<E><DataServices><Schema><A/><B x=">"><C/></B></Schema><Schema><!-- <Z> --><A/></Schema></DataServices></E>';
    expect(schemaPieces(text)?.map((p) => [text.slice(p.start, p.end), p.schema])).toEqual([
      ["<A/>", 0],
      ['<B x=">"><C/></B>', 0],
      ["<A/>", 1],
    ]);
    expect(schemaPieces("<E><DataServices><Schema><A></Schema></DataServices>")).toBeUndefined();
    // Elements of other shapes are no pieces: the whole text then goes to parseXml.
    expect(schemaPieces("<E><D><Schema><A/></Schema></D></E>")).toEqual([]);
  });
});
