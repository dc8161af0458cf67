/**
 * parse/incremental.ts without a cache parses runs of a Schema's pieces at once (parsePlainElements) when they are
 * plain markup, and piece by piece otherwise: either way the tree must be parseXml's for the whole text, positions
 * included. Runs with pieces side by side on one line, comments between them, and a piece that is not plain markup.
 */
import { describe, expect, it } from "vitest";
import { parseXmlInPieces } from "../../generator/parse/incremental.js";
import { parseXml } from "../../generator/parse/xml.js";

const document = (body: string): string =>
  [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>`,
    `<Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">${body}</Schema>`,
    `<Schema Namespace="M" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="C"/>\r\n  <ComplexType Name="D"/></Schema>`,
    `</edmx:DataServices></edmx:Edmx>`,
  ].join("\n");

describe("parseXmlInPieces parses runs of pieces as parseXml parses the whole", () => {
  const cases: Record<string, string> = {
    "side by side on one line": `<EntityType Name="A"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType><ComplexType Name="B" a="x&amp;y"/>  <EnumType Name="E"><Member Name="m" Value="1"/></EnumType>`,
    "comments and line ends between them": `\n  <!-- one -->\n  <ComplexType Name="B"/>\r\n  <!-- two --><ComplexType Name="C">\n    <Property Name="p"\n      Type="Edm.Int32"/>\n  </ComplexType>\n`,
    "a piece that is not plain among plain ones": `\n<ComplexType Name="B"/>\n<Annotations Target="N.B"><Annotation Term="Core.Description" String="trailing space " /></Annotations>\n<ComplexType Name="C"/>\n`,
    "one piece alone": `<ComplexType Name="B"><Property Name="p" Type="Edm.String"/></ComplexType>`,
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      const text = document(body);
      const whole = parseXml(text, "d.xml");
      expect(whole.diagnostics).toEqual([]);
      expect(parseXmlInPieces(text, "d.xml")).toEqual(whole);
    });
  }

  it("a run too large for one batch is cut into several", () => {
    const types = Array.from({ length: 3000 }, (_, i) => `<ComplexType Name="T${i}"><Property Name="p${i}" Type="Edm.String" MaxLength="${i}"/></ComplexType>`);
    const text = document(`\n${types.join("\n")}\n`);
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    expect(parseXmlInPieces(text, "d.xml")).toEqual(parseXml(text, "d.xml"));
  });

  it("a malformed piece gives parseXml's diagnostics", () => {
    const text = document(`<ComplexType Name="B"/><ComplexType Name="C"><Property Name="p"></ComplexType>`);
    const whole = parseXml(text, "d.xml");
    expect(whole.diagnostics.length).toBeGreaterThan(0);
    expect(parseXmlInPieces(text, "d.xml")).toEqual(whole);
  });
});
