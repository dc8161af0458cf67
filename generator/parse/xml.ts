/**
 * Parse stage: XML text → a tree of elements with their source positions.
 *
 * fast-xml-parser does the parsing. It reports no positions for elements, so a
 * scan of the raw text records where each start tag begins; both walk the
 * document in order, so the n-th element parsed is the n-th start tag found.
 * Documents with a DTD are refused: CSDL never needs one, and a DTD is how
 * entity-expansion bombs and external entities get in. Before parsing, a
 * document is checked (DTD, long texts, fast-xml-parser's validator), unless
 * it is plain markup, which one pass of plain.ts answers for.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { findDoctype, locateProblem } from "./locate.js";
import { plainMarkup, type PlainMarkup } from "./plain.js";
import { LONG_TEXT, skeletonOf, type Skeleton } from "./skeleton.js";

export interface XmlElement {
  /** Local name, namespace prefix removed: `Edmx`, `Schema`, `EntityType`, … */
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content (trimmed). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface ParsedXml {
  readonly root?: XmlElement;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * An element's attributes: a read-only map over one flat array of names and values. A document has hundreds of
 * thousands of elements with two or three attributes each; a Map apiece (its hash table sized for more) cost about
 * three times as much, and a search of three names is as quick as a hash.
 */
class Attributes implements ReadonlyMap<string, string> {
  /** Name, value, name, value, … (names unique). */
  private readonly pairs: readonly string[];
  constructor(pairs: readonly string[]) {
    this.pairs = pairs;
  }
  get size(): number {
    return this.pairs.length / 2;
  }
  get(name: string): string | undefined {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1];
    return undefined;
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this) callback.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, string]> {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) yield [pairs[i]!, pairs[i + 1]!];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
  get [Symbol.toStringTag](): string {
    return "Attributes";
  }
}

const NO_ATTRIBUTES = new Attributes([]);
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decodes the five XML entities and numeric character references (`&#xA;`,
 * `&#10;`) in one pass, so `&amp;#65;` stays `&#65;`. fast-xml-parser's own
 * decoder leaves numeric references undecoded unless HTML entities are enabled
 * too. Nothing else is expanded (DTDs are refused before parsing).
 */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref] ?? whole;
  });
}

/** fast-xml-parser's options (exported for a test, which checks plainAttributes against the parser's own reading). */
export const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: {
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    decode: decodeEntities,
    setXmlVersion: () => undefined,
  },
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Names such as toString or hasOwnProperty are kept as they are written (the default renames them to __toString):
  // they only ever become own keys of plain objects, read back with Object.keys/entries. __proto__, constructor and
  // prototype the parser refuses outright; locate.ts says where.
  onDangerousProperty: (name: string) => name,
  // The callbacks above ignore the element's path: without this the parser spells it out as a string for each tag
  // and attribute value (matcher.toString), about a tenth of its time on Graph.
  jPath: false,
} satisfies ConstructorParameters<typeof XMLParser>[0];
const parser = new XMLParser(PARSER_OPTIONS);

/**
 * The same parser without attributes, for plain markup (plain.ts), whose attributes the pass that found it plain has
 * already read: fast-xml-parser would read each tag's attributes again, with a regex match, two arrays and an object
 * per tag (a fifth of its time on Graph), for convert to copy them once more. Their values are processed below as
 * fast-xml-parser processes them (plainAttributes).
 */
const parserWithoutAttributes = new XMLParser({ ...PARSER_OPTIONS, ignoreAttributes: true });

type FxpNode = Record<string, unknown>;

/**
 * `longText`: the length from which a value or text bypasses fast-xml-parser (skeleton.ts; tests lower it). `from`:
 * where the text starts in its document, when it is a piece of one (parse/incremental.ts): the elements' positions
 * are then the document's.
 */
export function parseXml(text: string, file: string, longText = LONG_TEXT, from?: { readonly line: number; readonly column: number }): ParsedXml {
  const cursor = new Cursor(text, from);
  const at = (offset: number): { line: number; column: number } => cursor.at(offset);

  // Plain markup (plain.ts) needs none of the checks below: it has no DTD, nothing for the skeleton to cut, and the
  // validator would accept it. Anything else takes them all, as it always has.
  const plain = plainMarkup(text, longText);
  let restore: ((value: string) => string) | undefined;
  let starts: number[];
  let markup = text;
  if (plain !== undefined) starts = plain.starts;
  else {
    const checked = checkedMarkup(text, file, at, longText);
    if ("diagnostics" in checked) return checked;
    markup = checked.skeleton.text;
    restore = checked.skeleton.restore;
    starts = startTagOffsets(text);
  }

  let ordinal = 0;
  const pairs: string[] = [];
  const convert = (node: FxpNode): XmlElement | undefined => {
    let tag: string | undefined;
    for (const k in node) {
      if (k !== ":@" && k !== "#text") {
        tag = k;
        break;
      }
    }
    if (tag === undefined) return undefined;
    const n = ordinal++;
    cursor.moveTo(starts[n] ?? 0);
    const { line, column } = cursor;
    // Arrays of the exact size (counted first): one grown by push keeps room for more (16 slots for one child).
    let attributes: ReadonlyMap<string, string> = NO_ATTRIBUTES;
    const raw = node[":@"];
    if (plain !== undefined) attributes = plainAttributes(plain, n);
    else if (raw !== undefined && typeof raw === "object") {
      // Collected in one scratch array (free again before the children are converted), then copied at its size.
      pairs.length = 0;
      for (const k in raw) {
        const v = String((raw as Record<string, unknown>)[k]);
        pairs.push(k, restore === undefined ? v : restore(v));
      }
      if (pairs.length > 0) attributes = new Attributes(pairs.slice());
    }
    let children = NO_CHILDREN;
    let content = "";
    const nodes = node[tag] as FxpNode[] | undefined;
    if (nodes !== undefined && nodes.length > 0) {
      const elements = new Array<XmlElement>(nodes.length);
      let count = 0;
      for (const child of nodes) {
        if ("#text" in child) {
          const t = String(child["#text"]);
          content += restore === undefined ? t : restore(t);
        } else {
          const el = convert(child);
          if (el) elements[count++] = el;
        }
      }
      if (count > 0) {
        elements.length = count;
        children = elements;
      }
    }
    return { name: localName(tag), attributes, children, text: content === "" ? content : content.trim(), line, column };
  };

  let parsed: FxpNode[];
  try {
    parsed = (plain !== undefined ? parserWithoutAttributes : parser).parse(markup) as FxpNode[];
  } catch (e) {
    return located(text, file, at, (e as Error).message);
  }
  const roots = parsed.map(convert).filter((e): e is XmlElement => e !== undefined);
  const root = roots[0];
  if (!root) return { diagnostics: [error("xml-malformed", "the document has no root element", { file, line: 1, column: 1 })] };
  return { root, diagnostics: [] };
}

/**
 * The n-th element's attributes in plain markup, their values as fast-xml-parser gives them: line ends normalised
 * (it does so over the whole text before parsing), trimmed (plain markup has no value that trim would change), then
 * entities decoded. Exported for a test.
 */
export function plainAttributes(plain: PlainMarkup, n: number): ReadonlyMap<string, string> {
  const from = plain.attributesFrom[n]!;
  const to = plain.attributesFrom[n + 1]!;
  if (from === to) return NO_ATTRIBUTES;
  const pairs = plain.attributes.slice(from, to);
  for (let i = 1; i < pairs.length; i += 2) {
    let value = pairs[i]!;
    if (value.includes("\r")) value = value.replace(/\r\n?/g, "\n");
    pairs[i] = decodeEntities(value);
  }
  return new Attributes(pairs);
}

/**
 * The checks a document that is not plain markup goes through before fast-xml-parser sees it: no DTD, its long texts
 * cut out (skeleton.ts), fast-xml-parser's validator. Either the skeleton to parse or the diagnostics that refuse it.
 */
function checkedMarkup(
  text: string,
  file: string,
  at: (offset: number) => { line: number; column: number },
  longText: number,
): { skeleton: Skeleton } | ParsedXml {
  const dtd = findDoctype(text);
  if (dtd) {
    const { line, column } = at(dtd.offset);
    const body = dtd.text;
    const code = /<!ENTITY[^>]*\b(SYSTEM|PUBLIC)\b/.test(body)
      ? "xml-external-entity"
      : /<!ENTITY/.test(body)
        ? "xml-entity-expansion"
        : "xml-doctype";
    const message =
      code === "xml-external-entity"
        ? "the document declares an external entity; external entities are never resolved"
        : code === "xml-entity-expansion"
          ? "the document declares entities in a DTD; entity expansion is refused (a CSDL document needs none)"
          : "the document has a DOCTYPE; CSDL documents must not carry a DTD";
    return { diagnostics: [error(code, message, { file, line, column })] };
  }

  // fast-xml-parser sees the markup with its long texts left out (skeleton.ts): it copies them a character at a time.
  const markup = skeletonOf(text, decodeEntities, longText);
  const valid = XMLValidator.validate(markup.text, { allowBooleanAttributes: false });
  if (valid !== true) {
    // The validator reports some problems (a document cut short, an unclosed comment) at 1:1 or nowhere: say where.
    // Its positions are in the skeleton's text: markup maps them (and those in its message) back to the document's.
    const { line, col } = valid.err;
    if (typeof line !== "number" || typeof col !== "number" || (line === 1 && col === 1)) return located(text, file, at, markup.message(valid.err.msg));
    const where = markup.locate(line, col);
    return { diagnostics: [error("xml-malformed", `malformed XML: ${markup.message(valid.err.msg)}`, { file, line: where.line, column: where.column })] };
  }
  return { skeleton: markup };
}

/** A parser's complaint given without a useful position, located by a scan of the text (locate.ts), else at 1:1. */
function located(text: string, file: string, at: (offset: number) => { line: number; column: number }, said: string): ParsedXml {
  const where = (offset: number): string => {
    const p = at(offset);
    return `${p.line}:${p.column}`;
  };
  const problem = locateProblem(text, where);
  if (problem !== undefined) return { diagnostics: [error("xml-malformed", `malformed XML: ${problem.message}`, { file, ...at(problem.offset) })] };
  const message = text.trim() === "" ? "the document is empty" : said;
  return { diagnostics: [error("xml-malformed", `malformed XML: ${message}`, { file, line: 1, column: 1 })] };
}

function localName(tag: string): string {
  const i = tag.indexOf(":");
  return i < 0 ? tag : tag.slice(i + 1);
}

/**
 * Line and column (from 1) of an offset. The elements are converted in document order, so a cursor that moves on
 * from the last offset asked finds each in one pass over the text, without an index of every line (which for a
 * large document is an array of a million numbers); an earlier offset starts again from the top. In a piece of a
 * document that starts at `from`, every line moves down and the first line also right.
 *
 * moveTo leaves the position in `line` and `column` rather than returning an object: it is asked once per element.
 */
class Cursor {
  line = 1;
  column = 1;
  private lineInText = 1;
  private lineStart = 0;
  private scanned = 0; // the newlines before this offset are counted
  constructor(
    private readonly text: string,
    private readonly from: { readonly line: number; readonly column: number } = { line: 1, column: 1 },
  ) {}
  moveTo(offset: number): void {
    const text = this.text;
    if (offset < this.scanned) {
      this.lineInText = 1;
      this.lineStart = 0;
      this.scanned = 0;
    }
    // A loop over the characters rather than indexOf: called once per element, indexOf's cost per call (two calls,
    // the second finding the next newline past the offset, to be found again next time) was most of the time here.
    for (let j = this.scanned; j < offset; j++) {
      if (text.charCodeAt(j) === 10) {
        this.lineInText++;
        this.lineStart = j + 1;
      }
    }
    if (offset > this.scanned) this.scanned = offset;
    const column = offset - this.lineStart + 1;
    this.line = this.lineInText + this.from.line - 1;
    this.column = this.lineInText === 1 ? column + this.from.column - 1 : column;
  }
  at(offset: number): { line: number; column: number } {
    this.moveTo(offset);
    return { line: this.line, column: this.column };
  }
}

/** Offsets of every element start tag, in document order, skipping comments, CDATA and PIs. Exported for a test. */
export function startTagOffsets(text: string): number[] {
  const out: number[] = [];
  let i = text.indexOf("<");
  while (i >= 0) {
    if (text.startsWith("<!--", i)) i = skipTo(text, i, "-->");
    else if (text.startsWith("<![CDATA[", i)) i = skipTo(text, i, "]]>");
    else if (text.startsWith("<?", i)) i = skipTo(text, i, "?>");
    else if (text.startsWith("<!", i) || text.startsWith("</", i)) i = skipTo(text, i, ">");
    else {
      out.push(i);
      i++;
    }
    i = text.indexOf("<", i);
  }
  return out;
}

function skipTo(text: string, from: number, end: string): number {
  const j = text.indexOf(end, from);
  return j < 0 ? text.length : j + end.length;
}
