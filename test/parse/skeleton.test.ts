/**
 * parse/skeleton.ts: long attribute values and texts bypass fast-xml-parser. With the length limit at 0 every
 * non-empty value and text goes through a placeholder, so these tests compare that path with the parser's own, on
 * the corpus and on documents made to catch the edges (entities, white space, comments and CDATA beside a text,
 * quotes, a BOM, CRLF), and compare the diagnostics of malformed documents, positions included.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseXml } from "../../generator/parse/xml.js";
import { LONG_TEXT, skeletonOf } from "../../generator/parse/skeleton.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

const direct = (text: string): ReturnType<typeof parseXml> => parseXml(text, "f.xml", Number.MAX_SAFE_INTEGER);
const placeheld = (text: string): ReturnType<typeof parseXml> => parseXml(text, "f.xml", 0);

const wrap = (body: string): string =>
  `<?xml version="1.0"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n${body}\n</edmx:Edmx>\n`;

describe("the placeholder path gives the parser's tree", () => {
  const files = [
    corpusFile("graph-v1.0.csdl.xml"),
    corpusFile("outlook-beta.csdl.xml"),
    corpusFile("cap-mailbox.csdl.xml"),
    join(METADATA, "v2.0.xml"),
    join(REPO, "test", "fixtures", "travel.xml"),
    join(REPO, "test", "fixtures", "hostile-names.xml"),
  ];
  for (const file of files) {
    it(file.slice(file.lastIndexOf("/") + 1), () => {
      const text = readFileSync(file, "utf8");
      const expected = direct(text);
      expect(expected.root).toBeDefined();
      expect(placeheld(text)).toEqual(expected);
    });
  }

  const cases: Record<string, string> = {
    entities: `<A S="x &amp;#65; &#10;y&#x41; &lt;&gt; &quot;q&quot;"> a &amp; b &#10; &#x263A; </A>`,
    "white space at the edges": `<A S="  padded  ">\n   text with   spaces \t\n</A>`,
    "only white space": `<A S="   ">   \n\n  <B/>  \n </A>`,
    "non-XML white space only": `<A>\u00a0\u00a0</A>`,
    "texts around comments and CDATA": `<A>one<!-- c -->two<![CDATA[ <raw> & ]]>three<?pi x?>four<B/>five</A>`,
    "quotes of the other kind and > inside values": `<A S='say "hi" > there' T="it's > fine"/>`,
    "mixed content": `<A>before<B C="1">inside</B>between<D/>after</A>`,
    "CRLF line ends": `<A S="one\r\ntwo">\r\n line\r\n</A>`,
    "a BOM": `\ufeff<A S="v">t</A>`,
    "the placeholder character itself": `<A S="\uE000 7 \uE001">\uE0000\uE001</A>`,
    "text between elements": `<A>t</A> between <B/>`,
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      const text = wrap(body);
      const expected = direct(text);
      expect(expected.root).toBeDefined();
      expect(placeheld(text)).toEqual(expected);
    });
  }
});

it("a short value written as references to the placeholder's characters stays itself (not another value's text)", () => {
  const long = "a long description ".repeat(10);
  const text = wrap(`<A L="${long}" S="&#xE000;0&#xE001;"><B>&#57344;0&#57345;</B><C>${long}</C></A>`);
  const tree = parseXml(text, "f.xml", 100);
  const a = tree.root?.children[0];
  expect(a?.attributes.get("S")).toBe("\uE0000\uE001");
  expect(a?.children[0]?.text).toBe("\uE0000\uE001");
  expect(tree).toEqual(direct(text));
});

describe("malformed documents get the same diagnostic, at the same place", () => {
  const cases: Record<string, string> = {
    "an attribute without a space after a long value": `<A S="${"x".repeat(50)}"T="1"/>`,
    "a repeated attribute after a long value on the same line": `<A S="${"x".repeat(50)}" S="2"/>`,
    "an unclosed element after long texts": `<A S="${"v\n".repeat(20)}">${"t\n".repeat(20)}<B>`,
    "a bad entity in a long text": `<A>${"t".repeat(30)} & more</A>`,
    "a mismatched end tag after a long value": `<A S="${"x".repeat(60)}">\n  <B>${"t".repeat(40)}</C>\n</A>`,
    "an invalid tag name after a long text on its line": `<A>${"t".repeat(40)}<1B/></A>`,
    "a boolean attribute after a long value": `<A S="${"x ".repeat(40)}" flag/>`,
    "an unclosed quote": `<A S="${"x".repeat(40)}>text</A>`,
  };
  for (const [name, body] of Object.entries(cases)) {
    it(name, () => {
      const text = wrap(body);
      const expected = direct(text);
      expect(expected.diagnostics.length).toBeGreaterThan(0);
      expect(placeheld(text)).toEqual(expected);
    });
  }

  it("text after the root", () => {
    const text = `${wrap(`<A>${"t".repeat(30)}</A>`)}${"  x".repeat(20)}`;
    const expected = direct(text);
    expect(expected.diagnostics.length).toBeGreaterThan(0);
    expect(placeheld(text)).toEqual(expected);
  });
});

describe("attribute values are kept as written (fast-xml-parser trims them, JavaScript's trim at that)", () => {
  it.each([
    [" x", " x"],
    ["4.0 ", "4.0 "],
    ["\ufeffname", "\ufeffname"],
    ["\u00a0a\u3000", "\u00a0a\u3000"],
    ["\ta&amp;b\n", "\ta&b\n"],
    ["plain", "plain"],
  ])("%j stays %j", (raw, value) => {
    // Also in a document that holds the first placeholder characters, raw and as references: another pair is taken.
    for (const more of ["", "<C>\uE000\uE001 &#xE002;&#57347;</C>"]) {
      const parsed = parseXml(wrap(`<A N="${raw}" M='${raw}'><B>  text  </B>${more}</A>`), "t.xml");
      const a = parsed.root?.children[0];
      expect(a?.attributes.get("N")).toBe(value);
      expect(a?.attributes.get("M")).toBe(value);
      expect(a?.children[0]?.text).toBe("text"); // an element's text is trimmed, as before
      if (more) expect(a?.children[1]?.text).toBe("\uE000\uE001 \uE002\uE003");
    }
  });
});

describe("skeletonOf", () => {
  it("leaves a document with nothing long, and no attribute value to keep untrimmed, as it is (no copy)", () => {
    const text = readFileSync(corpusFile("outlook-beta.csdl.xml"), "utf8");
    expect(skeletonOf(text, (s) => s).text).toBe(text);
  });

  it("hands the parser short placeholders that keep the lines, and gives the value back", () => {
    const long = `${"word ".repeat(LONG_TEXT)}\nsecond line &amp; more`;
    const text = `<A>\n<B S="${long}"/>\n<C>${long}</C>\n</A>`;
    const decode = (s: string): string => s.replace(/&amp;/g, "&");
    const s = skeletonOf(text, decode);
    expect(s.text.length).toBeLessThan(100);
    expect(s.text.split("\n").length).toBe(text.split("\n").length);
    const tokens = s.text.match(/\uE000\d+\uE001/g) ?? [];
    expect(tokens).toHaveLength(2);
    for (const t of tokens) expect(s.restore(t)).toBe(decode(long.trim()));
    expect(s.restore("plain")).toBe("plain");
  });

  it("parses a document with a 20 MB description, the description whole", () => {
    const description = "All work and no play. ".repeat(1_000_000);
    const text = wrap(`<A><B S="${description}"/><C>${description}</C></A>`);
    const parsed = parseXml(text, "big.xml");
    const a = parsed.root?.children[0];
    expect(a?.children[0]?.attributes.get("S")).toBe(description); // an attribute's value as it is, untrimmed
    expect(a?.children[1]?.text).toBe(description.trim());
  });
});
