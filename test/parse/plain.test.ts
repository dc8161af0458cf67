/**
 * parse/plain.ts: the fast path for plain markup must never change what parseXml does. parseXml uses four answers
 * about a document before fast-xml-parser parses it (a DTD?, the skeleton's text, the validator's verdict, where the
 * start tags are); whenever plainStartTags accepts a text, each must be the one the full path would get: no DTD, the
 * skeleton the text itself, the validator content, the same start tags. Checked on the corpus (where the fast path
 * must be taken) and on many random and mutated documents, the malformed ones included.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { schemaPieces } from "../../generator/parse/incremental.js";
import { findDoctype } from "../../generator/parse/locate.js";
import { plainMarkup, type PlainMarkup } from "../../generator/parse/plain.js";
import { LONG_TEXT, skeletonOf } from "../../generator/parse/skeleton.js";
import { PARSER_OPTIONS, plainAttributes, startTagOffsets } from "../../generator/parse/xml.js";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

/** The start tags plainMarkup found, or undefined when the text is not plain. */
const plainStartTags = (text: string, limit: number): number[] | undefined => plainMarkup(text, limit)?.starts;

/** fast-xml-parser reading attributes itself, as parseXml has it do for what is not plain markup. */
const parserWithAttributes = new XMLParser(PARSER_OPTIONS);

const parserWithoutAttributes = new XMLParser({ ...PARSER_OPTIONS, ignoreAttributes: true });

/** What a parser says of a text: its error, or nothing. */
function refusal(parser: XMLParser, text: string): string | undefined {
  try {
    parser.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Each element's attributes as fast-xml-parser reads them, in document order. */
function parsedAttributes(text: string): [string, string][][] {
  const out: [string, string][][] = [];
  const walk = (nodes: Record<string, unknown>[]): void => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ":@" && k !== "#text");
      if (tag === undefined) continue;
      out.push(Object.entries((node[":@"] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      walk(node[tag] as Record<string, unknown>[]);
    }
  };
  walk(parserWithAttributes.parse(text) as Record<string, unknown>[]);
  return out;
}

/** What the full path would see, for a text plainStartTags accepted: undefined when it agrees, else the difference. */
function disagreement(text: string, limit: number, starts: readonly number[], plain?: PlainMarkup): string | undefined {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) return `the validator refuses it: ${valid.err.msg}`;
  if (findDoctype(text) !== undefined) return "it has a DOCTYPE";
  if (skeletonOf(text, (v) => v, limit).text !== text) return "the skeleton cuts something";
  const expected = startTagOffsets(text);
  if (JSON.stringify(expected) !== JSON.stringify(starts)) return `start tags ${JSON.stringify(starts)}, not ${JSON.stringify(expected)}`;
  if (plain !== undefined) {
    // parseXml takes a plain document's attributes from plainMarkup: they must be the ones fast-xml-parser reads.
    // It parses them with a parser told to skip attributes: that parser must refuse exactly what the other refuses.
    const refused = refusal(parserWithAttributes, text);
    if (refusal(parserWithoutAttributes, text) !== refused) return `the parsers disagree: ${refused ?? "accepted"}`;
    if (refused !== undefined) return undefined;
    const read = parsedAttributes(text);
    const taken = plain.starts.map((_, n) => [...plainAttributes(plain, n)]);
    if (JSON.stringify(taken) !== JSON.stringify(read)) return `attributes ${JSON.stringify(taken)}, not ${JSON.stringify(read)}`;
  }
  return undefined;
}

describe("the corpus takes the fast path, and the full path agrees", () => {
  const files = [
    corpusFile("graph-v1.0.csdl.xml"),
    corpusFile("outlook-beta.csdl.xml"),
    corpusFile("cap-mailbox.csdl.xml"),
    join(METADATA, "v2.0.xml"),
    join(REPO, "test", "fixtures", "travel.xml"),
  ];
  for (const file of files) {
    it(file.slice(file.lastIndexOf("/") + 1), () => {
      const text = readFileSync(file, "utf8");
      // parseXmlInPieces parses the pieces: nearly all must be plain (Graph has 12 of 9,895 that are not: a
      // Description with a trailing space, which the skeleton keeps).
      const pieces = [text, ...(schemaPieces(text) ?? []).map((p) => text.slice(p.start, p.end))];
      let plain = 0;
      for (const piece of pieces) {
        const markup = plainMarkup(piece, LONG_TEXT);
        if (markup === undefined) continue;
        plain++;
        expect(disagreement(piece, LONG_TEXT, markup.starts, markup)).toBeUndefined();
      }
      expect(plain).toBeGreaterThan(pieces.length * 0.99 - 1);
    });
  }
});

describe("what plainStartTags accepts, the full path would accept the same way", () => {
  const SEED = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">`,
    `<edmx:DataServices><Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    `<EntityType Name="T"><Key><PropertyRef Name="id"/></Key>`,
    `<Property Name="id" Type="Edm.String" Nullable="false" />`,
    `<Annotation Term="Core.Description" String='a "quoted" &amp; &#x41; value'/>`,
    `<Annotation Term="Core.LongDescription"><String>text &lt; &#10; more</String></Annotation>`,
    `<!-- a comment --><Record><![CDATA[ <raw> & ]]></Record>`,
    `</EntityType></Schema></edmx:DataServices></edmx:Edmx>\n`,
  ].join("\n");
  // Pieces of markup, good and bad, to splice into the seed or string together.
  const TOKENS = [
    "<", ">", "/", "/>", "</", "<a", "</a>", "<a/>", "<b:c", "</b:c>", "<a>", " ", "\n", "\t", "\r\n", '"', "'", "=",
    'x="1"', "x='1'", ' x="1"', ' y = "2" ', "&", "&amp;", "&#x41;", "&#;", "&#xZ;", "&abcdefghijklmnopqrstuvwxyz;",
    "<!--", "-->", "<![CDATA[", "]]>", "<?xml ", "<?xml version=\"1.0\"?>", "?>", "<?pi x?>", "<!DOCTYPE a>", "<!ENTITY",
    "é", "\u00a0", "\ufeff", "\uE000", "a", "Name", "-", ".", ":", "1", "<1>", "<a b>", "<a b=>", '<a b="<">',
    '<a b="x" b="y">', '<a  b="x"c="y">', "<a/ >", "</a/>", "</a >", "</a x>", "text", "  ",
  ];
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join(""));
  const mutated = fc
    .array(fc.tuple(fc.nat(SEED.length), fc.nat(8), fc.constantFrom("", ...TOKENS)), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      let text = SEED;
      for (const [at, cut, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + cut);
      return text;
    });
  // Documents built from a grammar of elements, with a few wrong parts among the right ones: one root or two,
  // attributes repeated or badly spaced, stray text, end tags that do not match.
  const name = fc.constantFrom("a", "b:c", "E", "a");
  const attribute = fc.constantFrom(' x="1"', " x='2'", ' y = "a&amp;b"', ' z=""', ' w=" t"', 'x="1"', " x", ' q="<"', ' r="&"', ' v="a\r\nb&#13;\rc"');
  const text = fc.constantFrom("", "t", " ", "\n  ", "&amp;", "&#10;", "&x", "a > b", "<!-- c -->", "<![CDATA[<&]]>", "<?pi?>", "]]>");
  const { element } = fc.letrec<{ element: string }>((tie) => ({
    element: fc.tuple(name, fc.array(attribute, { maxLength: 3 }), fc.array(fc.oneof(text, tie("element")), { maxLength: 3 }), fc.boolean(), fc.constantFrom("", " ", "x", "/"))
      .map(([n, attrs, content, selfClosing, endGap]) =>
        selfClosing && content.length === 0 ? `<${n}${attrs.join("")}/>` : `<${n}${attrs.join("")}>${content.join("")}</${endGap === "x" ? "x" : n}${endGap === "x" ? "" : endGap}>`,
      ),
  }));
  const built = fc
    .tuple(fc.constantFrom("", `<?xml version="1.0"?>\n`, "<?xml ?>", " ", "t"), fc.array(element, { minLength: 1, maxLength: 2 }), text)
    .map(([head, roots, tail]) => head + roots.join("") + tail);
  const limits = fc.constantFrom(LONG_TEXT, 4, 0);

  it("the seed is plain, and the generators make plain documents as well as malformed ones", () => {
    expect(plainStartTags(SEED, LONG_TEXT)).toBeDefined();
    const samples = [...fc.sample(mutated, { numRuns: 2000, seed: 11 }), ...fc.sample(built, { numRuns: 2000, seed: 11 })];
    const plain = samples.filter((t) => plainStartTags(t, LONG_TEXT) !== undefined).length;
    const valid = samples.filter((t) => XMLValidator.validate(t) === true).length;
    // Both kinds occur often enough for the property below to mean something.
    expect(plain).toBeGreaterThan(150);
    expect(valid - plain).toBeGreaterThan(50);
  });

  it("on mutated documents", () => {
    fc.assert(
      fc.property(mutated, limits, (text, limit) => {
        const markup = plainMarkup(text, limit);
        if (markup !== undefined) expect(disagreement(text, limit, markup.starts, markup)).toBeUndefined();
      }),
      { numRuns: 20000, seed: 7 },
    );
  });

  it("on documents built from a grammar", () => {
    fc.assert(
      fc.property(built, limits, (text, limit) => {
        const markup = plainMarkup(text, limit);
        if (markup !== undefined) expect(disagreement(text, limit, markup.starts, markup)).toBeUndefined();
      }),
      { numRuns: 20000, seed: 3 },
    );
  });

  it("on token soup", () => {
    fc.assert(
      fc.property(soup, limits, (text, limit) => {
        const markup = plainMarkup(text, limit);
        if (markup !== undefined) expect(disagreement(text, limit, markup.starts, markup)).toBeUndefined();
      }),
      { numRuns: 20000, seed: 5 },
    );
  });

  it("refuses what it must leave to the full path", () => {
    const refused = [
      `<a b="1" b="2"/>`, // the validator's "repeated"
      `<a b="1"c="2"/>`, // no space before an attribute
      `<a b/>`, // a boolean attribute
      `<a></b>`, // a mismatched end tag
      `<a/><b/>`, // two roots
      `<a>x</a>y`, // text after the root
      `<a>&bad</a>`, // an & the validator refuses
      `<!DOCTYPE a><a/>`,
      `<a><?pi x?></a>`,
      `\ufeff<a/>`,
      `<a b="<"/>`, // startTagOffsets would count the < in the value
      `<a b=" x"/>`, // a value trim would change: the skeleton restores it
      `<a b="${"x".repeat(LONG_TEXT + 1)}"/>`,
      `<a>${"x".repeat(LONG_TEXT + 1)}</a>`,
      `<a>`,
      `<a><!-- open</a>`,
      `<?xml version1.0" x="?>"?><a/>`, // a quote in the declaration that fast-xml-parser pairs differently
    ];
    for (const text of refused) expect(plainStartTags(text, LONG_TEXT), text).toBeUndefined();
    expect(plainStartTags(`<?xml version="1.0"?>\n<a b='1' c = "2"><!-- c --><d/>t &amp; &#10;<![CDATA[<]]></a >\n`, LONG_TEXT)).toEqual([22, 49]);
  });
});
